"""SQLite storage of a Kanttekening library (through sqlite-utils).

Imports nothing of ours and nothing of Qt.
"""
from storage.db import (
    LibraryTooNew,
    StorageError,
    open_database,
    schema_version,
)

__all__ = ["LibraryTooNew", "StorageError", "open_database", "schema_version"]
