"""Parse untrusted PDFs in a child process.

MuPDF can crash (segfault) or hang on hostile files, and PyMuPDF is not
thread-safe. The importer therefore hands each file to a child process that
owns every PyMuPDF object it makes. If the child dies or overruns its time,
only that file fails; the worker is started again for the next one.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable, Iterator

DEFAULT_TIMEOUT = 120.0
OCR_SILENCE = 300.0  # no word from the child about a page this long: it hangs


@dataclass
class OcrRequest:
    """Recognise ``page_nos`` of ``source`` and write the copy with a text layer
    to ``target`` (atomically, after every page). ``base`` is the file to start
    from: ``target`` itself when earlier pages already have their layer."""

    source: str
    base: str
    target: str
    page_nos: list[int]
    language: str
    # Pages recognised before (their layer is in ``base``). If ``base`` already
    # has text on a page to do (a run was killed after saving the copy but
    # before the library stored the page), the child starts again from
    # ``source`` and recognises these too, so no page gets two layers.
    previous: list[int] = field(default_factory=list)


@dataclass
class OcrPageResult:
    page_no: int
    state: str  # recognised, unreadable
    confidence: float | None
    text: str
    words: int
    seconds: float
    message: str = ""
    # The text of the page before, recognised earlier in the same run, when
    # a word hyphenated at its end ends on this page (stored with this one).
    previous_text: str | None = None


@dataclass
class ExtractFailure:
    code: str  # encrypted, wrong_password, empty, not_pdf, damaged, truncated, crash, timeout
    message: str


def _classify_error(exc: Exception, path: Path) -> ExtractFailure:
    import pymupdf

    text = str(exc).strip()
    if isinstance(exc, pymupdf.EmptyFileError):
        return ExtractFailure("empty", "the file is empty")
    if not _ends_like_pdf(path):
        return ExtractFailure("truncated", "truncated beyond repair: the file ends early; get a complete copy")
    if "Invalid number of pages" in text or "no objects found" in text:
        return ExtractFailure("damaged", "damaged beyond repair (no readable pages)")
    return ExtractFailure("damaged", f"damaged beyond repair ({text or type(exc).__name__})")


def _ends_like_pdf(path: Path) -> bool:
    try:
        size = path.stat().st_size
    except OSError:
        return False
    with path.open("rb") as fh:
        fh.seek(max(0, size - 2048))
        return b"%%EOF" in fh.read()


def extract_in_this_process(path: str, password: str | None, decrypted_copy: str | None) -> Any:
    """Open ``path`` and return an ``Extracted`` or an ``ExtractFailure``.

    When the file is encrypted and the password is right, a decrypted copy is
    written to ``decrypted_copy`` so the library never needs the password again.
    """
    import pymupdf

    from app.pdftext import extract

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.reset_mupdf_warnings()
    p = Path(path)
    try:
        doc = pymupdf.open(p, filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - every MuPDF error is classified
        return _classify_error(exc, p)
    try:
        encrypted = bool(doc.needs_pass)
        if encrypted:
            if not password:
                return ExtractFailure(
                    "encrypted", "encrypted: give the password with --password"
                )
            if not doc.authenticate(password):
                return ExtractFailure("wrong_password", "encrypted: the password is wrong")
        if doc.page_count == 0:
            return ExtractFailure("damaged", "damaged beyond repair (no pages)")
        result = extract(doc, p.name)
        if doc.is_repaired and not _ends_like_pdf(p):
            blank = [pg.page_no for pg in result.pages if not pg.has_text]
            lost = [n for n in blank if not doc[n - 1].get_images(full=False)]
            if lost:
                return ExtractFailure(
                    "truncated",
                    f"truncated beyond repair: the file ends early and {len(lost)} of "
                    f"{doc.page_count} pages lost their content; get a complete copy",
                )
        if result.repaired:
            result.warnings.append("the file was damaged and has been repaired")
        if encrypted and decrypted_copy:
            # PDF_ENCRYPT_NONE exists at run time; PyMuPDF's type hints lack it.
            doc.save(decrypted_copy, encryption=pymupdf.PDF_ENCRYPT_NONE, garbage=0)  # type: ignore[attr-defined]
        return result
    except Exception as exc:  # noqa: BLE001
        return _classify_error(exc, p)
    finally:
        doc.close()


def _save_atomically(doc: Any, target: str) -> None:
    part = target + ".part"
    doc.save(part, garbage=0, deflate=False)
    with open(part, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(part, target)


def ocr_in_this_process(conn: Connection, req: OcrRequest) -> None:
    """Recognise the pages one by one; after each, save the layered copy and
    report the page (``("page", OcrPageResult)``), so the window can show and
    search it while later pages are still being recognised. A ``"cancel"``
    message from the parent stops Tesseract at once. Ends with ``("done", msg)``."""
    import pymupdf

    from app.ocr import OcrCancelled, lay_text_over, recognise_page
    from app.pdftext import join_page_break, recognised_page_text

    pymupdf.TOOLS.mupdf_display_errors(False)
    stop = [False]

    def cancelled() -> bool:
        while not stop[0] and conn.poll():
            if conn.recv() == "cancel":
                stop[0] = True
        return stop[0]

    try:
        doc = pymupdf.open(req.base, filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        conn.send(("done", f"the stored PDF cannot be opened ({exc})"))
        return
    vocab: set[str] = set()
    page_nos = list(req.page_nos)
    if req.base != req.source and any(
        1 <= n <= doc.page_count and doc[n - 1].get_text("text").strip() for n in page_nos
    ):
        doc.close()
        doc = pymupdf.open(req.source, filetype="pdf")
        page_nos = sorted(set(page_nos) | set(req.previous))
    last: tuple[int, str] | None = None  # the page recognised just before, and its text
    try:
        for page_no in page_nos:
            if cancelled():
                break
            if not 1 <= page_no <= doc.page_count:
                continue
            try:
                result = recognise_page(doc[page_no - 1], page_no, req.language, cancelled)
            except OcrCancelled:
                break
            except Exception as exc:  # noqa: BLE001 - one bad page does not end the run
                conn.send(("page", OcrPageResult(page_no, "unreadable", None, "", 0, 0.0, str(exc))))
                continue
            text = ""
            if result.state == "recognised":
                lay_text_over(doc[page_no - 1], result.words, result.lines)
                _save_atomically(doc, req.target)
                text = recognised_page_text(doc[page_no - 1], vocab)
            state = result.state if text.strip() else "unreadable"
            previous = None
            if state == "recognised" and last is not None and last[0] == page_no - 1:
                amended = join_page_break(last[1], text, vocab)
                previous = amended if amended != last[1] else None
            last = (page_no, text) if state == "recognised" else None
            conn.send((
                "page",
                OcrPageResult(page_no, state, result.confidence, text if state == "recognised" else "",
                              len(result.words), result.seconds, previous_text=previous),
            ))
        conn.send(("done", ""))
    finally:
        doc.close()


def die_with_parent() -> None:
    """Be killed when the parent process dies (Linux only): a killed import
    must not leave a child recognising pages for nobody."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn: Connection) -> None:
    die_with_parent()
    # A hostile file must not make the child write gigabytes: cap memory.
    try:
        import resource

        limit = 4 * 1024**3
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        if isinstance(request, OcrRequest):
            try:
                ocr_in_this_process(conn, request)
            except Exception:  # noqa: BLE001 - report, never die silently
                try:
                    conn.send(("done", traceback.format_exc(limit=3).strip().splitlines()[-1]))
                except (BrokenPipeError, OSError):
                    return
            continue
        if request == "cancel":  # a cancel that came after the run ended
            continue
        try:
            reply = extract_in_this_process(*request)
        except MemoryError:
            reply = ExtractFailure("damaged", "too large to read (out of memory)")
        except Exception:  # noqa: BLE001 - report, never die silently
            reply = ExtractFailure("crash", traceback.format_exc(limit=3).strip().splitlines()[-1])
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


