"""Suggested responses for one recommendation: ranked passages of the other
documents, each with a stance read from its wording; one click links it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

import shiboken6

from app.domain import Annotation
from app import usecases
from app.domain import STANCE_COLORS
from app.recommendations import apply as detection
from app.anchoring import norm_text
from app.recommendations import register as reg
from app.recommendations import suggest as sug
from ui.recommendations import commands as cmd
from ui.widgets import SafeLabel, compact_combo, plain_tooltip

if TYPE_CHECKING:
    from ui.main_window import MainWindow

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole + 20
LINKED_ROLE = Qt.ItemDataRole.UserRole + 21


class SuggestPanel(QWidget):
    sig_suggestions_ready = Signal(int)
    """Candidates for the current recommendation were shown (their number)."""

    sig_linked = Signal(str)
    """A candidate was stored and linked (the link id)."""

    def __init__(self, window: "MainWindow", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.rec: Annotation | None = None
        self._request = 0
        self.where = compact_combo(QComboBox(), 20)  # titles must not widen the pane
        self.where.currentIndexChanged.connect(lambda _: self.refresh())
        self.btn_find = QPushButton(self.tr("Suggest responses"))
        self.btn_find.clicked.connect(self.refresh)
        self.status = SafeLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.btn_find)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([self.tr("Score"), self.tr("Suggested stance"), self.tr("Where"),
                                   self.tr("Passage")])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        for column, width in ((0, 55), (1, 150), (2, 220)):
            self.list.setColumnWidth(column, width)
        self.list.currentItemChanged.connect(lambda *_: self._prefill())
        self.list.itemDoubleClicked.connect(lambda item, _c: self.open_candidate(item))
        self.stance = QComboBox()
        from ui.recommendations.view import stance_names

        for s, name in stance_names(self).items():
            self.stance.addItem(name, s)
        self.assessment = QLineEdit()
        self.assessment.setPlaceholderText(self.tr("Assessment (optional)"))
        self.btn_link = QPushButton(self.tr("Link as response"))
        self.btn_link.setShortcut("Ctrl+Return")
        self.btn_link.clicked.connect(self.link_current)
        bottom = QHBoxLayout()
        bottom.addWidget(self.stance)
        bottom.addWidget(self.assessment, 1)
        bottom.addWidget(self.btn_link)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        # Walking the table with the arrow keys asks once, after a pause.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self._fill_documents()

    def _fill_documents(self) -> None:
        keep = self.where.currentData()
        self.where.blockSignals(True)
        self.where.clear()
        self.where.addItem(self.tr("All other documents"), None)
        for d in usecases.list_documents(self.window_.lib):
            if d.pages_with_text:
                self.where.addItem(d.title, d.id)
        self.where.setCurrentIndex(max(0, self.where.findData(keep)))
        self.where.blockSignals(False)

    def set_recommendation(self, rec: Annotation | None) -> None:
        changed = (rec.id if rec else None) != (self.rec.id if self.rec else None)
        self.rec = rec
        if changed:
            self.list.clear()
            self.status.setText("")
            if rec is not None and self.isVisible():
                self._debounce.start()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._fill_documents()
        if self.rec is not None and not self.list.topLevelItemCount():
            self.refresh()

    def refresh(self) -> None:
        if self.rec is None:
            return
        self._request += 1
        request, rec_id, in_doc = self._request, self.rec.id, self.where.currentData()
        self.status.setText(self.tr("Looking for passages…"))

        def work(lib, progress, cancelled):  # noqa: ANN001 - worker thread, its own library
            return sug.suggest(lib, rec_id, in_doc=in_doc, limit=8)

        def done(cands: list) -> None:
            # A newer request replaced this one, or the window closed meanwhile.
            if request == self._request and shiboken6.isValid(self.list):
                self.show_candidates(cands)

        self.window_.ops.run(work, done, title=self.tr("Suggesting responses"), cancellable=False,
                             on_failed=lambda m: self.status.setText(m))

    def _linked_passages(self) -> list[tuple[str, int, str]]:
        """(document, page, text) of the responses linked to the recommendation."""
        if self.rec is None:
            return []
        out = []
        for c in reg.counterparts(self.window_.lib, self.rec.id):
            p = c.passage
            if c.side == "response" and p is not None:
                out.append((p.document_id, p.page_no, norm_text(p.quote)))
        return out

    def is_linked(self, c: sug.Candidate, linked: list[tuple[str, int, str]]) -> bool:
        text = norm_text(c.text)
        return any(doc == c.document_id and page in (c.page_no, c.page_no + 1)
                   and quote and (quote[:60] in text or text[:60] in quote)
                   for doc, page, quote in linked)

    def show_candidates(self, cands: list) -> None:
        self.list.clear()
        linked = self._linked_passages()
        for c in cands:
            already = self.is_linked(c, linked)
            stance = self.stance.itemText(max(0, self.stance.findData(c.stance))) if c.stance else ""
            item = QTreeWidgetItem([
                f"{c.score:.1f}",
                self.tr("linked already") if already else stance,
                self.tr("{0}, p. {1}").format(c.document, c.page_no),
                " ".join(c.text.split())[:300],
            ])
            item.setData(0, CANDIDATE_ROLE, c)
            item.setData(1, LINKED_ROLE, already)
            if already:
                for col in range(4):
                    item.setForeground(col, QColor(Qt.GlobalColor.gray))
            elif c.stance:
                item.setForeground(1, QColor(STANCE_COLORS[c.stance]))
                item.setToolTip(1, plain_tooltip(c.cue))
            item.setToolTip(3, plain_tooltip(c.text))
            self.list.addTopLevelItem(item)
        self.status.setText(self.tr("%n passage(s) found", "", len(cands)) if cands
                            else self.tr("No passage shares words with this recommendation."))
        if cands:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.sig_suggestions_ready.emit(len(cands))

    def current_candidate(self) -> sug.Candidate | None:
        item = self.list.currentItem()
        return item.data(0, CANDIDATE_ROLE) if item else None

    def _prefill(self) -> None:
        c = self.current_candidate()
        if c is not None and c.stance:
            self.stance.setCurrentIndex(self.stance.findData(c.stance))

    def open_candidate(self, item: QTreeWidgetItem) -> None:
        c = item.data(0, CANDIDATE_ROLE)
        if c is not None:
            # Marked on the page as a search hit is, until it is linked.
            self.window_.open_document(c.document_id, c.page_no, [" ".join(c.text.split()[:12])])

    def link_current(self) -> None:
        c = self.current_candidate()
        if c is None or self.rec is None:
            return
        rec_id, stance, assessment = self.rec.id, self.stance.currentData(), self.assessment.text()

        def work(lib, progress, cancelled):  # noqa: ANN001 - worker thread
            return detection.link_candidate(lib, rec_id, c, stance, assessment, in_child=True)

        def done(result: tuple) -> None:
            ann_id, created, link = result
            command = cmd.Created(self.window_.lib, self.tr("Link response"),
                                  [ann_id] if created else [], link.link_id, link.previous)
            cmd.push(self.window_, command)
            self.assessment.clear()
            self.sig_linked.emit(link.link_id)

        self.window_.ops.run(work, done, title=self.tr("Linking"), cancellable=False)
