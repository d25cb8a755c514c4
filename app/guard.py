"""Looking at a library's database before anything writes into it.

A missing, empty or unreadable ``library.sqlite`` next to stored PDFs or
backups is never replaced by a new empty library: that would make every
stored PDF look like a stray file and let empty backups rotate the good
ones out. A damaged database (bad header, cut off, pages SQLite's
``quick_check`` rejects) is refused before the first write. Either way the
message names the backups and the ``restore`` command.

Cost (``tests/bench/bench_open.py``, medians): the header look is a few
hundredths of a millisecond; ``quick_check`` reads every page, about 5 ms
on the six samples (0.8 MB) and 18 ms on a 13 MB library, small next to
the start-up of the command line (importing sqlite-utils alone takes
longer) or the window. It runs at every open: damage is caught before the
first write, not only after an unclean shutdown. What it cannot see: bytes
changed inside stored text (SQLite keeps no checksums); structure damage
(page headers, cell pointers, b-tree links, cut-off files) it does see.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from app.backups import DB_NAME, list_backups
from app.errors import LibraryUnusable
from storage import health


def unusable(root: Path, reason: str, code: str = "damaged") -> LibraryUnusable:
    backups = list_backups(root)
    return LibraryUnusable(
        root, reason, backups=len(backups), newest=backups[0].when if backups else "", code=code
    )


def holds_work(root: Path) -> bool:
    """Stored PDFs or backups: a folder that has been a library."""
    files = root / "files"
    if files.is_dir() and any(p.is_file() for p in files.iterdir()):
        return True
    return bool(list_backups(root))


def wal_clean(root: Path) -> bool:
    wal = root / f"{DB_NAME}-wal"
    try:
        return not wal.exists() or wal.stat().st_size == 0
    except OSError:
        return False


def before_open(root: Path) -> None:
    """Refuse a database file that SQLite would re-initialise or misread."""
    db_path = root / DB_NAME
    exists = db_path.exists()
    empty = exists and db_path.is_file() and db_path.stat().st_size == 0
    if (not exists or empty) and holds_work(root):
        what = "is missing" if not exists else "is empty"
        raise unusable(
            root,
            f"{what}, but the folder holds the library's stored PDFs or backups "
            "(a sync tool or an incomplete copy?)",
            "missing" if not exists else "empty",
        )
    if not exists or empty:
        return  # a new library
    problem = health.header_problem(db_path, wal_clean=wal_clean(root))
    if problem:
        code = "unreadable" if "cannot be read" in problem else "truncated" if "cut off" in problem else "damaged"
        raise unusable(root, problem, code)


def after_open(root: Path, conn: sqlite3.Connection) -> None:
    """SQLite's quick_check before the first write."""
    problem = health.quick_check(conn)
    if problem:
        raise unusable(root, f"is damaged ({problem})")
