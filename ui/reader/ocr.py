"""Text recognition in the window: after an import, and on demand.

OCR runs as a background op (``ui/ops.py``: progress bar and Cancel in the
status bar) that drives the extraction child; each page it finishes is
stored at once and announced here, so open readers and search pick it up
while later pages are still being recognised. Nothing here blocks the GUI
thread: the worker thread waits on the child's pipe.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction


if TYPE_CHECKING:
    from app.ocr_service import OcrReport
    from ui.main_window import MainWindow


def _service() -> Any:
    """``app.ocr_service``, read on first use (not needed to show the window)."""
    from app import ocr_service

    return ocr_service


class _PageSignals(QObject):
    sig_page = Signal(str, int)  # document id, page number; emitted from the op's thread


class OcrController(QObject):
    sig_ocr_started = Signal(str)
    """Recognition of a document began (its id)."""

    sig_ocr_page = Signal(str, int)
    """A page of a document was recognised and stored (id, page number)."""

    sig_ocr_finished = Signal(object)
    """Recognition of a document ended (its ``OcrReport``, or None after an error)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.running: set[str] = set()  # queued or being recognised
        self._queue: list[str] = []
        self._busy = False
        self._job: Any = None
        self.hint_shown = False  # the "install Tesseract" sentence is said once
        self._signals = _PageSignals(self)
        self._signals.sig_page.connect(self._page_done)
        self.action = QAction(self.tr("&Recognise text of scanned pages"), window)
        self.action.setToolTip(self.tr("Recognise the text of the open document's pages that have no text layer (OCR)"))
        self.action.triggered.connect(self._recognise_current)
        window.menu_tools.addAction(self.action)
        window.sig_import_finished.connect(self._imported)

    # --- starting --------------------------------------------------------------------
    def _imported(self, report: Any) -> None:
        for outcome in report.imported:
            if outcome.document_id and _service().needs_ocr(self.window.lib, outcome.document_id):
                self.start(outcome.document_id)

    def _recognise_current(self) -> None:
        tab = self.window.tabs.currentWidget()
        doc_id = getattr(tab, "doc_id", None)
        if not doc_id:
            return
        if not _service().needs_ocr(self.window.lib, doc_id):
            self.window.statusBar().showMessage(self.tr("Every page of this document has text."), 6000)
            return
        self.start(doc_id)

    def start(self, doc_id: str) -> bool:
        """Recognise ``doc_id`` in the background; False when it is queued or
        running already. Documents are recognised one after another in one op
        (the op pool's other thread stays free for the rest of the app)."""
        if doc_id in self.running:
            return False
        self.running.add(doc_id)
        self._queue.append(doc_id)
        self._tab_recognising(doc_id, True)
        if not self._busy:
            self._next()
        return True

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            return
        self._busy = True
        doc_id = self._queue.pop(0)
        signals = self._signals
        page_text = self.tr("page {0} of {1}")

        def work(lib, progress, cancelled) -> OcrReport:  # noqa: ANN001 - worker thread
            return _service().recognise_document(
                lib, doc_id, cancelled=cancelled,
                progress=lambda done, total, _note: progress(done, total, page_text.format(done, total)),
                on_page=lambda result: signals.sig_page.emit(doc_id, result.page_no),
            )

        self.sig_ocr_started.emit(doc_id)
        self._job = self.window.ops.run(
            work, lambda report: self._finished(doc_id, report), title=self.tr("Recognising text"),
            on_failed=lambda message: self._failed(doc_id, message),
        )

    def shutdown(self) -> None:
        """The window closes: stop recognising (the pages done are kept)."""
        self._stop_queue()
        if self._job is not None:
            self._job.cancel_requested = True

    def _stop_queue(self) -> None:
        for doc_id in self._queue:
            self.running.discard(doc_id)
            self._tab_recognising(doc_id, False)
        self._queue.clear()

    # --- progress ----------------------------------------------------------------------
    def _page_done(self, doc_id: str, page_no: int) -> None:
        # The use case has told the library's listeners already (the views
        # refresh through sig_changes); this is for whoever waits on pages.
        self.sig_ocr_page.emit(doc_id, page_no)

    def _tab_recognising(self, doc_id: str, on: bool) -> None:
        for i in range(self.window.tabs.count()):
            tab = self.window.tabs.widget(i)
            if getattr(tab, "doc_id", None) == doc_id and hasattr(tab, "view"):
                tab.view.recognising = on
                tab.view.viewport().update()

    def _finished(self, doc_id: str, report: OcrReport) -> None:
        self.running.discard(doc_id)
        self._tab_recognising(doc_id, False)
        if report.message and report.wanted:
            if not self.hint_shown:
                self.hint_shown = True
                self.window.statusBar().showMessage(self.tr(
                    "Scanned pages cannot be recognised because Tesseract is not installed; install it "
                    "with: sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng"
                ) if "not installed" in report.message else self.tr(
                    "Scanned pages cannot be recognised because Tesseract's data for this language is "
                    "missing; install it with: sudo apt-get install tesseract-ocr-nld tesseract-ocr-eng"
                ), 0)
        elif report.pages:
            text = self.tr("Text recognised on {0} of {1} page(s) of “{2}”").format(
                len(report.recognised), report.wanted, report.title)
            if report.unreadable:
                text += self.tr("; {0} page(s) could not be read").format(len(report.unreadable))
            if report.cancelled:
                text += self.tr(" (stopped; run it again from the Tools menu to continue)")
            self.window.statusBar().showMessage(text, 10000)
        if report.cancelled:
            self._stop_queue()  # Cancel means: no more recognition now
        self.sig_ocr_finished.emit(report)
        self._next()

    def _failed(self, doc_id: str, message: str) -> None:
        self.running.discard(doc_id)
        self._tab_recognising(doc_id, False)
        if "Traceback" in message or not message.strip():
            text = self.tr("Text recognition stopped because of an unexpected problem; "
                           "the pages recognised so far are kept.")
        else:
            text = self.tr("Text recognition stopped: {0}").format(message.strip().splitlines()[-1])
        self.window.statusBar().showMessage(text, 10000)
        self.sig_ocr_finished.emit(None)
        self._next()
