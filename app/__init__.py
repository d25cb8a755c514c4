"""Kanttekening's core: use cases, domain types, PDF access, import, command line.

Never imports PySide6: the command line and the window share these use cases.
"""
__version__ = "0.1.0"
