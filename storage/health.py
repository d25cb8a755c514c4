"""Is a library database file sound? Cheap looks before SQLite touches it,
SQLite's own checks, and the content counts that backups are compared by.

Nothing here writes to the database being looked at.
"""
from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

HEADER = b"SQLite format 3\x00"

# Tables whose row counts say how much work a database holds.
COUNTED = ("documents", "annotations", "tags", "links")


def header_problem(path: Path, *, wal_clean: bool) -> str | None:
    """Why the file at ``path`` cannot be a whole SQLite database (None: it
    may be). Reads the first 100 bytes and the size only.

    The size is compared with the page count in the header only when the
    WAL is empty: during a checkpoint the header may run ahead of the file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is empty"
    if len(head) < 100 or not head.startswith(HEADER):
        return "is not a SQLite database (its first bytes are wrong)"
    (page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "has a damaged header (impossible page size)"
    if wal_clean:
        if size % page_size:
            return "is cut off (its size is not a whole number of pages)"
        change, pages = struct.unpack(">II", head[24:32])
        (valid_for,) = struct.unpack(">I", head[92:96])
        if pages and change == valid_for and size < pages * page_size:
            return f"is cut off ({size // page_size} of its {pages} pages are there)"
    return None


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's ``quick_check`` (structure, not index contents): None when fine,
    else the first problem it names."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return _first_problem(rows)


def _first_problem(rows: list[tuple]) -> str | None:
    first = str(rows[0][0]) if rows else "no answer"
    if first == "ok":
        return None
    return " ".join(first.replace("*** in database main ***", "").split())


def integrity_check(conn: sqlite3.Connection) -> str | None:
    """The full ``integrity_check``: None when fine, else the first problem."""
    try:
        rows = conn.execute("PRAGMA integrity_check(1)").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return _first_problem(rows)


@dataclass(frozen=True)
class Contents:
    """How much a database holds (row counts of the tables reviewers fill)."""

    documents: int = 0
    annotations: int = 0
    tags: int = 0
    links: int = 0

    @property
    def empty(self) -> bool:
        return not (self.documents or self.annotations or self.tags or self.links)

    def describe(self) -> str:
        return f"{self.documents} document(s), {self.annotations} annotation(s)"


def contents(conn: sqlite3.Connection) -> Contents:
    counts = []
    for table in COUNTED:  # fixed names, never input
        counts.append(int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]))
    return Contents(*counts)


def document_fingerprints(conn: sqlite3.Connection) -> set[str]:
    """The SHA-256 of every document a database holds (names its stored PDFs)."""
    return {r[0] for r in conn.execute("SELECT sha256 FROM documents")}


def library_id(conn: sqlite3.Connection) -> str | None:
    """The id a library was created with (names its search index)."""
    try:
        row = conn.execute("SELECT value FROM library_meta WHERE key = 'created'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def open_readonly(path: Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection that cannot change the file. ``immutable``:
    for a file nobody writes (a backup): no locks, no -wal/-shm created."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=10.0)


@dataclass(frozen=True)
class FileVerdict:
    problem: str | None
    version: int = 0
    contents: Contents = Contents()


def verify_file(path: Path) -> FileVerdict:
    """A full check of a database file (a backup): integrity, schema version,
    contents. Opens it read-only."""
    try:
        conn = open_readonly(path, immutable=True)
    except sqlite3.Error as exc:
        return FileVerdict(str(exc))
    try:
        problem = integrity_check(conn)
        if problem:
            return FileVerdict(problem)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            found = contents(conn)
        except sqlite3.DatabaseError as exc:
            return FileVerdict(f"not a library database ({exc})")
        return FileVerdict(None, version, found)
    finally:
        conn.close()


def backup_into(source: sqlite3.Connection, target: Path) -> FileVerdict:
    """Copy a live database into the new file ``target`` with SQLite's online
    backup, as one file (rollback journal mode, readable without -wal/-shm),
    and check the copy with ``integrity_check``."""
    conn = sqlite3.connect(str(target))
    try:
        source.backup(conn, pages=256)
        conn.execute("PRAGMA journal_mode = DELETE")
        problem = integrity_check(conn)
        if problem:
            return FileVerdict(problem)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        return FileVerdict(None, version, contents(conn))
    finally:
        conn.close()
