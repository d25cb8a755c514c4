"""The Pages tab: a small picture of each page, rendered lazily.

Pictures come from the render process like the pages themselves, under a key
of their own (the page view cancels its document's requests at other scales),
only for the rows in sight, and only once the tab is shown.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ui.reader.render import RenderService, scale_key

THUMB_WIDTH = 96  # px


class PageThumbnails(QListWidget):
    def __init__(self, service: RenderService, doc_id: str, path: Path, pages: list[Any],
                 parent: QWidget | None = None, label_of: Callable[[Any], str] | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.key = f"{doc_id}#thumbnails"
        self.path = path
        self.opened = False
        width_pt = max(1.0, float(pages[0].width or 595)) if pages else 595.0
        self.scale = scale_key(THUMB_WIDTH / width_pt)
        height = int(THUMB_WIDTH * (float(pages[0].height or 842) / width_pt)) if pages else 136
        self.setIconSize(QSize(THUMB_WIDTH, height))
        self.setSpacing(2)
        self.setUniformItemSizes(True)
        for p in pages:
            if label_of is not None:
                label = label_of(p)
            else:
                label = self.tr("Page {0}").format(p.page_no)
                if p.label and p.label != str(p.page_no):
                    label += f" ({p.label})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, p.page_no)
            item.setToolTip(label)
            self.addItem(item)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.request_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        service.sig_image.connect(self._on_image)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if not self.opened:
            self.service.open(self.key, self.path)
            self.opened = True
        self._timer.start()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        self._timer.start()

    def visible_pages(self) -> list[int]:
        area = self.viewport().rect()
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.visualItemRect(self.item(i)).intersects(area)]

    def request_visible(self) -> None:
        if not self.opened or not self.isVisible():
            return
        for page in self.visible_pages():
            if self.item(page - 1).icon().isNull():
                self.service.request(self.key, page, self.scale)

    def _on_image(self, key: str, page_no: int, scale: float) -> None:
        if key != self.key or not 1 <= page_no <= self.count():
            return
        image = self.service.image(key, page_no, scale)
        if image is not None:
            self.item(page_no - 1).setIcon(QIcon(QPixmap.fromImage(image)))

    def close_document(self) -> None:
        if self.opened:
            self.service.close(self.key)
            self.opened = False
