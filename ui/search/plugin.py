"""The search feature: a search dock always one key away, find in the open
document, next/previous match, debate mode, and the index kept in step by a
child process.

Keys:
  Ctrl+K            search everything (the field takes the focus)
  Ctrl+F            find in the open document
  F3 / Shift+F3     next / previous page with a match in the open document
  F11               debate mode (full screen, large type; Enter copies with citation)
"""
from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QProgressBar

from app.changes import Changes
from app.search_indexer import IndexerProcess
from ui.search.panel import SearchPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.search.debate import DebateView

# The indexer child starts this long after the window is built (or at the
# first change or rebuild), so that the first screen does not share the
# processor with a starting process.
INDEXER_START_DELAY_MS = 1500

log = logging.getLogger(__name__)


class SearchFeature(QObject):
    sig_index_event = Signal(dict)
    """An event from the indexer child ("status", "progress", "ready", "error",
    "exited"), delivered on the GUI thread."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.panel = SearchPanel(self)
        self.panel.sig_open_hit.connect(self.open_hit)
        self.dock = QDockWidget(self.tr("Search"), window)
        self.dock.setObjectName("search_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setFormat(self.tr("Indexing %p%"))
        self.progress.hide()
        window.statusBar().addPermanentWidget(self.progress)
        self.debate: DebateView | None = None
        # Next / previous match: the last query and the pages it matched in
        # a document.
        self._match: dict[str, Any] = {"text": "", "doc": None, "pages": [], "words": []}
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self.sig_index_event.connect(self._on_index_event)
        window.sig_changes.connect(self._on_changes)
        # The listener runs on the indexer's reader thread: hand over by signal.
        self.indexer = IndexerProcess(window.lib.root, self.sig_index_event.emit)
        self._closing = False
        QTimer.singleShot(INDEXER_START_DELAY_MS, self._start_indexer)

    def _start_indexer(self) -> None:
        if self.indexer.pid is None and not self._closing:
            self.indexer.start()

    # --- actions -------------------------------------------------------------------------
    def _action(self, name: str, slot: Any) -> QAction:
        action = self.window.actions.create(name, slot)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        w = self.window
        menu = w.menu_edit
        menu.addSeparator()
        menu.addAction(self._action("search", self.focus_search))
        menu.addAction(self._action("find", self.find_in_document))
        menu.addAction(self._action("next", lambda: self.step_match(1)))
        menu.addAction(self._action("previous", lambda: self.step_match(-1)))
        w.menu_view.addAction(self._action("debate", self.show_debate))
        rebuild = QAction(self.tr("Rebuild search &index"), w)
        rebuild.triggered.connect(self.rebuild_index)
        w.menu_tools.addAction(rebuild)
        self.actions["rebuild"] = rebuild

    # --- searching ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.scope.setChecked(False)
        self.panel.focus_field()

    def find_in_document(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.scope.setChecked(self.current_document_id() is not None)
        self.panel.focus_field()

    def current_document_id(self) -> str | None:
        """The document of the current tab (the reader's tabs carry ``doc_id``)."""
        return getattr(self.window.tabs.currentWidget(), "doc_id", None)

    def open_hit(self, hit: Any) -> None:
        from app import search_service  # Whoosh: not needed for the first screen

        outcome = self.panel.outcome
        words = search_service.page_words(self.window.lib, outcome, hit.document, hit.page) if outcome else []
        text = self.panel.field.text()
        if self._match["text"] != text or self._match["doc"] != hit.document:
            pages = search_service.match_pages(self.window.lib, text, hit.document)
            self._match = {"text": text, "doc": hit.document, "pages": pages}
        self._match["page"] = hit.page
        self._match["words"] = words
        self.window.open_document(hit.document, hit.page, highlight=words or None)

    def step_match(self, step: int) -> None:
        """Go to the next (or previous) page of the open document with a match."""
        from app import search_service  # Whoosh: not needed for the first screen

        doc = self.current_document_id()
        text = self.panel.field.text().strip()
        if doc is None or not text:
            return
        if self._match["text"] != text or self._match["doc"] != doc:
            self._match = {"text": text, "doc": doc, "page": 0,
                           "pages": search_service.match_pages(self.window.lib, text, doc), "words": []}
        pages = self._match["pages"]
        if not pages:
            self.window.statusBar().showMessage(self.tr("No matches in this document"), 3000)
            return
        current = self._match.get("page", 0)
        later = [p for p in pages if (p > current if step > 0 else p < current)]
        page = (later[0] if step > 0 else later[-1]) if later else (pages[0] if step > 0 else pages[-1])
        self._match["page"] = page
        outcome = self.panel.outcome
        words = search_service.page_words(self.window.lib, outcome, doc, page) if outcome else []
        self.window.open_document(doc, page, highlight=words or None)
        self.window.statusBar().showMessage(
            self.tr("Match on page {0} ({1} of {2} pages)").format(page, pages.index(page) + 1, len(pages)), 3000)

    def show_debate(self) -> None:
        from ui.search.debate import DebateView  # on first use: not needed to show the window

        self.debate = DebateView(self)
        self.debate.start()

    # --- the index ----------------------------------------------------------------------
    def _on_changes(self, _changes: Changes) -> None:
        self._start_indexer()
        self.indexer.poke()

    def rebuild_index(self) -> None:
        self._start_indexer()
        self.indexer.rebuild()

    def _on_index_event(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "status" and event.get("state") not in ("ok", "behind", "missing", None):
            # Damaged, foreign or out of step: one line, then the rebuild
            # (the search answers from plain text meanwhile and says so).
            log.warning("search index: %s (%s)", event.get("state"), event.get("detail"))
            self.window.statusBar().showMessage(
                self.tr("The search index could not be used and is being rebuilt"), 8000)
        elif kind == "busy":
            self.window.statusBar().showMessage(
                self.tr("Another program is updating the search index; results may be behind"), 8000)
        elif kind == "progress":
            self.progress.setMaximum(max(1, int(event.get("total") or 1)))
            self.progress.setValue(int(event.get("done") or 0))
            self.progress.show()
        elif kind == "ready":
            self.progress.hide()
            if event.get("rebuilt"):
                self.window.statusBar().showMessage(self.tr("The search index is ready"), 3000)
            self.panel.refresh()
        elif kind == "error":
            log.warning("search indexer: %s", event.get("message"))
            self.window.statusBar().showMessage(
                self.tr("Search index: {0}").format(event.get("message", "")), 8000)
        elif kind == "exited":
            self.progress.hide()
            log.warning("search indexer stopped (exit code %s); restarting", event.get("code"))

    def shutdown(self) -> None:
        self._closing = True
        self.panel.shutdown()
        if self.debate is not None:
            self.debate.runner.stop()
        self.indexer.stop(timeout=1.0)
        search_service = sys.modules.get("app.search_service")  # never loaded: nothing to close
        if search_service is not None:
            search_service.close_engine(self.window.lib)


def install(window: "MainWindow") -> SearchFeature:
    return SearchFeature(window)
