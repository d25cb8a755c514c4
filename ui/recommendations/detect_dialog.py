"""Reviewing detected recommendations before they are stored.

The dialog lists every proposed item with a check box (checked = store it),
its label and text (both editable), its page, and why it is unchecked
(a title over items, or printed a second time elsewhere). The reviewer can
merge selected items into the first of them, drop items, and accept: the
checked items are anchored on their pages and stored in the background.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Document
from app.recommendations import apply as detection
from app.recommendations.detect import Proposal
from ui.recommendations import commands as cmd
from ui.widgets import SafeLabel, plain_tooltip


def skip_reason(why: str) -> str:
    """Why an item was not stored, in the interface language."""
    from PySide6.QtCore import QCoreApplication

    if why == "already in the register":
        return QCoreApplication.translate("DetectionDialog", "already in the register")
    if why.startswith("not found on page"):
        return QCoreApplication.translate("DetectionDialog", "not found on its page")
    return why

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex


class ProposalModel(QAbstractTableModel):
    COLUMNS = ("store", "label", "page", "text", "reason")

    def __init__(self, proposals: list[Proposal], parent: Any = None,
                 known: dict[int, str] | None = None) -> None:
        super().__init__(parent)
        self.all = proposals  # the detected list, for notes naming twins
        self.rows = [copy.copy(p) for p in proposals]
        # Rows already in the register (by the row object: merging and
        # dropping move rows): never checked, never stored a second time.
        self.known: dict[int, str] = {}
        for i, p in enumerate(self.rows):
            p.merged = list(p.merged)
            if known and i in known:
                p.accept = False
                self.known[id(p)] = known[i]
        self._titles = [self.tr("Store"), self.tr("Label"), self.tr("Page"), self.tr("Text"),
                        self.tr("Remark")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        col = self.COLUMNS[index.column()]
        if col == "store" and id(self.rows[index.row()]) not in self.known:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        if col in ("label", "text"):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col == "store":
            return Qt.CheckState.Checked if p.accept else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == "label":
                return ("    " * p.level if role == Qt.ItemDataRole.DisplayRole else "") + p.label
            if col == "page":
                return p.page_no
            if col == "text":
                return p.text if role == Qt.ItemDataRole.EditRole else " ".join(p.text.split())
            if col == "reason":
                if id(p) in self.known:
                    return self.tr("already in the register")
                if p.kind == "group":
                    return self.tr("a title over the items below it")
                if p.twin is not None and not p.accept and p.reason:
                    twin = self.all[p.twin] if 0 <= p.twin < len(self.all) else None
                    if twin is not None:
                        return self.tr("also printed on page {0} as {1}").format(twin.page_no, twin.label)
                return ""
        if role == Qt.ItemDataRole.ForegroundRole and not p.accept:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.ToolTipRole and col == "text":
            return plain_tooltip(p.text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        p = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and col == "store":
            p.accept = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and col == "label":
            p.label = str(value).strip()
        elif role == Qt.ItemDataRole.EditRole and col == "text":
            text = " ".join(str(value).split())
            if not text:
                return False
            p.text = p.quote = text
        else:
            return False
        self.dataChanged.emit(index, index)
        return True

    def drop(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def merge(self, rows: list[int]) -> None:
        """Merge the rows into the first of them: texts joined, each part
        anchored on its own page when stored."""
        rows = sorted(set(rows))
        if len(rows) < 2:
            return
        head = self.rows[rows[0]]
        for row in rows[1:]:
            p = self.rows[row]
            head.merged.append((p.page_no, p.quote))
            head.merged.extend(p.merged)
            head.text = f"{head.text} {p.text}"
        head.accept = True
        self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[0], len(self.COLUMNS) - 1))
        self.drop(rows[1:])

    def chosen(self) -> list[Proposal]:
        return [p for p in self.rows if p.accept and id(p) not in self.known]

    def known_count(self) -> int:
        return sum(1 for p in self.rows if id(p) in self.known)


class DetectionDialog(QDialog):
    sig_stored = Signal(object)
    """The accepted items were stored (an ``ApplyResult``)."""

    def __init__(self, window: "MainWindow", doc: Document, proposals: list[Proposal],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.doc = doc
        self.setWindowTitle(self.tr("Detected recommendations: {0}").format(doc.title))
        self.resize(1000, 640)
        known = detection.existing_matches(window.lib, doc.id, proposals)
        self.model = ProposalModel(proposals, self, known)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 50), (1, 90), (2, 50), (4, 240)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(self._maybe_open)
        items = sum(1 for p in proposals if p.kind == "item")
        twins = sum(1 for i, p in enumerate(proposals)
                    if p.kind == "item" and p.twin is not None and p.twin < i)
        found = self.tr("%n item(s) found", "", items)
        repeats = self.tr("%n repeat(s) an item printed earlier", "", twins)
        already = self.tr("%n already in the register", "", len(known))
        self.info = SafeLabel(
            self.tr("{0}: {1}; {2} (those are unchecked). Check what to store; double-click a label "
                    "or text to edit it.").format(found, already, repeats)
            if proposals else self.tr("No numbered recommendations were found in this document."))
        self.info.setWordWrap(True)
        self.plan = SafeLabel()
        self.plan.setObjectName("detection-plan")
        self.plan.setWordWrap(True)
        self.model.dataChanged.connect(lambda *_: self._update_plan())
        self.model.rowsRemoved.connect(lambda *_: self._update_plan())
        self.btn_merge = QPushButton(self.tr("&Merge selected"))
        self.btn_merge.clicked.connect(lambda: self.model.merge(self._selected_rows()))
        self.btn_drop = QPushButton(self.tr("&Drop selected"))
        self.btn_drop.clicked.connect(lambda: self.model.drop(self._selected_rows()))
        self.btn_open = QPushButton(self.tr("Show in document"))
        self.btn_open.clicked.connect(lambda: self._maybe_open(self.table.currentIndex(), force=True))
        tools = QHBoxLayout()
        for b in (self.btn_merge, self.btn_drop, self.btn_open):
            tools.addWidget(b)
        tools.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.btn_store = self.buttons.addButton(self.tr("&Store checked items"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.store)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.plan)
        layout.addWidget(self.buttons)
        self._update_plan()

    def _update_plan(self) -> None:
        """What Store will do, said before it is pressed."""
        n = len(self.model.chosen())
        known = self.model.known_count()
        text = self.tr("Store will add %n new recommendation(s) to the register", "", n)
        if known:
            text += self.tr("; %n already there will not be stored again", "", known)
        self.plan.setText(text + ".")
        self.btn_store.setText(self.tr("&Store %n item(s)", "", n))
        self.btn_store.setEnabled(n > 0)

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectionModel().selectedRows()})

    def _maybe_open(self, index: QModelIndex, force: bool = False) -> None:
        if index.isValid() and (force or self.model.COLUMNS[index.column()] == "page"):
            p = self.model.rows[index.row()]
            self.window_.open_document(self.doc.id, p.page_no, [" ".join(p.quote.split()[:12])])

    def store(self) -> None:
        chosen = self.model.chosen()
        doc_id, everything = self.doc.id, self.model.all
        self.btn_store.setEnabled(False)

        def work(lib, progress, cancelled):  # noqa: ANN001 - worker thread, its own library
            return detection.apply_proposals(lib, doc_id, chosen, all_proposals=everything,
                                             in_child=True, progress=progress)

        def done(result: detection.ApplyResult) -> None:
            if result.created:
                cmd.push(self.window_, cmd.Created(
                    self.window_.lib, self.tr("Store {0} recommendations").format(len(result.created)),
                    result.created))
            message = self.tr("%n recommendation(s) stored", "", len(result.created))
            if result.skipped:
                message += "; " + self.tr("%n skipped: {0}", "", len(result.skipped)).format(
                    "; ".join(f"{label} ({skip_reason(why)})" for label, why in result.skipped[:5]))
            self.window_.statusBar().showMessage(message, 15000)
            self.sig_stored.emit(result)
            self.accept()

        self.window_.ops.run(work, done, title=self.tr("Storing recommendations"), cancellable=False,
                             on_failed=lambda _m: self.btn_store.setEnabled(True))
