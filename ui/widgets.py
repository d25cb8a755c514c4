"""Small widgets shared by features. Text from PDFs and users is always plain."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class SafeLabel(QLabel):
    """A QLabel that never interprets its text as HTML."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (tooltips guess rich text)."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
