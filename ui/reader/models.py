"""Item models: a document's annotations (list) and the codebook (tree)."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain import Annotation
from app.tags import TagNode

from ui import settings
from ui.settings_dialog import role_label
from ui.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class AnnotationListModel(QAbstractListModel):
    """One document's annotations in page order. ``set_rows`` applies a new
    list with row inserts, removals and dataChanged instead of a reset, so
    selections and scroll positions survive edits."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        a = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            head = self.tr("p. {0}").format(a.page_no)
            if a.label:
                head += f" · {a.label}"
            head += f" · {role_label(a.role)}"
            if a.orphaned:
                head += " · " + self.tr("orphaned")
            tags = ("  #" + " #".join(a.tags)) if a.tags else ""
            area = self.tr("(area)")
            text = f"{head}{tags}\n{_short(a.quote) or area}"
            note = " ".join((a.note or "").split())
            if note:
                # The reviewer's own words, marked apart from the document's.
                text += "\n" + self.tr("Note: {0}").format(_short(note, 80))
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            note = (a.note or "").strip()
            quote = a.quote[:400]
            return plain_tooltip(quote + ("\n\n" + self.tr("Note: {0}").format(note) if note else "") or note)
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(a.color or settings.role_color(a.role))
        if role == ID_ROLE:
            return a.id
        if role == ROW_ROLE:
            return a
        return None

    def row_of(self, ann_id: str) -> int:
        for i, a in enumerate(self.rows):
            if a.id == ann_id:
                return i
        return -1

    def set_rows(self, new: list[Annotation]) -> None:
        new_ids = [a.id for a in new]
        keep = set(new_ids)
        for i in reversed(range(len(self.rows))):
            if self.rows[i].id not in keep:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self.rows[i]
                self.endRemoveRows()
        old_ids = [a.id for a in self.rows]
        if [i for i in new_ids if i in set(old_ids)] != old_ids:
            self.beginResetModel()  # the order changed (a page moved): rare
            self.rows = list(new)
            self.endResetModel()
            return
        for pos, a in enumerate(new):
            if pos >= len(self.rows) or self.rows[pos].id != a.id:
                self.beginInsertRows(QModelIndex(), pos, pos)
                self.rows.insert(pos, a)
                self.endInsertRows()
            elif self.rows[pos] != a:
                self.rows[pos] = a
                idx = self.index(pos)
                self.dataChanged.emit(idx, idx)


class AnnotationFilter(QSortFilterProxyModel):
    """Filter by role, tag (with its sub-tags) and text in quote, label, note."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.role: str | None = None
        self.tag: str | None = None  # a tag path
        self.text = ""

    def set_filter(self, role: str | None = None, tag: str | None = None, text: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.role, self.tag, self.text = role or None, tag or None, text.strip().lower()
            self.endFilterChange()
        else:
            self.role, self.tag, self.text = role or None, tag or None, text.strip().lower()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        a = self.sourceModel().index(row, 0, parent).data(ROW_ROLE)
        if a is None:
            return False
        if self.role and a.role != self.role:
            return False
        if self.tag and not any(t == self.tag or t.startswith(self.tag + "/") for t in a.tags):
            return False
        if self.text:
            hay = " ".join([a.quote, a.label, a.note, *a.tags]).lower()
            return all(word in hay for word in self.text.split())
        return True


class _Node:
    __slots__ = ("tag", "parent", "children")

    def __init__(self, tag: TagNode | None, parent: "_Node | None") -> None:
        self.tag = tag
        self.parent = parent
        self.children: list[_Node] = []


class TagTreeModel(QAbstractItemModel):
    """The codebook: name, usage (with sub-tags) and description columns."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.root = _Node(None, None)

    def set_tree(self, tree: list[TagNode]) -> None:
        self.beginResetModel()
        self.root = _Node(None, None)

        def add(parent: _Node, tags: Sequence[TagNode]) -> None:
            for t in tags:
                node = _Node(t, parent)
                parent.children.append(node)
                add(node, t.children)

        add(self.root, tree)
        self.endResetModel()

    def _node(self, index: Index) -> _Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        up = node.parent
        if up is None or up is self.root or up.parent is None:
            return QModelIndex()
        return self.createIndex(up.parent.children.index(up), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Tag"), self.tr("Used"), self.tr("Description")][section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        t = self._node(index).tag
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return t.name
            if col == 1:
                return str(t.total) if t.total == t.usage else f"{t.usage} ({t.total})"
            return t.description.splitlines()[0] if t.description else ""
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(t.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(t.path + ("\n" + t.description if t.description else ""))
        if role == ID_ROLE:
            return t.id
        if role == ROW_ROLE:
            return t
        return None

    def index_of(self, tag_id: str) -> QModelIndex:
        def walk(node: _Node, parent: QModelIndex) -> QModelIndex:
            for i, child in enumerate(node.children):
                idx = self.index(i, 0, parent)
                if child.tag.id == tag_id:
                    return idx
                found = walk(child, idx)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(self.root, QModelIndex())
