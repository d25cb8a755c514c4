"""Failures in plain words.

``explain(exc)`` turns any exception into what went wrong, in one sentence,
and a ``kind`` the window uses to pick its translated wording. Known causes
(disk full, a damaged database, a read-only folder) say what to do; anything
else is written to the log file (``app.logs``) and the sentence names it.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.domain import Document, UserError

# Below this much free space, a failing write is taken to be a full disk.
FULL_BELOW = 1 << 20


class LibraryUnusable(UserError):
    """The library's database cannot be opened safely. Nothing was changed;
    ``restore`` (or the window's dialog) brings back a backup."""

    def __init__(
        self, root: Path, reason: str, *, backups: int = 0, newest: str = "", code: str = "damaged"
    ) -> None:
        self.root = root
        self.reason = reason
        self.code = code  # missing, empty, unreadable, truncated, damaged
        self.backups = backups
        hint = (
            f" The newest of its {backups} backup(s) ({newest}) can be brought back with: "
            f"kanttekening --library \"{root}\" restore"
            if backups
            else f" There is no backup in {root / 'backups'} to bring back."
        )
        super().__init__(f"the library database in {root} {reason}. Nothing was changed.{hint}")


class DiskFull(UserError):
    def __init__(self, where: Path | str | None = None) -> None:
        place = f" ({where})" if where else ""
        super().__init__(
            f"the disk is full{place}. Nothing that was already saved is lost; "
            "free some space and try again"
        )


class MissingFile(UserError):
    """A document's stored PDF is not in files/ (deleted, or a partial copy)."""

    def __init__(self, doc: Document, path: Path) -> None:
        self.doc = doc
        self.path = path
        how = (
            f"To bring it back, import the original again with its password: "
            f"kanttekening import \"{doc.file_name}\" --password ..."
            if doc.was_encrypted
            else f"To bring it back, import the same PDF again: kanttekening import \"{doc.file_name}\""
        )
        super().__init__(
            f"the PDF of \"{doc.title}\" ({doc.file_name}) is missing from the library: "
            f"{path} is not there. {how} (your annotations on it are kept)"
        )


@dataclass(frozen=True)
class Explained:
    kind: str  # user, disk_full, damaged, read_only, busy, unexpected
    message: str
    log: Path | None = None


def free_bytes(path: Path) -> int | None:
    p = Path(path)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        st = os.statvfs(p)
    except OSError:
        return None
    return st.f_bavail * st.f_frsize


def is_disk_full(exc: BaseException, where: Path | None = None, _depth: int = 0) -> bool:
    """ENOSPC/EDQUOT, SQLite's SQLITE_FULL, or an I/O error on a disk
    that has no space left (SQLite reports a failed -shm as an I/O error);
    also when one of these caused ``exc``."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        if "database or disk is full" in text or getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            return True
        if "disk i/o error" in text and where is not None:
            free = free_bytes(where)
            return free is not None and free < FULL_BELOW
    cause = exc.__cause__ or exc.__context__
    return cause is not None and _depth < 5 and is_disk_full(cause, where, _depth + 1)


def is_damaged(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text or "file is encrypted" in text
    return False


def explain(exc: BaseException, *, library: Path | None = None) -> Explained:
    """One sentence for any failure; unexpected ones are logged first."""
    from app import logs

    if is_disk_full(exc, library):
        return Explained("disk_full", str(DiskFull(library)))
    if isinstance(exc, UserError):
        kind = "damaged" if isinstance(exc, LibraryUnusable) else "user"
        return Explained(kind, str(exc))
    if is_damaged(exc):
        where = f" in {library}" if library else ""
        log = logs.log_exception(exc)
        restore = f"kanttekening --library \"{library}\" restore" if library else "kanttekening restore"
        return Explained(
            "damaged",
            f"the library database{where} is damaged ({exc}). Bring back the newest backup "
            f"with: {restore}. Details are in {log}",
            log,
        )
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc).lower():
        return Explained("read_only", "the library cannot be changed: its folder or database is read-only")
    if isinstance(exc, PermissionError):
        return Explained("read_only", f"permission denied: {exc.filename or exc}")
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
        return Explained(
            "busy", "the library is busy with another program's change; try again in a moment"
        )
    log = logs.log_exception(exc)
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return Explained(
        "unexpected",
        f"something unexpected went wrong ({detail[:200]}). Everything saved before is kept. "
        f"Details are in {log}",
        log,
    )
