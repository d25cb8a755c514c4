"""The settings dialog: language, reviewer name, role colours."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain import ROLES
from ui import settings
from ui.i18n import LANGUAGES
from ui.widgets import SafeLabel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "recommendation": QCoreApplication.translate("Roles", "Recommendation"),
        "response": QCoreApplication.translate("Roles", "Response"),
        "evidence": QCoreApplication.translate("Roles", "Evidence"),
        "comment": QCoreApplication.translate("Roles", "Comment"),
    }.get(role, role)


class SettingsDialog(QDialog):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))
        form.addRow(self.tr("Language:"), self.language)
        self.reviewer = QLineEdit(window.lib.reviewer)
        form.addRow(self.tr("Your name (stored with your annotations):"), self.reviewer)
        self.reviewer_id = QLineEdit(window.lib.reviewer_id)
        self.reviewer_id.setPlaceholderText(self.tr("chosen when you join a team"))
        form.addRow(self.tr("Your short id (for team review):"), self.reviewer_id)
        self.project = QLineEdit(window.lib.project_name)
        self.project.setToolTip(self.tr("The title of exported summaries and projects"))
        form.addRow(self.tr("Project name:"), self.project)
        self.colors: dict[str, str] = {}
        self.color_buttons: dict[str, QPushButton] = {}
        for role in ROLES:
            color = settings.role_color(role)
            self.colors[role] = color
            button = QPushButton()
            button.setFixedWidth(80)
            self._paint(button, color)
            button.clicked.connect(lambda _=False, r=role: self._pick(r))
            self.color_buttons[role] = button
            form.addRow(self.tr("Colour of {0}:").format(role_label(role)), button)
        self.note = SafeLabel(self.tr(
            "A change of language reopens the window when you press OK, with the same tabs "
            "(nothing is lost)."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    @staticmethod
    def _paint(button: QPushButton, color: str) -> None:
        button.setStyleSheet(f"background-color: {QColor(color).name()};")

    def _pick(self, role: str) -> None:
        color = QColorDialog.getColor(QColor(self.colors[role]), self, role_label(role))
        if color.isValid():
            self.colors[role] = color.name()
            self._paint(self.color_buttons[role], color.name())

    def accept(self) -> None:
        language_changed = self.language.currentData() != settings.get("language")
        settings.set("language", self.language.currentData())
        name = self.reviewer.text().strip()
        if name and name != self.window_.lib.reviewer:
            self.window_.lib.set_reviewer(name)
        short_id = self.reviewer_id.text().strip()
        if short_id and short_id != self.window_.lib.reviewer_id:
            from app.domain import UserError
            from app.team.identity import set_identity

            try:
                set_identity(self.window_.lib, short_id=short_id)
            except UserError as exc:
                QMessageBox.warning(self, self.windowTitle(), str(exc))
                return
        project = " ".join(self.project.text().split())
        if project and project != self.window_.lib.project_name:
            self.window_.lib.set_project_name(project)
        for role, color in self.colors.items():
            settings.set(f"colors/{role}", color)
        super().accept()
        if language_changed:
            # The dialog said so before OK: no second question. The tabs come back.
            self.window_.request_restart()
