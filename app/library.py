"""A library: one folder holding the database, the PDFs and backups.

    library.sqlite   the source of truth
    files/           each imported PDF, named by its SHA-256
    backups/         verified copies of library.sqlite

The search index is a cache kept outside the folder, in the user's cache
folder under a key made of the library's id and place (``index_cache_dir``):
a library folder is shared and synced, and the index's files (Whoosh's
table of contents is a pickle) must never be opened from a place others
can write to. A copied or synced library builds its own index.
"""
from __future__ import annotations

import getpass
import hashlib
import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import platformdirs
import sqlite_utils

from app.changes import Changes
from app.domain import UserError
from storage import LibraryTooNew, StorageError, is_busy_error, open_database, open_reader, records
from storage import db as storage_db
from storage.types import Document

ENV_VAR = "KANTTEKENING_LIBRARY"
CACHE_ENV_VAR = "KANTTEKENING_CACHE_DIR"
AUTHOR_ENV_VAR = "KANTTEKENING_AUTHOR"
DB_NAME = "library.sqlite"
# How long a write waits for another writer (a second window, a command, the
# indexer) before it is refused with a sentence. Scripts and tests may set
# KANTTEKENING_WRITE_TIMEOUT (seconds).
WRITE_TIMEOUT = 30.0


class LibraryBusy(UserError):
    """Another writer held the library for longer than the bound."""


def _write_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get("KANTTEKENING_WRITE_TIMEOUT", WRITE_TIMEOUT)))
    except ValueError:
        return WRITE_TIMEOUT


def default_library_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Kanttekening", appauthor=False)) / "library"


def index_cache_dir(root: Path, library_id: str) -> Path:
    """Where the search index of the library at ``root`` lives: the user's
    cache folder (or ``$KANTTEKENING_CACHE_DIR``), one folder per library id
    and resolved place, so two copies of one library never share an index."""
    base = os.environ.get(CACHE_ENV_VAR) or platformdirs.user_cache_dir("Kanttekening", appauthor=False)
    key = hashlib.sha256(f"{library_id}\0{Path(root).resolve()}".encode("utf-8")).hexdigest()[:24]
    return Path(base) / "index" / key


