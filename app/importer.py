"""Importing PDF files into a library.

Per file: quick checks here (exists, not empty, starts like a PDF), SHA-256,
then text extraction in the child process (``pdfworker``), then the copy into
``files/`` (temp file, fsync, rename) and finally one transaction that adds
the document and all its pages. A file that fails leaves nothing behind; a
kill between the copy and the commit leaves at most a stray file in
``files/`` that no document points to, which ``check`` reports as harmless
and the next import removes.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from app.changes import Changes
from app.domain import KINDS, new_id, now_iso, UserError
from app.library import Library
from app.pdfworker import ExtractFailure, ExtractionWorker
from storage import records

if TYPE_CHECKING:
    from app.pdftext import Extracted  # imports PyMuPDF, which the window process does not need

PDF_MAGIC = b"%PDF-"


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
    with src.open("rb") as fin, tmp.open("wb") as fout:
        shutil.copyfileobj(fin, fout, 1 << 20)
        fout.flush()
        os.fsync(fout.fileno())
    os.replace(tmp, dest)


def stray_files(lib: Library) -> list[Path]:
    """Files in files/ that no document points to (left by an interrupted import)."""
    known = {d["sha256"] for d in records.list_documents(lib.db)}
    return [
        p
        for p in lib.files_dir.iterdir()
        if p.is_file() and (p.suffix == ".part" or p.stem not in known)
    ]


def remove_stray_files(lib: Library) -> int:
    stray = stray_files(lib)
    for p in stray:
        p.unlink(missing_ok=True)
    return len(stray)


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
        _place_waiting_annotations(lib, existing["id"])  # in case an earlier import was cut short
        return ImportOutcome(
            path, "duplicate", f"already in the library as \"{existing['title']}\"",
            document_id=existing["id"], title=existing["title"], pages=existing["page_count"],
        )
    dest = lib.file_path(digest)
    decrypted = dest.with_name(dest.name + ".decrypted.part")
    try:
        result = worker.extract(path, password, decrypted)
        if isinstance(result, ExtractFailure):
            return ImportOutcome(path, "failed", result.message, code=result.code)
        was_encrypted = decrypted.exists()
        if was_encrypted:
            os.replace(decrypted, dest)
        else:
            _copy_atomically(path, dest)
        file_sha = sha256_of(dest) if was_encrypted else digest
        doc_id = new_id()
        stamp = now_iso()
        doc = {
            "id": doc_id,
            "sha256": digest,
            "file_sha256": file_sha,
            "title": result.title,
            "author": result.author,
            "kind": kind or guess_kind(result.title, path.name),
            "language": result.language,
            "page_count": result.page_count,
            "file_name": path.name,
            "file_size": path.stat().st_size,
            "imported_at": stamp,
            "modified": stamp,
            "repaired": int(result.repaired),
            "was_encrypted": int(was_encrypted),
            "outline": json.dumps(result.outline, ensure_ascii=False),
        }
        pages = [
            {
                "page_no": p.page_no,
                "text": p.text,
                "has_text": int(p.has_text),
                "width": p.width,
                "height": p.height,
                "label": p.label,
            }
            for p in result.pages
        ]
        with lib.write():
            records.insert_document(lib.db, doc, pages)
        warnings = list(result.warnings)
        placed = _place_waiting_annotations(lib, doc_id)
        if placed:
            warnings.append(f"{placed} annotation(s) from an imported bundle were put in place")
        return ImportOutcome(
            path, "imported", "", document_id=doc_id, title=result.title,
            pages=result.page_count, warnings=warnings,
        )
    except OSError as exc:
        dest.unlink(missing_ok=True)
        return ImportOutcome(path, "failed", f"cannot be stored ({exc.strerror or exc})", code="io")
    finally:
        decrypted.unlink(missing_ok=True)


def _place_waiting_annotations(lib: Library, doc_id: str) -> int:
    """Annotations from bundles that waited for this document (see docs/bundle-format.md)."""
    from app.export.bundle_merge import place_pending

    return len(place_pending(lib, doc_id).placed)
