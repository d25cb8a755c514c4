"""A dock that shows the passages linked to the annotation selected in a
document: one click opens each counterpart where it stands."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app import annotations as ann_uc
from app.changes import Changes
from app.domain import STANCE_COLORS, UserError
from app.recommendations import register as reg
from ui.widgets import SafeLabel, plain_tooltip

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 30


class LinkedDock(QDockWidget):
    sig_shown = Signal(str, int)
    """The counterparts of an annotation (its id) are listed (how many)."""

    def __init__(self, window: "MainWindow", link_action: Callable[[], None]) -> None:
        super().__init__(QCoreApplication.translate("LinkedDock", "Linked passages"), window)
        self.setObjectName("linked_passages_dock")
        self.window_ = window
        self.ann_id: str | None = None
        self.caption = SafeLabel(self.tr("Select an annotation in a document."))
        self.caption.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self.open_item)
        self.list.itemClicked.connect(self.open_item)
        self.btn_link = QPushButton(self.tr("Link to a recommendation…"))
        self.btn_link.clicked.connect(link_action)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.caption)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.btn_link)
        self.setWidget(body)
        window.sig_changes.connect(self.on_changes)
        window.tabs.currentChanged.connect(lambda _: self.hook_tabs())

    def hook_tabs(self) -> None:
        """Follow the annotation selection of every open document tab."""
        for i in range(self.window_.tabs.count()):
            tab = self.window_.tabs.widget(i)
            if tab.property("kt_linked_hooked"):
                continue
            signal = getattr(tab, "sig_annotation_chosen", None)  # reader tabs only
            if signal is not None:
                signal.connect(self.show_annotation)
                tab.setProperty("kt_linked_hooked", True)

    def show_annotation(self, ann_id: Any) -> None:
        self.ann_id = str(ann_id) if ann_id else None
        self.list.clear()
        if not self.ann_id:
            self.caption.setText(self.tr("Select an annotation in a document."))
            return
        try:
            ann = ann_uc.get_annotation(self.window_.lib, self.ann_id)
        except UserError:
            self.ann_id = None
            self.caption.setText(self.tr("Select an annotation in a document."))
            return
        others = reg.counterparts(self.window_.lib, self.ann_id)
        what = ann.label or " ".join(ann.quote.split())[:60]
        self.caption.setText(self.tr("Linked to “{0}”: {1}").format(what, len(others)) if others
                             else self.tr("Nothing is linked to “{0}” yet.").format(what))
        from ui.recommendations.view import stance_names

        names = stance_names()
        for c in others:
            p, link = c.passage, c.link
            if p is None:
                item = QListWidgetItem(self.tr("{0}: no response").format(names[link.stance]))
            else:
                label = f"{p.label} " if p.label else ""
                item = QListWidgetItem(self.tr("{0} · {1}{2}, p. {3}\n{4}").format(
                    names[link.stance], label, p.document[:40], p.page_no,
                    " ".join(p.quote.split())[:160]))
                item.setToolTip(plain_tooltip(p.quote))
                item.setData(PASSAGE_ROLE, p)
            item.setForeground(QColor(STANCE_COLORS[link.stance]))
            self.list.addItem(item)
        self.sig_shown.emit(self.ann_id, len(others))

    def open_item(self, item: QListWidgetItem) -> None:
        p = item.data(PASSAGE_ROLE)
        if p:
            self.window_.open_document(p.document_id, p.page_no, p.rects)

    def on_changes(self, changes: Changes) -> None:
        self.hook_tabs()
        if self.ann_id and (changes.links or self.ann_id in changes.annotations):
            self.show_annotation(self.ann_id)
