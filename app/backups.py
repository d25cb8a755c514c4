"""Backups of a library's database, and bringing one back.

A backup is a copy made with SQLite's online backup, checked with
``integrity_check`` before it gets its name (``backups/library-<UTC stamp>.sqlite``).
An empty or damaged database is never backed up over good copies, and the
rotation keeps the newest copies and one per day for a week, so a bad day
cannot push out the last good state.

``restore`` works without opening the library (that is what it is for): it
verifies the chosen copy, puts the current database aside under a new name
(never deletes it) and copies the backup in.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import UserError
from app.export.atomic import fsync_dir
from storage import health
from storage.migrations import LATEST

if TYPE_CHECKING:
    from app.library import Library

DB_NAME = "library.sqlite"
KEEP_NEWEST = 10
KEEP_DAILY_FOR = 7  # days
PREFIX, SUFFIX = "library-", ".sqlite"
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # UTC

    @property
    def when(self) -> str:
        return self.made.astimezone().strftime("%Y-%m-%d %H:%M")


def list_backups(root: Path) -> list[Backup]:
    """The backups of the library at ``root``, newest first."""
    out = []
    folder = Path(root) / "backups"
    if not folder.is_dir():
        return []
    for p in folder.glob(f"{PREFIX}*{SUFFIX}"):
        try:
            made = datetime.strptime(p.name[len(PREFIX):-len(SUFFIX)], STAMP).replace(tzinfo=timezone.utc)
        except ValueError:
            continue  # not one of ours
        out.append(Backup(p, made))
    return sorted(out, key=lambda b: b.made, reverse=True)


def to_keep(backups: list[Backup], now: datetime | None = None) -> set[Path]:
    """The newest ``KEEP_NEWEST``, and the newest of each of the last
    ``KEEP_DAILY_FOR`` days that have one."""
    now = now or datetime.now(timezone.utc)
    newest_first = sorted(backups, key=lambda b: b.made, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_NEWEST]}
    days: set[object] = set()
    for b in newest_first:
        day = b.made.date()
        if day in days or now - b.made > timedelta(days=KEEP_DAILY_FOR):
            continue
        days.add(day)
        keep.add(b.path)
    return keep


def backup(lib: "Library", *, force: bool = False) -> Path | None:
    """Copy the database into backups/ and verify the copy; rotate. Skipped
    (None) when nothing changed since the last backup, unless ``force``.
    Refused when the database is damaged, or empty while the newest backup
    is not."""
    from storage import records

    seq = str(records.last_change_seq(lib.db))
    marker = records.get_meta(lib.db, "last_backup_seq")
    existing = list_backups(lib.root)
    if not force and existing and marker == seq:
        return None
    stamp = datetime.now(timezone.utc).strftime(STAMP)
    final = lib.backups_dir / f"{PREFIX}{stamp}{SUFFIX}"
    tmp = final.with_name(final.name + ".part")
    try:
        copy = health.backup_into(lib.db.conn, tmp)
        problem, found = copy.problem, copy.contents
        if problem:
            raise UserError(
                f"no backup was made: the library database is damaged ({problem}). "
                "The existing backups are kept; see 'kanttekening restore --list'"
            )
        if found.empty and existing:
            before = health.verify_file(existing[0].path)
            if before.problem is None and not before.contents.empty:
                raise UserError(
                    "no backup was made: the library is empty, while the newest backup "
                    f"({existing[0].when}) holds {before.contents.describe()}. "
                    "It is kept; 'kanttekening restore' brings it back"
                )
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    with lib.write() as db:
        records.set_meta(db, "last_backup_seq", seq)
    keep = to_keep(list_backups(lib.root))
    dropped = False
    for old in list_backups(lib.root):
        if old.path not in keep:
            old.path.unlink(missing_ok=True)
            dropped = True
    if dropped:
        from app.importer import remove_stray_files

        remove_stray_files(lib)  # PDFs only the dropped backups still needed
    return final


def fingerprints_in_backups(root: Path) -> set[str]:
    """The documents (by SHA-256) that some backup holds: their stored PDFs
    must stay, so that bringing back any backup gives a whole library."""
    out: set[str] = set()
    for b in list_backups(root):
        try:
            conn = health.open_readonly(b.path, immutable=True)
        except sqlite3.Error:
            continue
        try:
            out |= health.document_fingerprints(conn)
        except sqlite3.DatabaseError:
            continue  # a damaged backup names nothing
        finally:
            conn.close()
    return out


# --- bringing a backup back ---------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    backup: Backup
    contents: health.Contents
    kept_aside: Path | None  # the database that was replaced, under its new name


def verify_backup(b: Backup) -> health.FileVerdict:
    verdict = health.verify_file(b.path)
    if verdict.problem is None and not 1 <= verdict.version <= LATEST:
        return health.FileVerdict(
            f"schema version {verdict.version} is not one this Kanttekening can open"
        )
    return verdict


def choose_backup(root: Path, choice: str | None = None) -> tuple[Backup, health.Contents]:
    """The backup to restore: ``choice`` (a number from ``restore --list``, a
    file name or a path), or else the newest one that passes its check."""
    backups = list_backups(root)
    if choice:
        picked = _pick(backups, choice)
        verdict = verify_backup(picked)
        if verdict.problem:
            raise UserError(f"the backup {picked.path.name} failed its check ({verdict.problem}); choose another")
        return picked, verdict.contents
    if not backups:
        raise UserError(f"there are no backups in {Path(root) / 'backups'}")
    for b in backups:
        verdict = verify_backup(b)
        if verdict.problem is None:
            return b, verdict.contents
    raise UserError(f"none of the {len(backups)} backups in {Path(root) / 'backups'} passes its check")


def _pick(backups: list[Backup], choice: str) -> Backup:
    if choice.isdigit() and 1 <= int(choice) <= len(backups):
        return backups[int(choice) - 1]
    given = Path(choice).expanduser()
    for b in backups:
        if b.path.name == choice or (given.exists() and b.path.resolve() == given.resolve()):
            return b
    if given.is_file():
        # A copy kept elsewhere: accepted as it is, with the same checks.
        return Backup(given, datetime.fromtimestamp(given.stat().st_mtime, timezone.utc))
    raise UserError(f"no backup '{choice}' (see 'kanttekening restore --list')")


def window_holding(root: Path) -> int | None:
    """The process id of a Kanttekening window that has this library open."""
    lock = Path(root) / "kanttekening.lock"
    try:
        pid = int(lock.read_text(errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def restore(root: Path, choice: str | None = None, *, check_window: bool = True) -> Restored:
    """Bring back a backup as the library's database (see the module text)."""
    root = Path(root)
    if check_window:
        pid = window_holding(root)
        if pid is not None:
            raise UserError(
                f"the library is open in a Kanttekening window (process {pid}); close it first"
            )
    picked, found = choose_backup(root, choice)
    db_path = root / DB_NAME
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    kept = None
    if db_path.exists():
        status = "damaged" if _unsound(db_path) else "replaced"
        kept = root / f"{DB_NAME}.{status}-{stamp}"
        os.replace(db_path, kept)
        wal = root / f"{DB_NAME}-wal"
        if wal.exists() and wal.stat().st_size > 0:
            os.replace(wal, Path(f"{kept}-wal"))  # its changes belong with it
    (root / f"{DB_NAME}-wal").unlink(missing_ok=True)  # empty, or never belonged to the backup
    (root / f"{DB_NAME}-shm").unlink(missing_ok=True)  # an index into the WAL moved aside
    tmp = root / f"{DB_NAME}.restoring"
    with picked.path.open("rb") as fin, tmp.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
        fout.flush()
        os.fsync(fout.fileno())
    os.replace(tmp, db_path)
    fsync_dir(root)
    # The search index (in the cache folder) followed the database that was
    # replaced: dropped, so that it is rebuilt on next use.
    from app.library import index_cache_dir

    conn = health.open_readonly(db_path)
    try:
        created = health.library_id(conn)
    finally:
        conn.close()
    if created:
        shutil.rmtree(index_cache_dir(root, created), ignore_errors=True)
    return Restored(picked, found, kept)


def _unsound(db_path: Path) -> bool:
    wal = db_path.with_name(db_path.name + "-wal")
    clean = not wal.exists() or wal.stat().st_size == 0
    if health.header_problem(db_path, wal_clean=clean):
        return True
    try:
        conn = health.open_readonly(db_path)
    except sqlite3.Error:
        return True
    try:
        return health.quick_check(conn) is not None
    finally:
        conn.close()
