"""The register as a table model, and the filter over it."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from app.recommendations.register import RegisterEntry
from app.domain import STANCE_COLORS, STANCE_LABELS
from ui.widgets import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _label_key(label: str) -> str:
    """A string that sorts "2b" before "10a" and "3b-2" before "3b-10" (sort
    keys stay strings: Qt compares them natively)."""
    import re

    return "".join(f"{int(p):08d}" if p.isdigit() else p.lower()
                   for p in re.findall(r"\d+|\D", label))


class RegisterModel(QAbstractTableModel):
    """One row per recommendation: label, text, responses, stance, assessment, tags, document."""

    BASE_COLUMNS = ("label", "text", "responses", "stance", "assessment", "tags", "document")
    COLUMNS: tuple[str, ...] = BASE_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[RegisterEntry] = []
        self._reviewer_names: dict[str, str] = {}
        self._titles = {
            "label": self.tr("Label"),
            "text": self.tr("Recommendation"),
            "responses": self.tr("Responses"),
            "stance": self.tr("Stance"),
            "assessment": self.tr("Assessment"),
            "tags": self.tr("Tags"),
            "document": self.tr("Document"),
        }
        self._stances = {
            "accepted": self.tr("accepted"),
            "partial": self.tr("partly accepted"),
            "rejected": self.tr("rejected"),
            "noted": self.tr("noted without commitment"),
            "none": self.tr("no response"),
            "": self.tr("no response yet"),
        }

    def set_reviewers(self, reviewers: list[tuple[str, str]]) -> None:
        """Add one column per reviewer (id, name) with that reviewer's own
        stance: all reviewers side by side. An empty list removes them."""
        columns = self.BASE_COLUMNS + tuple(f"reviewer:{rid}" for rid, _ in reviewers)
        if columns == self.COLUMNS:
            return
        self.beginResetModel()
        self.COLUMNS = columns
        self._reviewer_names = dict(reviewers)
        self.endResetModel()

    def set_entries(self, entries: list[RegisterEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def update_entries(self, entries: list[RegisterEntry]) -> None:
        """Replace rows in place when the same recommendations remain (keeps
        selection and scroll), otherwise reset."""
        if [e.id for e in entries] != [e.id for e in self.entries]:
            self.set_entries(entries)
            return
        self.entries = list(entries)
        if entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(entries) - 1, len(self.COLUMNS) - 1))

    def stance_text(self, stance: str) -> str:
        return self._stances.get(stance, STANCE_LABELS.get(stance, stance))

    # --- Qt model ------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            col = self.COLUMNS[section]
            if col.startswith("reviewer:"):
                return self._reviewer_names.get(col[9:], col[9:])
            return self._titles[col]
        return None

    def _assessment(self, e: RegisterEntry) -> str:
        return " | ".join(l.assessment for l in e.links if l.assessment)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        col = self.COLUMNS[index.column()]
        if role == ENTRY_ROLE:
            return e
        if col.startswith("reviewer:"):
            return self._reviewer_data(e, col[9:], role)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == "label":
                return _label_key(e.label) if role == SORT_ROLE else e.label
            if col == "text":
                return " ".join(e.quote.split())
            if col == "responses":
                return sum(1 for l in e.links if l.response_id)
            if col == "stance":
                return self.stance_text(e.stance)
            if col == "assessment":
                return self._assessment(e)
            if col == "tags":
                return ", ".join(e.tags)
            if col == "document":
                if role == SORT_ROLE:
                    return f"{e.document}\x00{e.page_no:06d}"
                return self.tr("{0}, p. {1}").format(e.document, e.page_no)
        if role == Qt.ItemDataRole.ToolTipRole and col in ("text", "assessment", "document"):
            text = {"text": e.quote, "assessment": self._assessment(e),
                    "document": e.document}[col]
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.DecorationRole and col == "stance" and e.stance:
            return QColor(STANCE_COLORS[e.stance])
        if role == Qt.ItemDataRole.BackgroundRole and col == "stance" and e.stance:
            color = QColor(STANCE_COLORS[e.stance])
            color.setAlpha(60)
            return QBrush(color)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "responses":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _reviewer_data(self, e: RegisterEntry, rid: str, role: int) -> Any:
        stance = e.judgements.get(rid)
        if stance is None:
            return None  # not judged by this reviewer
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self.stance_text(stance)
        if role == Qt.ItemDataRole.BackgroundRole and stance:
            color = QColor(STANCE_COLORS[stance])
            color.setAlpha(60)
            return QBrush(color)
        return None

    def row_of(self, rec_id: str) -> int:
        for i, e in enumerate(self.entries):
            if e.id == rec_id:
                return i
        return -1


class RegisterFilter(QSortFilterProxyModel):
    """Filter by stance ("" = no response yet), tag, document and "no response yet"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.stance: str | None = None  # None: any; "": nothing linked yet
        self.tag: str | None = None
        self.document: str | None = None
        self.unanswered = False
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(1)

    def set_filters(self, *, stance: str | None = None, tag: str | None = None,
                    document: str | None = None, unanswered: bool = False) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.stance, self.tag, self.document, self.unanswered = stance, tag, document, unanswered
            self.endFilterChange()
        else:
            self.stance, self.tag, self.document, self.unanswered = stance, tag, document, unanswered
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        e = model.entries[row]
        if self.stance is not None and e.stance != self.stance:
            return False
        if self.unanswered and e.covered:
            return False
        if self.tag and not any(t == self.tag or t.startswith(self.tag + "/") for t in e.tags):
            return False
        if self.document and e.document_id != self.document:
            return False
        return super().filterAcceptsRow(row, parent)
