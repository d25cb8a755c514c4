"""Debate mode: the search full screen in large type. Enter (or Ctrl+C)
copies the selected passage with its citation, ready to paste into a
message or a speech; Escape leaves."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

import shiboken6

from ui.search.model import MARKED_HTML_ROLE, snippet_html
from ui.search.panel import SnippetDelegate
from ui.search.worker import SearchRunner

if TYPE_CHECKING:
    from ui.search.plugin import SearchFeature

FONT_POINTS = 20


def citation(hit: Any, with_note: bool = False) -> str:
    """The source's own words exactly as on the page, and where they stand:
    “…” (title, p. N). The reviewer's note, when asked for, follows on a
    line of its own, never inside the quotation marks."""
    where = QGuiApplication.translate("DebateView", "({0}, p. {1})").format(hit.title, hit.page)
    text = QGuiApplication.translate("DebateView", "“{0}” {1}").format(hit.passage, where) if hit.passage else where
    if with_note and hit.note:
        text += "\n" + QGuiApplication.translate("DebateView", "Note: {0}").format(hit.note)
    return text


class DebateView(QDialog):
    sig_results = Signal(object)
    """The SearchOutcome shown (for tests)."""

    sig_copied = Signal(str)
    """The text put on the clipboard."""

    def __init__(self, feature: "SearchFeature") -> None:
        super().__init__(feature.window)
        self.setWindowTitle(self.tr("Debate mode"))
        font = QFont(self.font())
        font.setPointSize(FONT_POINTS)
        self.setFont(font)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Search… (Enter copies the passage with its source)"))
        self.field.installEventFilter(self)
        self.results = QListWidget()
        self.results.setWordWrap(True)
        # Wrapping needs the width fixed to the view: no horizontal scrolling.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setAlternatingRowColors(True)
        self.results.setItemDelegate(SnippetDelegate(self.results))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # A long copied passage wraps: it must never widen the window past the screen.
        self.status.setWordWrap(True)
        self.leave_hint = QLabel(self.tr("Esc leaves debate mode"))
        self.leave_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.leave_hint.setEnabled(False)  # greyed: a hint, not a control
        self._return_to: Any = None
        self.with_note = QCheckBox(self.tr("Copy my &note too (on its own line)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.leave_hint, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.field)
        layout.addWidget(self.with_note)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.runner = SearchRunner(feature.window.lib, self)
        self.runner.sig_results.connect(self._show)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy_selected)
        self.results.itemActivated.connect(lambda _item: self.copy_selected())
        self._hits: list[Any] = []

    def _search(self) -> None:
        text = self.field.text()
        if text.strip():
            self.runner.request(text, limit=30, typing=True)
        else:
            self.results.clear()
            self._hits = []

    def _show(self, outcome: Any) -> None:
        self.results.clear()
        self._hits = list(outcome.hits)
        for hit in self._hits:
            # The item's own text is plain; the delegate draws the escaped
            # snippet with our marks on the matched words.
            source = self.tr("{0}, p. {1}").format(hit.title, hit.page)
            note = "\n" + self.tr("Note: {0}").format(hit.note) if hit.note else ""
            item = QListWidgetItem(f"{hit.plain}{note}\n— {source}")
            marked = snippet_html(hit.plain, hit.marks)
            if hit.note:
                marked += "<br><i>" + html.escape(self.tr("Note: {0}").format(hit.note)) + "</i>"
            item.setData(MARKED_HTML_ROLE, marked + "<br>— " + html.escape(source))
            self.results.addItem(item)
        if self._hits:
            self.results.setCurrentRow(0)
        status = self.tr("{0} matches").format(len(self._hits)) if self._hits else self.tr("No matches")
        if outcome.source == "sqlite":
            status += " " + self.tr("(plain text search: the search index is being rebuilt)")
        self.status.setText(status)
        self.sig_results.emit(outcome)

    def copy_selected(self) -> None:
        row = self.results.currentRow()
        if not 0 <= row < len(self._hits):
            return
        text = citation(self._hits[row], self.with_note.isChecked())
        QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("Copied: {0}").format(text[:120]))
        self.sig_copied.emit(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._hits:
                step = 1 if key == Qt.Key.Key_Down else -1
                self.results.setCurrentRow(max(0, min(len(self._hits) - 1, self.results.currentRow() + step)))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self._search()
                else:
                    self.copy_selected()
                return True
        return super().eventFilter(obj, event)

    def start(self) -> None:
        app = QApplication.instance()
        self._return_to = app.focusWidget() if isinstance(app, QApplication) else None
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        if screen is not None:
            # The screen the window is on; also filled where no window manager
            # honours full screen, and never left by a long passage.
            self.setMaximumSize(screen.geometry().size())
            self.setGeometry(screen.availableGeometry())
        self.showFullScreen()
        self.activateWindow()
        self.field.setFocus()

    def done(self, result: int) -> None:  # Escape and close end here
        self.runner.stop()
        super().done(result)
        # The keyboard goes back where it was before debate mode.
        parent = self.parentWidget()
        if parent is not None:
            parent.activateWindow()
        target = self._return_to
        if target is not None and shiboken6.isValid(target) and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)
