"""Search results as a two-level item model: documents (with match
counts), and under each its hits (page or annotation, with a snippet)."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the app.search_service.Hit of a row
MARKED_HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # snippet as escaped HTML with marks

Index = QModelIndex | QPersistentModelIndex


def snippet_html(plain: str, marks: list[tuple[int, int]]) -> str:
    """PDF text is escaped first; only our own <b> markup is added."""
    out, last = [], 0
    for s, e in marks:
        out.append(html.escape(plain[last:s]))
        out.append("<b style='background:#ffe066'>" + html.escape(plain[s:e]) + "</b>")
        last = e
    out.append(html.escape(plain[last:]))
    return "".join(out)


def stance_names() -> dict[str, str]:
    from ui.recommendations.view import stance_names as names

    return names()


def role_label(role: str) -> str:
    from ui.settings_dialog import role_label as label

    return label(role)


class ResultsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[dict] = []  # {"document", "title", "count", "hits": [...]}

    # --- filling ---------------------------------------------------------------------
    def set_outcome(self, outcome: Any, by_document_order: bool = False) -> None:
        self.beginResetModel()
        groups: dict[str, dict] = {}
        for g in outcome.groups if outcome is not None else []:
            groups[g["document"]] = {**g, "hits": []}
        for hit in outcome.hits if outcome is not None else []:
            groups.setdefault(
                hit.document, {"document": hit.document, "title": hit.title, "count": 0, "hits": []}
            )["hits"].append(hit)
        self._groups = [g for g in groups.values() if g["hits"]]
        self.endResetModel()

    def clear(self) -> None:
        self.set_outcome(None)

    def hit_count(self) -> int:
        return sum(len(g["hits"]) for g in self._groups)

    def first_hit_index(self) -> QModelIndex:
        if not self._groups:
            return QModelIndex()
        return self.index(0, 0, self.index(0, 0))

    def hits_in_order(self) -> list[QModelIndex]:
        return [
            self.index(r, 0, self.index(g, 0))
            for g in range(len(self._groups))
            for r in range(len(self._groups[g]["hits"]))
        ]

    # --- the model ------------------------------------------------------------------
    # Top-level rows (documents) carry internal id 0; a hit carries its
    # document row + 1.
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()  # hits have no children
        group = parent.row()
        if 0 <= group < len(self._groups) and row < len(self._groups[group]["hits"]):
            return self.createIndex(row, 0, group + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._groups[parent.row()]["hits"])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 1

    def _hit(self, index: Index) -> Any:
        group = index.internalId()
        if group == 0:
            return None
        return self._groups[group - 1]["hits"][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hit(index)
        if hit is None:
            g = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.tr("{0} ({1})").format(g["title"], max(g["count"], len(g["hits"])))
            return None
        # The source's words, then the reviewer's note on a line of its own.
        note = self.tr("Note: {0}").format(hit.note) if hit.note else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(hit) + "  " + hit.plain + ("\n" + note if note else "")
        if role == MARKED_HTML_ROLE:
            marked = html.escape(self._label(hit)) + "&nbsp;&nbsp;" + snippet_html(hit.plain, hit.marks)
            return marked + ("<br><i>" + html.escape(note) + "</i>" if note else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(hit)
        if role == HIT_ROLE:
            return hit
        return None

    def _tooltip(self, hit: Any) -> str:
        """Title, and for annotations their tags and linked passages (all
        user or PDF text, so escaped)."""
        lines = [html.escape(hit.title)]
        if hit.tags:
            lines.append(html.escape(self.tr("Tags: {0}").format(", ".join(hit.tags))))
        for link in hit.counterparts:
            where = self.tr("p. {0}").format(link["page"]) if link.get("page") else ""
            lines.append(html.escape(self.tr("Linked ({0}): {1} {2}").format(
                stance_names().get(link["stance"], link["stance"]), where, (link.get("label") or link.get("quote") or "")[:80])))
        return "<br>".join(lines)

    def _label(self, hit: Any) -> str:
        if hit.kind == "annotation":
            label = f" {hit.label}" if hit.label else ""
            return self.tr("p. {0} [{1}{2}]").format(hit.page, role_label(hit.role), label)
        if getattr(hit, "ocr_confidence", None) is not None:
            return self.tr("p. {0} (recognised text, {1} %)").format(hit.page, round(hit.ocr_confidence))
        return self.tr("p. {0}").format(hit.page)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
