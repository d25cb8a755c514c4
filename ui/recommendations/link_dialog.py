"""Linking a passage in one dialog: type to filter the recommendations, choose
the stance, Enter. (Ctrl+Shift+J in a document.)"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import SafeLabel, plain_tooltip

REC_ROLE = Qt.ItemDataRole.UserRole + 40


class LinkDialog(QDialog):
    """Choose the recommendation a passage answers, and its stance."""

    def __init__(self, entries: list[Any], passage: str, stance: str, parent: QWidget | None = None,
                 linked: set[str] | None = None) -> None:
        super().__init__(parent)
        from ui.recommendations.view import stance_names

        self.setWindowTitle(self.tr("Link to a recommendation"))
        self.quote = SafeLabel(" ".join(passage.split())[:300])
        self.quote.setWordWrap(True)
        self.quote.setEnabled(False)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to filter by label or text…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.installEventFilter(self)
        self.model = QStandardItemModel(self)
        linked = linked or set()
        for e in entries:
            text = f"{e.label or '–'}  {' '.join(e.quote.split())}"
            if e.id in linked:
                text = self.tr("{0} (linked already)").format(text)
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(e.id, REC_ROLE)
            item.setToolTip(plain_tooltip(e.quote))
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        self.stance = QComboBox()
        for key, name in stance_names().items():
            self.stance.addItem(name, key)
        self.stance.setCurrentIndex(max(0, self.stance.findData(stance)))
        self.count = SafeLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Link"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Stance:"), self.stance)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filtered)
        self._filtered("")
        self.resize(720, 520)
        self.filter.setFocus()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.activateWindow()
        self.filter.setFocus()

    def _filtered(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            current = self.list.currentIndex()
            if not current.isValid():
                self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.count.setText(self.tr("%n recommendation(s)", "", self.proxy.rowCount()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.proxy.rowCount() > 0)

    def chosen(self) -> tuple[str, str] | None:
        """(recommendation id, stance), or None."""
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return index.data(REC_ROLE), self.stance.currentData()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Up and Down in the filter walk the list; Alt+Up/Down the stances.
        if obj is self.filter and event.type() == QEvent.Type.KeyPress:
            key: Any = event.key()  # type: ignore[attr-defined]
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                if alt:
                    self.stance.setCurrentIndex(max(0, min(self.stance.count() - 1,
                                                           self.stance.currentIndex() + step)))
                else:
                    row = max(0, min(self.proxy.rowCount() - 1, self.list.currentIndex().row() + step))
                    self.list.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return super().eventFilter(obj, event)
