"""Choosing what a summary shows: the window's face of the command line's
``--doc``, ``--tag``, ``--role`` and ``--language`` options. Nothing ticked
means everything; the language starts as the interface's own.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Document
from app.domain import ROLES
from ui.i18n import LANGUAGES

FORMATS = ("html", "pdf", "docx", "md", "csv", "xlsx")


def _checklist(entries: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    for key, text in entries:
        item = QListWidgetItem(text)  # item text is plain text: titles come from PDFs
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(150)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


class SummaryDialog(QDialog):
    """Format and filters for File → Export summary…."""

    def __init__(
        self,
        documents: list[Document],
        tag_paths: list[str],
        parent: QWidget | None = None,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export summary"))
        self.format = QComboBox()
        for key in FORMATS:
            self.format.addItem(self._format_name(key), key)
        self.language = QComboBox()
        # Each language is named in itself, as language menus usually do.
        for key, name in LANGUAGES.items():
            self.language.addItem(name, key)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.documents = _checklist([(d.id, d.title) for d in documents])
        self.tags = _checklist([(p, p) for p in tag_paths])
        self.roles = {role: QCheckBox(self._role_name(role)) for role in ROLES}
        roles_box = QHBoxLayout()
        for box in self.roles.values():
            roles_box.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Language of headings and labels:"), self.language)
        form.addRow(self.tr("Only these documents:"), self.documents)
        form.addRow(self.tr("Only these tags:"), self.tags)
        form.addRow(self.tr("Only these roles:"), roles_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _format_name(self, key: str) -> str:
        names = {
            "html": self.tr("HTML (web page, prints well)"),
            "pdf": self.tr("PDF"),
            "docx": self.tr("Word (DOCX)"),
            "md": self.tr("Markdown"),
            "csv": self.tr("CSV (one row per recommendation and response)"),
            "xlsx": self.tr("Excel (one row per recommendation and response)"),
        }
        return names[key]

    def _role_name(self, role: str) -> str:
        return {
            "recommendation": self.tr("Recommendations"),
            "response": self.tr("Responses"),
            "evidence": self.tr("Evidence"),
            "comment": self.tr("Comments"),
        }[role]

    def chosen_format(self) -> str:
        return self.format.currentData()

    def chosen_language(self) -> str:
        return self.language.currentData()

    def filters(self) -> dict[str, list[str]]:
        return {
            "docs": _checked(self.documents),
            "tags": _checked(self.tags),
            "roles": [role for role, box in self.roles.items() if box.isChecked()],
        }
