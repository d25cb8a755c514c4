"""One document's tab: contents and pages, the page view, the annotation panel."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Document, Page
from app import annotations as uc
from app import usecases
from app.changes import Changes
from ui.reader.commands import CreateAnnotation, push
from ui.reader.page_view import PageView
from ui.reader.panel import AnnotationPanel
from ui.reader.render import RenderService
from ui.reader.thumbnails import PageThumbnails
from ui.widgets import SafeLabel, plain_tooltip

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReaderTab(QWidget):
    sig_annotation_chosen = Signal(str)
    """The user chose an annotation (its id; "" for none): on the page, in the
    list, or by opening it from elsewhere. Other features follow this."""

    def __init__(self, window: "MainWindow", service: RenderService, doc: Document) -> None:
        super().__init__()
        self.window_ = window
        self.lib = window.lib
        self.service = service
        self.doc = doc
        self.doc_id = doc.id
        pages = usecases.document_pages(self.lib, self.doc_id)
        service.open(self.doc_id, self.lib.document_file(doc))
        self.view = PageView(service, self.doc_id, pages, self)
        self.panel = AnnotationPanel(window, self)

        # Contents (the PDF's outline) and a page list, side by side in tabs.
        self.outline = QTreeWidget()
        self.outline.setHeaderHidden(True)
        for level, title, page in json.loads(doc.outline or "[]"):
            self._add_outline(level, str(title), int(page))
        self.page_list = PageThumbnails(service, self.doc_id, self.lib.document_file(doc), pages,
                                        label_of=self._page_label)
        self.side = QTabWidget()
        self.side.addTab(self.outline, self.tr("Contents"))
        self.side.addTab(self.page_list, self.tr("Pages"))
        if not self.outline.topLevelItemCount():
            self.side.setCurrentIndex(1)

        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(1, len(pages)))
        self.page_box.setToolTip(self.tr("Go to page (Ctrl+G)"))
        self.page_count = SafeLabel(self.tr("of {0}").format(len(pages)))
        self.zoom_label = SafeLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(SafeLabel(self.tr("Page")))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_count)
        bar.addStretch(1)
        for text, tip, slot in (
            ("−", self.tr("Zoom out (Ctrl+-)"), lambda: self.view.zoom_by(1 / 1.2)),
            ("+", self.tr("Zoom in (Ctrl++)"), lambda: self.view.zoom_by(1.2)),
            (self.tr("Width"), self.tr("Fit width (Ctrl+8)"), lambda: self.view.set_fit("width")),
            (self.tr("Page"), self.tr("Fit page (Ctrl+9)"), lambda: self.view.set_fit("page")),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            bar.addWidget(b)
        bar.addWidget(self.zoom_label)

        center = QWidget()
        col = QVBoxLayout(center)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addLayout(bar)
        col.addWidget(self.view, 1)
        # The page gets what the contents and the panel do not need; none of
        # the three can be squeezed below what it needs to stay usable.
        em = self.fontMetrics().averageCharWidth()
        self.side.setMinimumWidth(em * 16)
        center.setMinimumWidth(em * 45)
        self.panel.setMinimumWidth(max(em * 34, self.panel.minimumSizeHint().width()))
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([em * 24, em * 100, em * 40])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.view.sig_page_changed.connect(self._page_changed)
        self.view.sig_zoom_changed.connect(self._zoom_changed)
        self.view.sig_annotation_clicked.connect(self.panel.select)
        self.view.sig_delete_requested.connect(lambda _id: self.panel.delete_current())
        self.panel.sig_annotation_selected.connect(lambda i: self.view.select_annotation(i or None, scroll=True))
        self.view.sig_annotation_clicked.connect(self.sig_annotation_chosen)
        self.panel.sig_annotation_selected.connect(lambda i: self.sig_annotation_chosen.emit(i or ""))
        self.page_box.editingFinished.connect(lambda: self.view.go_to_page(self.page_box.value()))
        self.outline.itemActivated.connect(self._outline_clicked)
        self.outline.itemClicked.connect(self._outline_clicked)
        self.page_list.itemClicked.connect(lambda it: self.view.go_to_page(it.data(Qt.ItemDataRole.UserRole)))
        self._zoom_changed(self.view.zoom)
        self.refresh_annotations()

    def _page_label(self, p: Page) -> str:
        label = self.tr("Page {0}").format(p.page_no)
        if p.label and p.label != str(p.page_no):
            label += f" ({p.label})"
        if p.ocr == "unreadable":
            label += " · " + self.tr("unreadable")
        elif not p.has_text:
            label += " · " + self.tr("no text")
        elif p.ocr == "recognised":
            label += " · " + self.tr("OCR")
        return label

    def _refresh_pages(self) -> None:
        """OCR changed pages: read the file with the new text layer and show the new flags."""
        pages = usecases.document_pages(self.lib, self.doc_id)
        if len(pages) != len(self.view.pages):
            return
        old = [(p.ocr, p.has_text, p.ocr_confidence) for p in self.view.pages]
        new = [(p.ocr, p.has_text, p.ocr_confidence) for p in pages]
        if old == new:
            return
        self.view.pages = pages
        self.service.reopen(self.doc_id, self.lib.document_file(self.doc))
        for i, p in enumerate(pages):
            item = self.page_list.item(i)
            if item is not None:
                item.setText(self._page_label(p))
        self.view.viewport().update()

    def _add_outline(self, level: int, title: str, page: int) -> None:
        item = QTreeWidgetItem([title])
        item.setData(0, Qt.ItemDataRole.UserRole, page)
        item.setToolTip(0, plain_tooltip(self.tr("{0} (page {1})").format(title, page)))
        parent = self.outline.invisibleRootItem()
        for _ in range(max(0, level - 1)):
            if parent.childCount() == 0:
                break
            parent = parent.child(parent.childCount() - 1)
        parent.addChild(item)

    def _outline_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        page = item.data(0, Qt.ItemDataRole.UserRole)
        if page and page > 0:
            self.view.go_to_page(int(page))

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)

    def _zoom_changed(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    # --- annotations ----------------------------------------------------------------------
    def refresh_annotations(self) -> None:
        rows = uc.list_annotations(self.lib, self.doc_id)
        self.panel.set_rows(rows)
        self.view.set_annotations(rows)

    def on_changes(self, changes: Changes) -> None:
        if changes.tags:
            self.panel.refresh_tags()
        if self.doc_id in changes.documents:
            self._refresh_pages()
        if self.doc_id in changes.documents or changes.annotations or changes.tags:
            self.refresh_annotations()

    def annotate(self, role: str) -> str | None:
        """Create an annotation with ``role`` from the selected text or area."""
        anchor = self.view.selection()
        if anchor is None or not anchor.rects:
            self.window_.statusBar().showMessage(
                self.tr("Select text first (drag over it), or Shift+drag an area"), 6000)
            return None
        fields: dict[str, Any] = dict(
            page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote, prefix=anchor.prefix,
            suffix=anchor.suffix, role=role, is_area=self.view.selection_is_area())
        command = CreateAnnotation(self.lib, self.doc_id, fields)
        if not push(self.window_, command):
            return None
        self.view.clear_selection()
        self.refresh_annotations()
        self.panel.select(command.ann_id)
        self.view.select_annotation(command.ann_id)
        self.panel.label.setFocus()  # ready to type a label such as 1a
        return command.ann_id

    def panel_delete(self) -> None:
        self.panel.delete_current()

    def selected_text(self) -> str:
        anchor = self.view.selection()
        if anchor is not None and anchor.quote:
            return anchor.quote
        if self.panel.current is not None:
            return self.panel.current.quote
        return ""

    def copy(self, with_citation: bool = False) -> None:
        anchor = self.view.selection()
        text, page = self.selected_text(), None
        if anchor is not None and anchor.quote:
            page = anchor.page_no
        elif self.panel.current is not None:
            page = self.panel.current.page_no
        if not text:
            return
        if with_citation and page is not None:
            text = self.tr("“{0}” ({1}, p. {2})").format(text, self.doc.title, page)
        QGuiApplication.clipboard().setText(text)

    def reveal(self, page: int | None = None, highlight: Any = None) -> None:
        """Scroll to ``page`` and mark ``highlight`` (rects or search terms).
        Rects that are an annotation's own select that annotation too."""
        if highlight is not None:
            self.view.set_highlight(highlight)
            rects = [list(map(float, h)) for h in highlight if isinstance(h, (list, tuple))]
            for a in self.view.annotations:
                if rects and [list(map(float, r)) for r in a.rects] == rects:
                    # As if clicked: the panel and the linked-passages dock follow.
                    self.view.sig_annotation_clicked.emit(a.id)
                    self.view.select_annotation(a.id)
                    break
        if highlight and all(isinstance(h, (list, tuple)) for h in highlight) and page is None:
            self.view.show_rects(highlight)
        elif page is not None:
            on_page = [h for h in highlight or [] if isinstance(h, (list, tuple)) and int(h[0]) == page]
            self.view.go_to_page(page, on_page[0][2] if on_page else None)

    def close_document(self) -> None:
        self.panel._flush()
        self.page_list.close_document()
        self.service.close(self.doc_id)
