"""Importing PDF files into a library.

Per file: quick checks here (exists, not empty, starts like a PDF), SHA-256,
then text extraction in the child process (``pdfworker``), then the copy into
``files/`` (temp file, fsync, rename) and finally one transaction that adds
the document and all its pages. A file that fails leaves nothing behind; a
kill between the copy and the commit leaves at most a stray file in
``files/`` that no document points to, which ``check`` reports as harmless.

A stored PDF is removed as stray only when the database (which the library
checked when it opened) says so: before the copy, the import records the
file as pending in the database; the commit that adds the document clears
the mark. A file with an old mark and no document is an interrupted
import's leftover; removing a document marks its file the same way. A
marked file goes only when no backup holds its document either (so any
backup can be brought back whole). A file without a mark is never removed:
it may belong to a database that was replaced or restored.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from app.changes import Changes
from app.domain import KINDS, new_id, now_iso, UserError
from app.errors import is_disk_full
from app.library import Library
from app.pdfworker import ExtractFailure, ExtractionWorker
from storage import records
from storage.types import Document, Kind, Language, Page

if TYPE_CHECKING:
    from app.pdftext import Extracted  # imports PyMuPDF, which the window process does not need

PDF_MAGIC = b"%PDF-"
PENDING = "pending_file:"
REMOVED = "removed_file:"
# A pending mark or temporary file younger than this may be another
# process's import in progress.
STRAY_AFTER = 15 * 60  # seconds


@dataclass
class ImportOutcome:
    path: Path
    status: str  # imported, duplicate, failed
    message: str = ""
    document_id: str | None = None
    title: str = ""
    pages: int = 0
    code: str = ""  # for failures: encrypted, wrong_password, empty, not_pdf, ...
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    @property
    def imported(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == "imported"]

    @property
    def duplicates(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == "duplicate"]

    @property
    def failed(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def changes(self) -> Changes:
        return Changes.of(documents=[o.document_id for o in self.imported if o.document_id])


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given, and the PDFs inside folders (recursively, sorted)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            out.extend(
                sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf")
            )
        else:
            out.append(p)
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _precheck(path: Path) -> ImportOutcome | None:
    if not path.exists():
        return ImportOutcome(path, "failed", "no such file", code="missing")
    if not path.is_file():
        return ImportOutcome(path, "failed", "not a file", code="not_pdf")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        return ImportOutcome(path, "failed", f"cannot be read ({exc.strerror})", code="unreadable")
    if size == 0:
        return ImportOutcome(path, "failed", "the file is empty", code="empty")
    if PDF_MAGIC not in head:
        return ImportOutcome(path, "failed", "not a PDF file", code="not_pdf")
    return None


def _copy_atomically(src: Path, dest: Path) -> None:
    tmp = dest.with_name(dest.name + ".part")
    try:
        with src.open("rb") as fin, tmp.open("wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)  # a disk that filled up mid-copy gets its space back


def stray_files(lib: Library) -> list[Path]:
    """Files in files/ that no document points to (left by an interrupted
    import). ``<sha>.ocr.pdf``, the copy OCR made, belongs to document ``<sha>``."""
    known = {d.sha256 for d in records.list_documents(lib.db)}
    return [
        p
        for p in lib.files_dir.iterdir()
        if p.is_file() and (p.suffix == ".part" or p.name.split(".")[0] not in known)
    ]


def remove_stray_files(lib: Library) -> int:
    """Remove what the database says is left over: temporary files of an
    import, PDFs that an interrupted import marked pending and PDFs of removed
    documents; never one that a backup still holds, nor one younger than
    ``STRAY_AFTER`` (it may be another process's import in progress)."""
    from app.backups import fingerprints_in_backups

    known = {d.sha256 for d in records.list_documents(lib.db)}
    marks = {**records.meta_with_prefix(lib.db, PENDING), **records.meta_with_prefix(lib.db, REMOVED)}
    marked = {key.split(":", 1)[1]: key for key in marks}
    cutoff = time.time() - STRAY_AFTER
    in_backups: set[str] | None = None
    removed = 0
    for p in lib.files_dir.iterdir():
        try:
            old = p.is_file() and p.stat().st_mtime < cutoff
        except OSError:
            continue
        if not old:
            continue
        if p.name.endswith(".part"):
            p.unlink(missing_ok=True)
            removed += 1
        elif p.suffix == ".pdf" and p.stem not in known and p.stem in marked:
            if in_backups is None:
                in_backups = fingerprints_in_backups(lib.root)
            if p.stem not in in_backups:
                p.unlink(missing_ok=True)
                removed += 1
    stale = [
        key for sha, key in marked.items()
        if sha in known
        or (not lib.file_path(sha).exists() and (key.startswith(REMOVED) or _older(marks[key], cutoff)))
    ]
    if stale:
        with lib.write() as db:
            for key in stale:
                records.delete_meta(db, key)
    return removed


def _older(stamp: str, cutoff: float) -> bool:
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() < cutoff
    except ValueError:
        return True


ProgressFn = Callable[[int, int, Path], None]


def import_files(
    lib: Library,
    paths: Iterable[Path | str],
    *,
    password: str | None = None,
    kind: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    worker: ExtractionWorker | None = None,
) -> ImportReport:
    """Import every PDF in ``paths``. Never raises for a bad file: each file's
    fate is in the report. ``progress(done, total, path)`` is called before
    each file and once at the end."""
    if kind is not None and kind not in KINDS:
        raise UserError(f"unknown kind '{kind}'; choose one of {', '.join(KINDS)}")
    files = expand_paths(paths)
    report = ImportReport()
    own_worker = worker is None
    worker = worker or ExtractionWorker()
    try:
        remove_stray_files(lib)
        for i, path in enumerate(files):
            if cancelled():
                break
            if progress:
                progress(i, len(files), path)
            outcome = import_one(lib, path, worker, password=password, kind=kind)
            report.outcomes.append(outcome)
        if progress:
            progress(len(files), len(files), Path())
    finally:
        if own_worker:
            worker.close()
    lib.changed(report.changes)
    return report


def guess_kind(title: str, file_name: str) -> str:
    text = f"{title} {file_name}".lower()
    if any(w in text for w in ("reactie", "response", "antwoord", "reply")):
        return "response"
    if any(w in text for w in ("brief", "letter")):
        return "letter"
    if any(w in text for w in ("evaluatie", "rapport", "report", "evaluation", "onderzoek")):
        return "report"
    if any(w in text for w in ("nota", "note", "verslag", "notitie", "memo")):
        return "note"
    return "other"


def import_one(
    lib: Library,
    path: Path,
    worker: ExtractionWorker,
    *,
    password: str | None = None,
    kind: str | None = None,
) -> ImportOutcome:
    bad = _precheck(path)
    if bad:
        return bad
    digest = sha256_of(path)
    existing = records.document_by_sha(lib.db, digest)
    if existing:
        note = _bring_back_file(lib, existing, path, worker, password)
        _place_waiting_annotations(lib, existing.id)  # in case an earlier import was cut short
        return ImportOutcome(
            path, "duplicate", f"already in the library as \"{existing.title}\"{note}",
            document_id=existing.id, title=existing.title, pages=existing.page_count,
        )
    dest = lib.file_path(digest)
    was_there = dest.exists()
    decrypted = dest.with_name(dest.name + ".decrypted.part")
    try:
        result = worker.extract(path, password, decrypted)
        if isinstance(result, ExtractFailure):
            return ImportOutcome(path, "failed", result.message, code=result.code)
        was_encrypted = decrypted.exists()
        with lib.write() as db:
            records.set_meta(db, PENDING + digest, now_iso())
        if was_encrypted:
            os.replace(decrypted, dest)
        else:
            _copy_atomically(path, dest)
        file_sha = sha256_of(dest) if was_encrypted else digest
        doc_id = new_id()
        stamp = now_iso()
        doc = Document(
            id=doc_id,
            sha256=digest,
            file_sha256=file_sha,
            title=result.title,
            author=result.author,
            kind=Kind(kind or guess_kind(result.title, path.name)),
            language=Language(result.language),
            page_count=result.page_count,
            file_name=path.name,
            file_size=path.stat().st_size,
            imported_at=stamp,
            modified=stamp,
            repaired=bool(result.repaired),
            was_encrypted=was_encrypted,
            outline=json.dumps(result.outline, ensure_ascii=False),
        )
        pages = [
            Page(
                page_no=p.page_no,
                text=p.text,
                has_text=bool(p.has_text),
                width=p.width,
                height=p.height,
                label=p.label,
            )
            for p in result.pages
        ]
        with lib.write():
            records.insert_document(lib.db, doc, pages)
            records.delete_meta(lib.db, PENDING + digest)
        warnings = list(result.warnings)
        placed = _place_waiting_annotations(lib, doc_id)
        if placed:
            warnings.append(f"{placed} annotation(s) from an imported bundle were put in place")
        return ImportOutcome(
            path, "imported", "", document_id=doc_id, title=result.title,
            pages=result.page_count, warnings=warnings,
        )
    except (OSError, sqlite3.OperationalError) as exc:
        if not was_there:
            dest.unlink(missing_ok=True)
        if is_disk_full(exc, lib.root):
            return ImportOutcome(
                path, "failed", "the disk is full: free some space and import it again", code="disk_full"
            )
        if isinstance(exc, sqlite3.OperationalError):
            raise
        return ImportOutcome(path, "failed", f"cannot be stored ({exc.strerror or exc})", code="io")
    finally:
        decrypted.unlink(missing_ok=True)


def _bring_back_file(
    lib: Library, doc: Document, path: Path, worker: ExtractionWorker, password: str | None
) -> str:
    """The stored copy of a document that went missing from files/ is put
    back from the same PDF imported again (decrypted again when it was
    encrypted). Returns a note for the outcome."""
    dest = lib.document_file(doc)
    if dest.is_file():
        return ""
    if doc.was_encrypted:
        decrypted = dest.with_name(dest.name + ".decrypted.part")
        try:
            result = worker.extract(path, password, decrypted)
            if isinstance(result, ExtractFailure) or not decrypted.exists():
                return "; its stored copy is missing: import it again with its --password to put it back"
            if sha256_of(decrypted) != doc.file_sha256:
                return ""
            os.replace(decrypted, dest)
        finally:
            decrypted.unlink(missing_ok=True)
    else:
        _copy_atomically(path, dest)
    return "; its missing stored copy was put back"


def _place_waiting_annotations(lib: Library, doc_id: str) -> int:
    """Annotations from bundles that waited for this document (see docs/bundle-format.md)."""
    from app.export.bundle_merge import place_pending

    return len(place_pending(lib, doc_id).placed)
