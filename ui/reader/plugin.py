"""The reader feature: installs the document tabs, the Annotate menu and keys.

Keys (shown in the menus and tooltips):
  1 / 2 / 3 / 4     annotate the selection as recommendation / response / evidence / comment
  Shift+drag        select an area (a table, a figure) instead of text
  Ctrl+C            copy the selected text;  Ctrl+Shift+C: copy with citation
  Ctrl++ / Ctrl+-   zoom (also Ctrl+wheel);  Ctrl+0: 100 %;  Ctrl+8: fit width;  Ctrl+9: fit page
  Ctrl+G            go to page;  Home / End / PageUp / PageDown move through the document
  Delete            delete the selected annotation (Ctrl+Z brings it back)
  Ctrl+Shift+T      the codebook (tags)
"""
from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from app.changes import Changes
from app.domain import ROLES, UserError
from ui import failures
from ui.reader.render import RenderService
from ui.widgets import plain_tooltip

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.reader.tab import ReaderTab

# Started this long after the window is built, so the first screen is not
# slowed by a process starting beside it; opening a document starts it at once.
RENDER_START_DELAY_MS = 1500


def _as_reader_tab(widget: Any) -> "ReaderTab | None":
    """The widget if it is a document tab (the tab module is read on the
    first open: until then no widget can be one)."""
    module = sys.modules.get("ui.reader.tab")
    return widget if module is not None and isinstance(widget, module.ReaderTab) else None

