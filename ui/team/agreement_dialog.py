"""Tools → Team → Agreement between reviewers: the figures, the
recommendations where reviewers differ (furthest apart first), and
recording the team's agreed stance for one of them."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain import STANCES, UserError
from app.team.agreed import record_agreed
from app.team.agreement import agreement
from ui.recommendations.view import stance_names
from ui.widgets import SafeLabel


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


class AgreementDialog(QDialog):
    def __init__(self, window: Any, plugin: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.plugin = plugin
        self.setWindowTitle(self.tr("Agreement between reviewers"))
        self.resize(820, 480)
        self.figures = SafeLabel()
        self.figures.setObjectName("agreement-figures")
        self.figures.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Where"), self.tr("Judgements"),
                                              self.tr("Agreed")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 380)
        self.btn_agree = QPushButton(self.tr("Record the agreed stance…"))
        self.btn_agree.clicked.connect(self.agree_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.btn_agree)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.table)
        layout.addLayout(row)
        window.sig_changes.connect(lambda _c: self.reload())
        self.reload()

    def reload(self) -> None:
        data = agreement(self.window_.lib)
        self.data = data
        names = stance_names(self)
        if not data["units"]:
            self.figures.setText(self.tr("No recommendation has been judged by two or more reviewers yet."))
        else:
            lines = [
                self.tr("{0} recommendations judged by two or more of: {1}").format(
                    data["units"], ", ".join(r["name"] for r in data["reviewers"])),
                self.tr("Plain agreement {0} %; Krippendorff's alpha nominal {1}, ordinal {2}").format(
                    round(100 * data["agreement"], 1), _fmt(data["alpha_nominal"]), _fmt(data["alpha_ordinal"])),
            ]
            for p in data["pairs"]:
                lines.append(self.tr("{0} and {1}: {2} in common, agreement {3} %, Cohen's kappa {4}").format(
                    p["names"][0], p["names"][1], p["units"], round(100 * p["agreement"], 1), _fmt(p["kappa"])))
            self.figures.setText("\n".join(lines))
        rows = data["disagreements"]
        self.table.setRowCount(len(rows))
        for i, d in enumerate(rows):
            who = "; ".join(f"{j['name']}: {names[j['stance']]}" for j in d["judgements"])
            cells = [d["label"], self.tr("{0}, p. {1}").format(d["document"], d["page"]), who,
                     names[d["agreed"]] if d["agreed"] else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d["recommendation_id"])
                item.setToolTip(d["quote"][:500] if c < 2 else text)
                self.table.setItem(i, c, item)
        self.btn_agree.setEnabled(bool(rows))
        if rows and not self.table.selectedItems():
            self.table.selectRow(0)

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def agree(self, rec_id: str, stance: str, note: str = "", agreed_by: str = "") -> None:
        try:
            record_agreed(self.window_.lib, rec_id, stance, note, agreed_by)
        except UserError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.plugin.share.start()

    def agree_selected(self) -> None:
        rec_id = self.selected_id()
        if rec_id is None:
            return
        names = stance_names(self)
        choice, ok = QInputDialog.getItem(self, self.tr("Agreed stance"), self.tr("The team agrees on:"),
                                          [names[s] for s in STANCES], 0, False)
        if not ok:
            return
        stance = next(s for s in STANCES if names[s] == choice)
        note, ok = QInputDialog.getMultiLineText(self, self.tr("Agreed assessment"),
                                                 self.tr("The agreed assessment (optional):"))
        if not ok:
            return
        who, ok = QInputDialog.getText(self, self.tr("Who agreed"), self.tr("Who agreed (names):"))
        if ok:
            self.agree(rec_id, stance, note, who)
