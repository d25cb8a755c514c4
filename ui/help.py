"""Help: the list of keys (generated from ``ui.actions``) and the guides."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.actions import ActionRegistry

DOCS = Path(__file__).resolve().parent.parent / "docs"

_GUIDES = (("reader", "reader.md"), ("search", "search.md"),
           ("recommendations", "recommendations.md"), ("export", "export.md"))


def guides() -> list[tuple[str, str]]:
    """(name, menu text) of the guides that are present."""
    names = {
        "reader": QCoreApplication.translate("Help", "&Reading and annotating"),
        "search": QCoreApplication.translate("Help", "&Searching"),
        "recommendations": QCoreApplication.translate("Help", "Re&commendations and responses"),
        "export": QCoreApplication.translate("Help", "&Export and exchange"),
    }
    return [(name, names[name]) for name, file in _GUIDES if (DOCS / file).is_file()]


def guide_path(name: str) -> Path | None:
    for n, file in _GUIDES:
        if n == name and (DOCS / file).is_file():
            return DOCS / file
    return None


class KeysDialog(QDialog):
    """Every key of the window, grouped as the menus are."""

    def __init__(self, registry: "ActionRegistry", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Keys"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for group, keys, what in registry.key_rows():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for col, text in enumerate((group, keys, what)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 560)


class GuideDialog(QDialog):
    """A guide from ``docs/`` (our own Markdown), shown in the window."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.setSearchPaths([str(path.parent)])
        self._load(path)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 640)

    def _load(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8")
        self.browser.setMarkdown(text)
        first = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")
        self.setWindowTitle(first or path.stem)

    def _link(self, url: QUrl) -> None:
        # Links between the guides stay in this dialog; nothing else is followed.
        target = (self.path.parent / url.path()).resolve() if url.isRelative() else None
        if target is not None and target.suffix == ".md" and target.parent == DOCS and target.is_file():
            self._load(target)