class ReaderFeature(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.service = RenderService(self)
        # Started soon, so the first page opened later is painted without
        # waiting for a process to start, but not before the window shows.
        QTimer.singleShot(RENDER_START_DELAY_MS, self._start_renderer)
        self.service.sig_failed.connect(self._render_failed)
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        from ui.reader.ocr import OcrController

        self.ocr = OcrController(window)
        window.set_document_opener(self.open_document)
        window.sig_changes.connect(self._on_changes)
        window.tabs.currentChanged.connect(lambda _: self._update_actions())
        self._update_actions()

    # --- actions -----------------------------------------------------------------------
    def _action(self, name: str, slot: Any) -> QAction:
        action = self.window.actions.create(name, slot)
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        w = self.window
        menu = QMenu(self.tr("&Annotate"), w)
        w.menuBar().insertMenu(w.menu_tools.menuAction(), menu)
        self.menu = menu
        for role in ROLES:
            menu.addAction(self._action(f"annotate_{role}", lambda _=False, r=role: self.annotate(r)))
        menu.addSeparator()
        # The Delete key itself is handled by the page and the list (other
        # features' lists use Delete too; a window-wide key would clash).
        menu.addAction(self._action("delete", self.delete_annotation))
        menu.addSeparator()
        codebook = self._action("codebook", self.show_codebook)
        codebook.setStatusTip(self.tr("Tags: colours, descriptions, rename, move, merge, delete"))
        menu.addAction(codebook)

        w.menu_edit.addAction(self._action("copy", lambda: self._tab_call("copy")))
        w.menu_edit.addAction(self._action("copy_cite", lambda: self._tab_call("copy", True)))

        view = w.menu_view
        view.addSeparator()
        view.addAction(self._action("zoom_in", lambda: self._view_call("zoom_by", 1.2)))
        view.addAction(self._action("zoom_out", lambda: self._view_call("zoom_by", 1 / 1.2)))
        view.addAction(self._action("zoom_100", lambda: self._view_call("set_zoom", 1.0)))
        view.addAction(self._action("fit_width", lambda: self._view_call("set_fit", "width")))
        view.addAction(self._action("fit_page", lambda: self._view_call("set_fit", "page")))
        view.addAction(self._action("goto", self.go_to_page))

    def _update_actions(self) -> None:
        on = self.current_tab() is not None
        for name, action in self.actions.items():
            if name != "codebook":
                action.setEnabled(on)

    def _start_renderer(self) -> None:
        if not self.service.closed:  # not if the window closed before the delay ran out
            self.service.start()

    # --- tabs ----------------------------------------------------------------------------
    def current_tab(self) -> ReaderTab | None:
        return _as_reader_tab(self.window.tabs.currentWidget())

    def tab_for(self, doc_id: str) -> ReaderTab | None:
        for i in range(self.window.tabs.count()):
            tab = _as_reader_tab(self.window.tabs.widget(i))
            if tab is not None and tab.doc_id == doc_id:
                return tab
        return None

    def open_document(self, doc_id: str, page: int | None = None, highlight: Any = None) -> ReaderTab | None:
        tab = self.tab_for(doc_id)
        if tab is None:
            try:
                doc = self.window.lib.resolve_document(doc_id)
            except UserError as exc:
                failures.show(self.window, str(exc))
                return None
            path = self.window.lib.document_file(doc)
            if not path.is_file():
                failures.show(self.window, failures.missing_pdf(doc, path))
                return None
            from ui.reader.tab import ReaderTab  # on the first open: not needed to show the window

            self._start_renderer()
            tab = ReaderTab(self.window, self.service, doc)
            tab.view.recognising = doc.id in self.ocr.running
            index = self.window.tabs.addTab(tab, _short(doc.title))
            self.window.tabs.setTabToolTip(index, plain_tooltip(doc.title))
        self.window.tabs.setCurrentWidget(tab)
        tab.reveal(page, highlight)
        tab.view.setFocus()
        return tab

    # --- the session (open tabs come back after a restart) ------------------------------------
    def session_state(self) -> list[dict]:
        """Each open document: its page, zoom (or fit) and selected annotation."""
        out = []
        for i in range(self.window.tabs.count()):
            tab = _as_reader_tab(self.window.tabs.widget(i))
            if tab is not None:
                view = tab.view
                out.append({"doc": tab.doc_id, "page": view.current_page, "zoom": view.zoom,
                            "fit": view.fit, "annotation": view.selected_annotation})
        return out

    def restore_session(self, tabs: list[dict]) -> None:
        for t in tabs:
            try:
                self.window.lib.resolve_document(str(t["doc"]))
            except (UserError, KeyError):
                continue  # removed since: nothing to bring back
            tab = self.open_document(str(t["doc"]))
            if tab is None:
                continue
            if t.get("fit") in ("width", "page"):
                tab.view.set_fit(t["fit"])
            elif isinstance(t.get("zoom"), (int, float)) and t["zoom"] > 0:
                tab.view.set_zoom(float(t["zoom"]))
            if isinstance(t.get("page"), int):
                tab.view.go_to_page(t["page"])
            ann = t.get("annotation")
            if ann and any(a.id == ann for a in tab.view.annotations):
                tab.panel.select(ann)
                tab.view.select_annotation(ann)
                tab.sig_annotation_chosen.emit(ann)

    def _on_changes(self, changes: Changes) -> None:
        for i in reversed(range(self.window.tabs.count())):
            tab = _as_reader_tab(self.window.tabs.widget(i))
            if tab is not None:
                tab.on_changes(changes)

    def _tab_call(self, name: str, *args: Any) -> None:
        tab = self.current_tab()
        if tab is not None:
            getattr(tab, name)(*args)

    def _view_call(self, name: str, *args: Any) -> None:
        tab = self.current_tab()
        if tab is not None:
            getattr(tab.view, name)(*args)

    def annotate(self, role: str) -> str | None:
        tab = self.current_tab()
        return tab.annotate(role) if tab is not None else None

    def delete_annotation(self) -> None:
        self._tab_call("panel_delete")

    def go_to_page(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        page, ok = QInputDialog.getInt(self.window, self.tr("Go to page"), self.tr("Page:"),
                                       tab.view.current_page, 1, len(tab.view.pages))
        if ok:
            tab.view.go_to_page(page)

    def show_codebook(self) -> None:
        from ui.reader.codebook import CodebookDialog

        dialog = CodebookDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _render_failed(self, key: str, page: int, message: str) -> None:
        if key:
            text = self.tr("Page {0} could not be shown: {1}").format(page, message)
        else:
            text = self.tr("The page renderer stopped and was started again.")
        self.window.statusBar().showMessage(text, 8000)

    def shutdown(self) -> None:
        self.ocr.shutdown()
        self.service.shutdown()


def _short(text: str, n: int = 36) -> str:
    """Elided in the middle: titles that begin alike keep their different ends."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    tail = n // 3
    return text[: n - tail - 1].rstrip() + "…" + text[-tail:].lstrip()


def _freeze_startup_objects() -> None:
    # A full garbage collection walks every object of the process: measured
    # 63 ms in the middle of scrolling, over the 50 ms stall budget. Objects
    # that exist once the window is up (modules, widgets, wrappers) live as
    # long as the app; moving them out of the collector's view makes later
    # full collections walk only what was made since. (No gc.collect() first:
    # that would be the very stall, at start-up; startup garbage is small.)
    gc.freeze()


def install(window: "MainWindow") -> ReaderFeature:
    feature = ReaderFeature(window)
    QTimer.singleShot(0, _freeze_startup_objects)  # after every feature is installed
    return feature
