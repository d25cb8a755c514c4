"""The documents of the library as a table model."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from app.domain import Document
from app import usecases
from app.library import Library
from ui.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    return {
        "report": QCoreApplication.translate("Kinds", "report"),
        "response": QCoreApplication.translate("Kinds", "response"),
        "letter": QCoreApplication.translate("Kinds", "letter"),
        "note": QCoreApplication.translate("Kinds", "note"),
        "other": QCoreApplication.translate("Kinds", "other"),
    }.get(kind, kind)


class DocumentsModel(QAbstractTableModel):
    COLUMNS = ("title", "kind", "pages", "annotations")
    DocIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, lib: Library, parent=None) -> None:
        super().__init__(parent)
        self.lib = lib
        self._rows: list[Document] = []
        self.reload()

    def headers(self) -> list[str]:
        return [self.tr("Title"), self.tr("Kind"), self.tr("Pages"), self.tr("Annotations")]

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = usecases.list_documents(self.lib)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        d = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "title":
                return d.title
            if col == "kind":
                return kind_label(d.kind)
            if col == "pages":
                with_text = d.pages_with_text or 0
                if with_text < d.page_count:
                    return self.tr("{0} ({1} without text)").format(
                        d.page_count, d.page_count - with_text
                    )
                return str(d.page_count)
            if col == "annotations":
                return str(d.annotation_count)
        if role == Qt.ItemDataRole.ToolTipRole and col == "title":
            return plain_tooltip(d.file_name)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("pages", "annotations"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.DocIdRole:
            return d.id
        return None

    def document_at(self, row: int) -> Document | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, doc_id: str) -> int:
        for i, d in enumerate(self._rows):
            if d.id == doc_id:
                return i
        return -1