def _now() -> float:
    import time

    return time.monotonic()


class ExtractionWorker:
    """A child process that extracts PDFs one at a time; restarted after a crash."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._ctx = mp.get_context("spawn")
        self._proc: mp.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_serve, args=(child,), daemon=True, name="kanttekening-pdf")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def _stop(self, kill: bool = False) -> None:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if conn is not None:
            try:
                if not kill:
                    conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            conn.close()
        if proc is not None:
            if kill:
                proc.kill()
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)

    def extract(self, path: Path, password: str | None = None, decrypted_copy: Path | None = None) -> Any:
        if self._proc is None or not self._proc.is_alive():
            self._start()
        assert self._conn is not None
        self._conn.send((os.fspath(path), password, os.fspath(decrypted_copy) if decrypted_copy else None))
        if not self._conn.poll(self.timeout):
            self._stop(kill=True)
            return ExtractFailure("timeout", f"reading took longer than {self.timeout:.0f} s and was stopped")
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            code = self._proc.exitcode if self._proc else None
            self._stop(kill=True)
            return ExtractFailure("crash", f"the PDF reader crashed on this file (exit {code})")

    def ocr(self, request: OcrRequest, cancelled: Callable[[], bool] = lambda: False) -> Iterator[OcrPageResult]:
        """The pages of ``request`` as the child recognises them. Raises
        ``RuntimeError`` with a sentence when the child fails or hangs."""
        if self._proc is None or not self._proc.is_alive():
            self._start()
        assert self._conn is not None
        conn = self._conn
        conn.send(request)
        finished = False
        try:
            yield from self._ocr_replies(conn, cancelled)
            finished = True
        finally:
            if not finished:  # abandoned or failed: the child's replies must not reach the next caller
                self._stop(kill=True)

    def _ocr_replies(self, conn: Connection, cancelled: Callable[[], bool]) -> Iterator[OcrPageResult]:
        sent_cancel = False
        silent_since = _now()
        while True:
            if not sent_cancel and cancelled():
                try:
                    conn.send("cancel")
                except (BrokenPipeError, OSError):
                    pass
                sent_cancel = True
            try:
                ready = conn.poll(0.1)
            except (EOFError, OSError):
                ready = True
            if not ready:
                if _now() - silent_since > OCR_SILENCE:
                    self._stop(kill=True)
                    raise RuntimeError("text recognition stopped answering and was ended")
                continue
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                code = self._proc.exitcode if self._proc else None
                self._stop(kill=True)
                raise RuntimeError(f"text recognition crashed (exit {code})") from None
            silent_since = _now()
            if msg[0] == "page":
                yield msg[1]
            elif msg[0] == "done":
                if msg[1]:
                    raise RuntimeError(msg[1])
                return

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> "ExtractionWorker":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
