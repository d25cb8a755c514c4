"""The offline full-text index (Whoosh), a cache rebuilt from SQLite.

Imports nothing of ours and nothing of Qt.
"""
