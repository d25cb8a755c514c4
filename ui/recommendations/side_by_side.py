"""Side by side: the recommendation's page on the left, the selected
response's page on the right, both passages highlighted.

Pages are drawn by the reader's page view and render process (PyMuPDF never
runs on the GUI thread). Keys: Alt+Down / Alt+Up next / previous
recommendation (in the register's order and filter), Alt+Right / Alt+Left
next / previous response of that recommendation.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.recommendations.register import Passage, RegisterEntry
from app import annotations as ann_uc
from app import usecases
from app.changes import Changes
from app.domain import STANCE_COLORS
from app.recommendations import register as reg
from ui import failures
from ui.widgets import SafeLabel, compact_combo

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.recommendations.view import RegisterView


class _Side(QWidget):
    """One document's pages (the reader's page view), or a notice without it."""

    def __init__(self, window: "MainWindow", key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.window_ = window
        self.key = key
        self.doc_id: str | None = None
        self.view: Any = None
        self.title = SafeLabel()
        self.title.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.title)
        self.empty = SafeLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)  # a long notice must not take the other side's width
        self.layout_.addWidget(self.empty, 1)

    def _service(self) -> Any:
        reader = self.window_.features.get("ui.reader.plugin")
        return getattr(reader, "service", None)

    def show_passage(self, passage: Passage | None, heading: str, notice: str = "") -> None:
        self.title.setText(heading)
        if passage is None:
            self._set_doc(None)
            self.empty.setText(notice)
            return
        self._set_doc(passage.document_id)
        if self.view is None:
            # No reader in this build, or the PDF is missing: the text at least.
            doc = self.window_.lib.resolve_document(passage.document_id)
            path = self.window_.lib.document_file(doc)
            missing = "" if path.is_file() else "\n\n" + failures.missing_pdf(doc, path)
            self.empty.setText(passage.quote + missing)
            return
        self.view.set_annotations(ann_uc.list_annotations(self.window_.lib, passage.document_id))
        self.view.set_highlight(passage.rects)
        self.view.select_annotation(passage.id)
        if passage.rects:
            self.view.show_rects(passage.rects)
        else:
            self.view.go_to_page(passage.page_no)

    def _set_doc(self, doc_id: str | None) -> None:
        if doc_id == self.doc_id:
            return
        service = self._service()
        if self.view is not None:
            self.layout_.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
            if service is not None:
                service.close(self.key)
        self.doc_id = doc_id
        self.empty.setVisible(doc_id is None or service is None)
        if doc_id is None or service is None:
            return
        from ui.reader.page_view import PageView

        lib = self.window_.lib
        doc = lib.resolve_document(doc_id)
        if not lib.document_file(doc).is_file():
            self.empty.setVisible(True)
            return
        service.open(self.key, lib.document_file(doc))
        self.view = PageView(service, self.key, usecases.document_pages(lib, doc_id), self)
        self.layout_.addWidget(self.view, 1)

    def close_view(self) -> None:
        self._set_doc(None)


class SideBySide(QWidget):
    sig_shown = Signal(str, str)
    """A recommendation (id) is shown with a response (link id, "" for none)."""

    def __init__(self, window: "MainWindow", register_view: "RegisterView") -> None:
        super().__init__(window)
        self.window_ = window
        self.register_view = register_view
        self.rec: RegisterEntry | None = None
        self.header = SafeLabel()
        self.header.setWordWrap(True)
        self.responses = compact_combo(QComboBox(), 24)
        self.responses.currentIndexChanged.connect(lambda _: self._show_response())
        self.btn_prev = QPushButton(self.tr("◀ Previous"))
        self.btn_next = QPushButton(self.tr("Next ▶"))
        self.btn_prev.clicked.connect(lambda: self.step(-1))
        self.btn_next.clicked.connect(lambda: self.step(1))
        bar = QHBoxLayout()
        bar.addWidget(self.btn_prev)
        bar.addWidget(self.header, 1)
        bar.addWidget(self.responses, 1)
        self.btn_suggest = QPushButton(self.tr("Suggest responses…"))
        self.btn_suggest.setToolTip(self.tr("Passages of the other documents that may answer this "
                                            "recommendation, in the register"))
        self.btn_suggest.clicked.connect(self.suggest)
        bar.addWidget(self.btn_suggest)
        bar.addWidget(self.btn_next)
        self.left = _Side(window, "side-by-side:recommendation", self)
        self.right = _Side(window, "side-by-side:response", self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.left)
        split.addWidget(self.right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([1000, 1000])  # half and half
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        for keys, slot, tip in (
            ("Alt+Down", lambda: self.step(1), self.tr("Next recommendation")),
            ("Alt+Up", lambda: self.step(-1), self.tr("Previous recommendation")),
            ("Alt+Right", lambda: self.step_response(1), self.tr("Next response")),
            ("Alt+Left", lambda: self.step_response(-1), self.tr("Previous response")),
        ):
            action = QAction(tip, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.btn_prev.setToolTip(self.tr("Previous recommendation (Alt+Up)"))
        self.btn_next.setToolTip(self.tr("Next recommendation (Alt+Down)"))
        window.sig_changes.connect(self.on_changes)

    def show_recommendation(self, rec_id: str | None) -> None:
        if rec_id is not None:
            self.register_view.select(rec_id)
        entry = self.register_view.current_entry()
        if rec_id is not None and (entry is None or entry.id != rec_id):
            entry = next((e for e in reg.register(self.window_.lib) if e.id == rec_id), None)
        self.rec = entry
        self._fill()

    def _fill(self) -> None:
        e = self.rec
        keep = self.responses.currentData()
        self.responses.blockSignals(True)
        self.responses.clear()
        if e is None:
            self.header.setText(self.tr("No recommendation selected."))
            self.left.show_passage(None, "", "")
            self.right.show_passage(None, "", "")
            self.responses.blockSignals(False)
            return
        names = self.register_view.model
        stance = names.stance_text(e.stance)
        self.header.setText(self.tr("{0} · {1} · {2}").format(e.label or "–", stance,
                                                             " ".join(e.quote.split())[:160]))
        self.header.setStyleSheet(f"color: {STANCE_COLORS[e.stance]}" if e.stance else "")
        for l in e.links:
            r = l.response
            text = names.stance_text(l.stance)
            if r:
                text = self.tr("{0}: {1}, p. {2}").format(text, r.document[:40], r.page_no)
            self.responses.addItem(text, l.id)
        if not e.links:
            self.responses.addItem(self.tr("no response linked yet"), "")
        self.responses.setCurrentIndex(max(0, self.responses.findData(keep)))
        self.responses.blockSignals(False)
        rec_passage = reg.Passage(
            id=e.id, document_id=e.document_id, document=e.document, page_no=e.page_no,
            label=e.label, role=e.annotation.role, quote=e.quote, rects=e.rects,
        )
        self.left.show_passage(rec_passage, self.tr("Recommendation {0} — {1}, p. {2}").format(
            e.label, e.document, e.page_no))
        self._show_response()

    def _show_response(self) -> None:
        e = self.rec
        if e is None:
            return
        link_id = self.responses.currentData() or ""
        link = next((l for l in e.links if l.id == link_id), None)
        if link is None or link.response is None:
            self.right.show_passage(None, self.tr("Response"),
                                    self.tr("No response passage linked. “Suggest responses…” above "
                                            "lists passages that may answer it."))
        else:
            r = link.response
            heading = self.tr("Response — {0}, p. {1}").format(r.document, r.page_no)
            if link.assessment:
                heading += "\n" + link.assessment
            self.right.show_passage(r, heading)
        self.sig_shown.emit(e.id, link_id)

    def suggest(self) -> None:
        """The register's suggestions for this recommendation (link one there, come back here)."""
        if self.rec is None:
            return
        view = self.register_view
        view.select(self.rec.id)
        self.window_.tabs.setCurrentWidget(view)
        view.details_tabs.setCurrentWidget(view.suggestions)

    def step(self, delta: int) -> None:
        rec_id = self.register_view.move(delta)
        if rec_id:
            self.show_recommendation(rec_id)

    def step_response(self, delta: int) -> None:
        n = self.responses.count()
        if n > 1:
            self.responses.setCurrentIndex((self.responses.currentIndex() + delta) % n)

    def on_changes(self, changes: Changes) -> None:
        if self.rec is not None and (changes.links or self.rec.id in changes.annotations
                                     or changes.annotations):
            self.show_recommendation(self.rec.id)

    def close_document(self) -> None:
        """Called when the tab closes: the render process forgets both documents."""
        self.left.close_view()
        self.right.close_view()
