"""The OCR use case: recognise a document's scanned pages, one page at a time.

The child process (``pdfworker``) recognises a page, writes the stored copy
with its new text layer (``files/<sha256>.ocr.pdf``, replaced atomically),
and reports the page; this module then stores the page's text and flags in
one short transaction and tells the listeners, so the reader and search see
each page as soon as it is done, while later pages are still being read.

The original file (``files/<sha256>.pdf``) is never changed: ``check`` still
verifies it, and ``ocr --force`` starts again from it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from app.changes import Changes
from app.domain import UserError
from app.library import Library
from app.ocr import LANGUAGES, missing_tesseract
from app.pdfworker import ExtractionWorker, OcrPageResult, OcrRequest
from storage import records

ProgressFn = Callable[[int, int, str], None]
PageFn = Callable[[OcrPageResult], None]


@dataclass
class OcrReport:
    document_id: str
    title: str
    language: str
    pages: list[OcrPageResult] = field(default_factory=list)
    wanted: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    message: str = ""  # why nothing was done (no Tesseract, nothing to do)

    @property
    def recognised(self) -> list[int]:
        return [p.page_no for p in self.pages if p.state == "recognised"]

    @property
    def unreadable(self) -> list[int]:
        return [p.page_no for p in self.pages if p.state != "recognised"]

    @property
    def confidence(self) -> float | None:
        confs = [p.confidence for p in self.pages if p.state == "recognised" and p.confidence is not None]
        return round(sum(confs) / len(confs), 1) if confs else None

    @property
    def changes(self) -> Changes:
        return Changes.of(documents=[self.document_id] if self.pages else [])


def pages_to_recognise(lib: Library, doc_id: str, force: bool = False) -> list[int]:
    """Pages without a text layer of their own; with ``force`` also those
    recognised (or found unreadable) before."""
    out = []
    for p in records.get_pages(lib.db, doc_id):
        if p.ocr:
            if force:
                out.append(p.page_no)
        elif not p.has_text:
            out.append(p.page_no)
    return out


def needs_ocr(lib: Library, doc_id: str) -> bool:
    return bool(pages_to_recognise(lib, doc_id))


def recognise_document(
    lib: Library,
    doc_id: str,
    *,
    language: str | None = None,
    force: bool = False,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    on_page: PageFn | None = None,
    worker: ExtractionWorker | None = None,
) -> OcrReport:
    """Recognise the scanned pages of one document. Without Tesseract the
    report's ``message`` says how to install it and nothing changes."""
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise UserError("that document is no longer in the library")
    if language is not None and language not in LANGUAGES:
        raise UserError(f"unknown language '{language}'; choose one of {', '.join(LANGUAGES)}")
    lang = str(language or doc.language or "nl")
    report = OcrReport(doc_id, doc.title, lang)
    wanted = pages_to_recognise(lib, doc_id, force)
    report.wanted = len(wanted)
    if not wanted:
        report.message = "every page has text; nothing to recognise"
        return report
    hint = missing_tesseract(lang)
    if hint:
        report.message = hint
        return report
    if language is not None and language != str(doc.language):
        with lib.write() as db:
            records.update_document(db, doc_id, {"language": language})
        lib.changed(Changes.of(documents=[doc_id]))
    source = lib.file_path(doc.sha256)
    target = lib.ocr_file_path(doc.sha256)
    base = target if target.exists() and not force else source
    previous = [p.page_no for p in records.get_pages(lib.db, doc_id) if p.ocr == "recognised"]
    request = OcrRequest(str(source), str(base), str(target), wanted, lang, previous)
    start = time.monotonic()
    own = worker is None
    worker = worker or ExtractionWorker()
    try:
        if progress:
            progress(0, len(wanted), "")
        for i, result in enumerate(worker.ocr(request, cancelled), start=1):
            _store_page(lib, doc_id, result)
            report.pages.append(result)
            if on_page:
                on_page(result)
            if progress:
                progress(i, max(i, len(wanted)), _page_note(result))
    except RuntimeError as exc:
        raise UserError(f"text recognition of “{doc.title}” failed: {exc}") from exc
    finally:
        if own:
            worker.close()
        report.seconds = time.monotonic() - start
    report.cancelled = not {p.page_no for p in report.pages} >= set(wanted)
    return report


def _page_note(result: OcrPageResult) -> str:
    if result.state == "recognised":
        return f"page {result.page_no}"
    return f"page {result.page_no} unreadable"


def _store_page(lib: Library, doc_id: str, result: OcrPageResult) -> None:
    with lib.write() as db:
        records.set_page_ocr(
            db, doc_id, result.page_no, text=result.text, state=result.state,
            confidence=result.confidence,
        )
        if result.previous_text is not None:  # a word hyphenated over the page break, completed
            records.set_page_text(db, doc_id, result.page_no - 1, result.previous_text)
    lib.changed(Changes.of(documents=[doc_id]))


def write_layered_pdf(lib: Library, doc_id: str, out: Path) -> Path:
    """Write the stored PDF with its invisible text layer (or the original
    when nothing was recognised) to ``out``."""
    import shutil

    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise UserError("that document is no longer in the library")
    src = lib.document_file(doc)
    tmp = out.with_name(out.name + ".part")
    try:
        shutil.copyfile(src, tmp)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return out


def recognise_imported(
    lib: Library,
    doc_ids: list[str],
    *,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[list[OcrReport], str]:
    """OCR after an import: the documents with scanned pages, one after
    another in one child process. Returns the reports and, when Tesseract is
    missing, the one sentence saying how to install it (said once, not per file)."""
    todo = [d for d in doc_ids if needs_ocr(lib, d)]
    if not todo:
        return [], ""
    hint = missing_tesseract("nl")
    if hint:
        return [], hint
    reports = []
    with ExtractionWorker() as worker:
        for doc_id in todo:
            if cancelled():
                break
            try:
                reports.append(recognise_document(lib, doc_id, progress=progress, cancelled=cancelled, worker=worker))
            except UserError as exc:  # one document that fails does not stop the others
                doc = records.get_document(lib.db, doc_id)
                reports.append(OcrReport(doc_id, doc.title if doc else doc_id, "", message=str(exc)))
    return reports, ""
