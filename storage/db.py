"""Opening a library database: pragmas, migrations, refusal of newer schemas."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from storage.migrations import LATEST, MIGRATIONS


class StorageError(Exception):
    """A library database cannot be used; the message is for the user."""


class LibraryTooNew(StorageError):
    pass


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write goes
    # through the library's write gateway, which issues BEGIN IMMEDIATE and
    # COMMIT itself.
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=10.0
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def open_reader(path: Path | str) -> sqlite_utils.Database:
    """A read-only connection for one thread: ``query_only`` makes any write
    that bypasses the write gateway fail at once instead of racing it. In WAL
    mode readers never wait for the writer."""
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=10.0
    )
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA query_only = ON")
    return sqlite_utils.Database(conn)


def is_busy_error(exc: BaseException) -> bool:
    """SQLite's "database is locked" / "database is busy"."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc)
    return "locked" in text or "busy" in text


def open_database(path: Path | str, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and create or upgrade) the library database at ``path``.

    WAL with synchronous=NORMAL: a commit survives an application crash;
    only a power loss may roll back the last commits, never corrupt.
    """
    path = Path(path)
    try:
        conn = _connect(path)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: not a usable library database ({exc})") from exc
    if str(mode).lower() != "wal":
        # e.g. a network file system; SQLite still works, just without WAL.
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = NORMAL")
    db = sqlite_utils.Database(conn)
    try:
        version = schema_version(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StorageError(f"{path}: not a usable library database ({exc})") from exc
    if version < 0:
        conn.close()
        raise StorageError(
            f"{path}: the schema version is {version}, which no Kanttekening writes "
            "(was the file changed by another program?)"
        )
    if version > LATEST:
        conn.close()
        raise LibraryTooNew(
            f"{path} was written by a newer version of Kanttekening "
            f"(schema {version}, this version knows up to {LATEST}). "
            "Update Kanttekening to open it."
        )
    if migrate and version < LATEST:
        try:
            migrate_database(db)
        except sqlite3.Error as exc:
            conn.close()
            raise StorageError(
                f"{path}: cannot be brought up to date from schema version {version} ({exc})"
            ) from exc
    return db


def migrate_database(db: sqlite_utils.Database) -> list[int]:
    """Apply pending migrations, each in its own transaction. Returns their numbers."""
    applied = []
    current = schema_version(db)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        with db.atomic():
            migration(db.conn)
            # Set last, inside the same transaction: a failure above rolls
            # the version back together with the schema.
            db.conn.execute(f"PRAGMA user_version = {int(number)}")
        applied.append(number)
    return applied