class Library:
    """An open library; use cases take it as their first argument.

    The one write gateway of the process: ``with lib.write() as db:`` runs a
    block as one ``BEGIN IMMEDIATE`` transaction on the library's single write
    connection. Threads of the process queue for it on a lock; other
    processes (a second window, a command, the indexer) wait for SQLite's
    write lock; both within ``write_timeout``, after which the write is
    refused with :class:`LibraryBusy`. Taking the lock at BEGIN (not at the
    first write, as a deferred BEGIN does) means a writer never works from a
    stale snapshot that SQLite would refuse to upgrade.

    ``lib.db`` is the connection for reading: inside a write block on this
    thread, the write connection (so reads see the block's own writes);
    anywhere else a read-only connection of the calling thread's own.
    """

    def __init__(self, root: Path, db: sqlite_utils.Database) -> None:
        self.root = root
        self._wdb = db
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite_utils.Database] = []
        self._readers_lock = threading.Lock()
        self._closed = False
        self.write_timeout = _write_timeout()
        self._listeners: list[Callable[[Changes], None]] = []
        self._index_dir: Path | None = None
        # change_log numbers this process wrote, as (after, up_to] ranges, so
        # that foreign_changes() can tell other processes' changes apart.
        self._own: list[tuple[int, int]] = []
        self._seen_seq = records.last_change_seq(db)

    # --- connections -----------------------------------------------------------
    @property
    def db(self) -> sqlite_utils.Database:
        if getattr(self._local, "depth", 0):
            return self._wdb
        reader = getattr(self._local, "reader", None)
        if reader is None:
            if self._closed:
                raise UserError("the library is closed")
            reader = self._local.reader = open_reader(self.db_path)
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    @property
    def in_write(self) -> bool:
        """Whether the calling thread is inside a write block."""
        return bool(getattr(self._local, "depth", 0))

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One transaction on the write connection; nested blocks are
        savepoints of the outer one."""
        if getattr(self._local, "depth", 0):
            self._local.depth += 1
            try:
                with self._wdb.atomic():
                    yield self._wdb
            finally:
                self._local.depth -= 1
            return
        started = time.monotonic()
        if not self._write_lock.acquire(timeout=self.write_timeout):
            raise self._busy()
        try:
            conn = self._wdb.conn
            left = max(0.0, self.write_timeout - (time.monotonic() - started))
            try:
                storage_db.begin_immediate(conn, left)
            except sqlite3.OperationalError as exc:
                if is_busy_error(exc):
                    raise self._busy() from exc
                raise
            self._local.depth = 1
            try:
                seq_before = records.last_change_seq(self._wdb)
                yield self._wdb
            except BaseException:
                storage_db.rollback(conn)
                raise
            else:
                try:
                    seq_after = records.last_change_seq(self._wdb)
                    storage_db.commit(conn)
                    if seq_after > seq_before:
                        self._own.append((seq_before, seq_after))
                        del self._own[:-500]
                except BaseException:
                    storage_db.rollback(conn)
                    raise
            finally:
                self._local.depth = 0
        finally:
            self._write_lock.release()

    def _busy(self) -> LibraryBusy:
        return LibraryBusy(
            f"the library is busy: another Kanttekening window or command kept it for more than "
            f"{self.write_timeout:g} seconds. Nothing was changed; try again in a moment."
        )

    # --- opening ---------------------------------------------------------
    @classmethod
    def open(
        cls, root: Path | str | None = None, *, create: bool = True, verify: bool = True
    ) -> "Library":
        """Open (or create) the library at ``root``. A database that is
        missing next to stored work, or damaged, is refused with
        ``LibraryUnusable`` before anything writes into it (``app.guard``);
        ``verify=False`` skips SQLite's quick_check (for ``check``, which
        reports the damage itself)."""
        from app import guard
        from app.errors import DiskFull, is_disk_full

        root = Path(root).expanduser() if root else default_library_dir()
        if root.exists() and not root.is_dir():
            raise UserError(f"{root} is not a folder")
        if not root.exists():
            if not create:
                raise UserError(f"no library at {root}")
            root.mkdir(parents=True)
        guard.before_open(root)
        try:
            for sub in ("files", "backups"):
                (root / sub).mkdir(exist_ok=True)
            db = open_database(root / DB_NAME)
        except (StorageError, OSError) as exc:
            if is_disk_full(exc, root):
                raise DiskFull(root) from exc
            if isinstance(exc, StorageError) and guard.holds_work(root) and not isinstance(exc, LibraryTooNew):
                reason = str(exc).removeprefix(f"{root / DB_NAME}: ")
                raise guard.unusable(root, f"cannot be opened: {reason}") from exc
            raise UserError(str(exc)) from exc
        try:
            if verify:
                guard.after_open(root, db.conn)
            lib = cls(root, db)
            if records.get_meta(db, "created") is None:
                with lib.write() as wdb:
                    from app.domain import now_iso

                    if records.get_meta(wdb, "created") is None:
                        records.set_meta(wdb, "created", now_iso())
        except BaseException:
            db.close()
            raise
        return lib

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            try:
                reader.close()
            except sqlite3.Error:
                pass
        with self._write_lock:
            try:
                # Fold the WAL back so the library is one file again at rest.
                storage_db.checkpoint(self._wdb)
            except sqlite3.Error:
                pass
            self._wdb.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- places ------------------------------------------------------------
    @property
    def files_dir(self) -> Path:
        return self.root / "files"

    @property
    def index_dir(self) -> Path:
        """The search index (a cache outside the library folder, see above)."""
        if self._index_dir is None:
            self._index_dir = index_cache_dir(self.root, records.get_meta(self.db, "created") or "")
        return self._index_dir

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    def file_path(self, sha256: str) -> Path:
        return self.files_dir / f"{sha256}.pdf"

    def ocr_file_path(self, sha256: str) -> Path:
        """The copy with the text layer that OCR added (see ``app/ocr_service``)."""
        return self.files_dir / f"{sha256}.ocr.pdf"

    def document_file(self, doc: Document) -> Path:
        """The PDF to read words from and show: the copy with recognised text
        when OCR made one, else the imported file."""
        layered = self.ocr_file_path(doc.sha256)
        return layered if layered.is_file() else self.file_path(doc.sha256)

    def stored_file(self, doc: Document) -> Path:
        """The stored PDF of ``doc``; a ``MissingFile`` error naming it and how
        to bring it back when it is not in files/."""
        path = self.document_file(doc)
        if not path.is_file():
            from app.errors import MissingFile

            raise MissingFile(doc, path)
        return path

    # --- who is reviewing ----------------------------------------------------
    @property
    def reviewer(self) -> str:
        """The reviewer's name: $KANTTEKENING_AUTHOR (scripts, tests), else
        the settings, else the login name."""
        env = os.environ.get(AUTHOR_ENV_VAR, "").strip()
        if env:
            return env
        name = records.get_meta(self.db, "reviewer")
        if name:
            return name
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some systems
            return "reviewer"

    @property
    def reviewer_id(self) -> str:
        """The reviewer's short id ('' until one is chosen or a team is joined)."""
        return records.get_meta(self.db, "reviewer_id") or ""

    def set_reviewer(self, name: str) -> None:
        with self.write() as db:
            records.set_meta(db, "reviewer", name.strip())

    # --- the project's name (the title of summaries and exchange files) ------------
    @property
    def project_name(self) -> str:
        """The name the reviewer gave the project, else the library folder's name."""
        return records.get_meta(self.db, "name") or self.root.name

    def set_project_name(self, name: str) -> None:
        with self.write() as db:
            records.set_meta(db, "name", " ".join(name.split()))

    # --- changes made by other processes ------------------------------------------
    def foreign_changes(self) -> Changes:
        """What other processes (a command, a second window, a teammate's
        merge) changed since the last call, read from ``change_log``. The
        window polls this and tells its views like any other change."""
        rows = records.changes_since(self.db, self._seen_seq)
        if not rows:
            return Changes()
        own = list(self._own)
        documents: set[str] = set()
        annotations: set[str] = set()
        for row in rows:
            seq = row.seq
            if any(lo < seq <= hi for lo, hi in own):
                continue
            (documents if row.entity == "document" else annotations).add(row.entity_id)
        self._seen_seq = rows[-1].seq
        return Changes.of(documents=documents, annotations=annotations)

    # --- change notification ---------------------------------------------------
    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def changed(self, changes: Changes) -> Changes:
        """Tell listeners (the search index, open views) what a use case changed."""
        if changes:
            for listener in list(self._listeners):
                listener(changes)
        return changes

    # --- finding documents --------------------------------------------------
    def resolve_document(self, ref: str) -> Document:
        """A document by id, unique id prefix, file name, or SHA-256 prefix."""
        ref = ref.strip()
        if not ref:
            raise UserError("no document given")
        docs = records.list_documents(self.db)
        exact = [d for d in docs if d.id == ref or d.sha256 == ref]
        if exact:
            return exact[0]
        by_name = [d for d in docs if d.file_name.lower() == ref.lower()]
        if len(by_name) == 1:
            return by_name[0]
        candidates = [
            d for d in docs if d.id.startswith(ref.lower()) or d.sha256.startswith(ref.lower())
        ] or by_name
        if not candidates:
            candidates = [d for d in docs if d.file_name.lower().startswith(ref.lower())]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise UserError(f"no document matches '{ref}' (see 'kanttekening documents')")
        names = ", ".join(f"{d.id[:8]} {d.file_name}" for d in candidates[:5])
        raise UserError(f"'{ref}' matches {len(candidates)} documents: {names}; give more of the id")

    # --- backups ---------------------------------------------------------------
    def backup(self, *, force: bool = False) -> Path | None:
        """A verified copy of the database in backups/ (see ``app.backups``)."""
        from app.backups import backup

        return backup(self, force=force)
