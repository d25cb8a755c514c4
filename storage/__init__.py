"""SQLite storage of a Kanttekening library (through sqlite-utils).

Imports nothing of ours and nothing of Qt.
"""
from storage.db import (
    LibraryTooNew,
    StorageError,
    is_busy_error,
    open_database,
    open_reader,
    schema_version,
)

__all__ = [
    "LibraryTooNew",
    "StorageError",
    "is_busy_error",
    "open_database",
    "open_reader",
    "schema_version",
]
