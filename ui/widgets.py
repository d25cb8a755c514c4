"""Small widgets shared by features. Text from PDFs and users is always plain."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget


class SafeLabel(QLabel):
    """A QLabel that never interprets its text as HTML."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally (tooltips guess rich text)."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def compact_combo(box: QComboBox, chars: int = 14) -> QComboBox:
    """A combo box whose width does not follow its longest item (titles, tag
    paths): it needs ``chars`` characters, and items are elided in the middle."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    box.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return box
