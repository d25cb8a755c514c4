"""The search panel: a query field, results as you type, grouped by document.

Keys in the field: Down/Up move through the results, Enter opens the
selected hit (its page, every match marked), Escape clears.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.search.model import HIT_ROLE, MARKED_HTML_ROLE, ResultsModel
from ui.search.worker import SearchRunner

if TYPE_CHECKING:
    from ui.search.plugin import SearchFeature

DEBOUNCE_MS = 150
LIMIT = 50  # hits with snippets per keystroke; the status line gives the total


def _key(hit: Any) -> tuple:
    return (hit.document, hit.page, hit.annotation)


class SnippetDelegate(QStyledItemDelegate):
    """Draws a hit's snippet with its matched words in bold on yellow. The
    HTML comes from ``snippet_html``: the PDF text is escaped, the marks are
    ours."""

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        marked = index.data(MARKED_HTML_ROLE)
        if marked is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(marked, opt)
        painter.save()
        painter.translate(opt.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _document(self, marked: str, opt: QStyleOptionViewItem) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(marked)
        doc.setTextWidth(max(100, opt.rect.width()))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        marked = index.data(MARKED_HTML_ROLE)
        if marked is None:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        if isinstance(view, QAbstractItemView):
            # Wrap at the width the row will get (the option's rect is not
            # laid out yet when the view asks for the height).
            scrollbar = view.verticalScrollBar().sizeHint().width()
            indent = view.indentation() if isinstance(view, QTreeView) else 0
            opt.rect.setWidth(max(100, view.viewport().width() - indent - scrollbar - 8))
        doc = self._document(marked, opt)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchPanel(QWidget):
    sig_results = Signal(object)
    """The SearchOutcome now shown (after each search, for tests and features)."""

    sig_open_hit = Signal(object)
    """A Hit the user chose to open (Enter, double-click)."""

    def __init__(self, feature: "SearchFeature", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature = feature
        self.outcome: Any = None
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Search pages and annotations (Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.setToolTip(self.tr(
            'Words (all must match), "a phrase", OR, -word or NOT word, prefix*, word~ (typos), '
            "doc: kind: role: tag: label: stance: page:10-20"
        ))
        self.field.installEventFilter(self)
        self.scope = QCheckBox(self.tr("This document only"))
        self.sort = QComboBox()
        self.sort.addItem(self.tr("Relevance"), "relevance")
        self.sort.addItem(self.tr("Document order"), "document")
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ResultsModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setItemDelegate(SnippetDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.header().setStretchLastSection(True)
        # Rows wrap to the panel's width: lay them out again when it changes.
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(50)
        self._relayout.timeout.connect(self.view.doItemsLayout)
        self.view.viewport().installEventFilter(self)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)

        options = QHBoxLayout()
        options.addWidget(self.scope)
        options.addStretch(1)
        options.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.field)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.runner = SearchRunner(feature.window.lib, self)
        self.runner.sig_results.connect(self._show)
        self.runner.sig_failed.connect(lambda msg: self.status.setText(msg))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.scope.toggled.connect(lambda _on: self.run_search())
        self.sort.currentIndexChanged.connect(lambda _i: self.run_search())

    # --- searching ----------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        text = self.field.text()
        if not text.strip():
            self.model.clear()
            self.status.setText("")
            self.outcome = None
            return
        doc = self.feature.current_document_id() if self.scope.isChecked() else None
        # The last word matches as the beginning of longer words while it
        # is being typed (no "*" needed), below the word itself.
        self.runner.request(text, limit=LIMIT, doc=doc, sort=self.sort.currentData(), typing=True)

    def _show(self, outcome: Any) -> None:
        previous = self.current_hit() if self._refreshing else None
        self._refreshing = False
        self.outcome = outcome
        self.model.set_outcome(outcome)
        self.view.expandAll()
        # After a refresh (the index caught up with an edit) keep the hit
        # the user was on; after a new query start at the top.
        same = [
            i for i in self.model.hits_in_order()
            if previous is not None and _key(i.data(HIT_ROLE)) == _key(previous)
        ]
        first = same[0] if same else self.model.first_hit_index()
        if first.isValid():
            self.view.setCurrentIndex(first)
        if self._open_when_ready:
            self._open_when_ready = False
            self.open_current()
        if outcome.source == "sqlite":
            # Said every time: these are not the index's answers.
            self.status.setText(self.tr(
                "%n match(es) (plain text search: the search index is being rebuilt)", "", len(outcome.hits)))
        elif not outcome.hits:
            self.status.setText(self.tr("No matches"))
        else:
            self.status.setText(
                self.tr("%n match(es)", "", max(outcome.total, len(outcome.hits))) + " "
                + self.tr("in %n document(s)", "", len(outcome.groups)))
        if outcome.source != "sqlite" and outcome.behind:
            self.status.setText(self.status.text() + " " + self.tr("(the index is catching up)"))
        notices = {
            "fuzzy": self.tr("Typo-tolerant words (word~) are matched as typed."),
            "excluded_filters": self.tr("Excluded filters (-field:value) are not applied."),
        }
        self.status.setToolTip(" ".join(notices.get(n, n) for n in outcome.notices))
        self.sig_results.emit(outcome)

    def refresh(self) -> None:
        """Search again (the index caught up with a change)."""
        if self.field.text().strip():
            self._refreshing = True
            self.run_search()

    # --- moving and opening ----------------------------------------------------------
    def move(self, step: int) -> None:
        hits = self.model.hits_in_order()
        if not hits:
            return
        current = self.view.currentIndex()
        rows = [(i.parent().row(), i.row()) for i in hits]
        key = (current.parent().row(), current.row()) if current.isValid() and current.parent().isValid() else None
        pos = rows.index(key) if key in rows else -1
        pos = max(0, min(len(hits) - 1, pos + step))
        self.view.setCurrentIndex(hits[pos])
        self.view.scrollTo(hits[pos])

    def current_hit(self) -> Any:
        index = self.view.currentIndex()
        return index.data(HIT_ROLE) if index.isValid() else None

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.sig_open_hit.emit(hit)

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.sig_open_hit.emit(hit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._relayout.start()
            return False
        if obj is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                self.move(1)
                return True
            if key == Qt.Key.Key_Up:
                self.move(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed and pressed Enter at once
                    self.run_search()
                    self._open_when_ready = True
                else:
                    self.open_current()
                return True
            if key == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
        return super().eventFilter(obj, event)

    _open_when_ready = False
    _refreshing = False

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def shutdown(self) -> None:
        self.runner.stop()
