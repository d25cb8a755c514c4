"""The recommendations feature: the register tab, detection, suggestions,
side by side, and linking from the reader.

Keys (shown in the Recommendations menu):
  Ctrl+Shift+R   the register of recommendations
  Ctrl+Shift+D   detect recommendations in the current document
  Ctrl+Shift+B   side by side (then Alt+Down / Alt+Up walk the recommendations,
                 Alt+Right / Alt+Left the responses)
  Ctrl+Shift+K   the passages linked to the annotation selected in the reader
  Ctrl+Shift+J   link the selected annotation to a recommendation
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu

import shiboken6

from app.domain import Annotation, Document
from app import annotations as ann_uc
from app import usecases
from app.domain import UserError
from app.recommendations import register as reg
from ui.recommendations import commands as cmd

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.recommendations.side_by_side import SideBySide
    from ui.recommendations.view import RegisterView


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class RecommendationsFeature(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.register_view: RegisterView | None = None
        self.side_by_side: SideBySide | None = None
        self.dialog: Any = None
        self.link_dialog: Any = None
        self._linked_menu: QMenu | None = None
        self.actions: dict[str, QAction] = {}
        menu = QMenu(self.tr("Re&commendations"), window)
        window.menuBar().insertMenu(window.menu_tools.menuAction(), menu)
        self.menu = menu
        for name, slot in (
            ("register", self.show_register),
            ("detect", self.detect),
            ("suggest", self.suggest),
            ("side", self.show_side_by_side),
            ("linked", self.show_linked),
            ("link", self.link_selected),
        ):
            action = window.actions.create(name, lambda _=False, f=slot: f())
            menu.addAction(action)
            self.actions[name] = action
        from ui.recommendations.linked_dock import LinkedDock

        self.linked_dock = LinkedDock(window, self.link_selected)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.linked_dock)
        search_dock = window.findChild(QDockWidget, "search_dock")
        if search_dock is not None:
            window.tabifyDockWidget(search_dock, self.linked_dock)
            search_dock.raise_()
        window.menu_view.addAction(self.linked_dock.toggleViewAction())

    # --- the reader's current document and annotation (read only) -------------------------
    def _reader_tab(self) -> Any:
        reader = self.window.features.get("ui.reader.plugin")
        return reader.current_tab() if reader is not None and hasattr(reader, "current_tab") else None

    def _selected_annotation(self) -> Annotation | None:
        tab = self._reader_tab()
        ann_id = getattr(getattr(tab, "view", None), "selected_annotation", None) if tab else None
        if not ann_id:
            return None
        try:
            return ann_uc.get_annotation(self.window.lib, ann_id)
        except UserError:
            return None

    # --- tabs -------------------------------------------------------------------------------
    def _open(self, widget: Any) -> bool:
        """Whether a tab of ours is still there (closing a tab deletes it)."""
        return widget is not None and shiboken6.isValid(widget) and self.window.tabs.indexOf(widget) >= 0

    def show_register(self) -> "RegisterView":
        from ui.recommendations.view import RegisterView

        if not self._open(self.register_view):
            self.register_view = RegisterView(self.window)
            self.register_view.setObjectName("register")
            self.register_view.sig_side_by_side.connect(self.show_side_by_side)
            self.window.tabs.addTab(self.register_view, self.tr("Recommendations"))
        self.window.tabs.setCurrentWidget(self.register_view)
        return self.register_view

    def session_state(self) -> dict:
        return {"register": self._open(self.register_view)}

    def restore_session(self, state: dict) -> None:
        if isinstance(state, dict) and state.get("register"):
            self.show_register()

    def show_side_by_side(self, rec_id: str | None = None) -> "SideBySide":
        from ui.recommendations.side_by_side import SideBySide

        if not rec_id:
            ann = self._selected_annotation()
            if ann and ann.role == "recommendation":
                rec_id = ann.id
        view = self.register_view if self._open(self.register_view) else self.show_register()
        if self._open(self.side_by_side) and self.side_by_side.register_view is not view:
            # The register it walked was closed: start afresh with the new one.
            index = self.window.tabs.indexOf(self.side_by_side)
            self.side_by_side.close_document()
            self.window.tabs.removeTab(index)
            self.side_by_side.deleteLater()
        if not self._open(self.side_by_side) or self.side_by_side.register_view is not view:
            self.side_by_side = SideBySide(self.window, view)
            self.window.tabs.addTab(self.side_by_side, self.tr("Side by side"))
        self.window.tabs.setCurrentWidget(self.side_by_side)
        if not rec_id and view.current_id() is None:
            rec_id = view.move(0)
        self.side_by_side.show_recommendation(rec_id or view.current_id())
        return self.side_by_side

    # --- detection --------------------------------------------------------------------------
    def detect(self, doc_id: str | None = None) -> None:
        if not doc_id:
            tab = self._reader_tab()
            doc_id = getattr(tab, "doc_id", None)
        if not doc_id:
            docs = [d for d in usecases.list_documents(self.window.lib) if d.pages_with_text]
            if not docs:
                cmd.show_error(self.window, self.tr("Import a report first."))
                return
            reports = sorted(docs, key=lambda d: d.kind != "report")
            title, ok = QInputDialog.getItem(self.window, self.tr("Detect recommendations"),
                                             self.tr("Document:"), [d.title for d in reports], 0, False)
            if not ok:
                return
            doc_id = next(d.id for d in reports if d.title == title)
        doc = self.window.lib.resolve_document(doc_id)

        def work(lib, progress, cancelled):  # noqa: ANN001 - worker thread, its own library
            from app.recommendations import apply as detection

            return detection.detect_document(lib, doc_id)

        self.window.ops.run(work, lambda props: self._review(doc, props),
                            title=self.tr("Detecting recommendations"))

    def _review(self, doc: Document, proposals: list) -> None:
        from ui.recommendations.detect_dialog import DetectionDialog

        self.dialog = DetectionDialog(self.window, doc, proposals)
        self.dialog.sig_stored.connect(lambda _r: self.show_register())
        self.dialog.open()

    # --- suggestions and links ------------------------------------------------------------------
    def suggest(self) -> None:
        ann = self._selected_annotation()
        view = self.show_register()
        if ann and ann.role == "recommendation":
            view.select(ann.id)
        view.details_tabs.setCurrentWidget(view.suggestions)

    def show_linked(self) -> None:
        ann = self._selected_annotation()
        if ann is None:
            self.window.statusBar().showMessage(self.tr("Select an annotation in a document first."), 5000)
            return
        others = reg.counterparts(self.window.lib, ann.id)
        menu = QMenu(self.window)
        if not others:
            menu.addAction(self.tr("No linked passages")).setEnabled(False)
        for c in others:
            p, link = c.passage, c.link
            if p is None:
                text = self.tr("{0}: no response").format(link.stance)
                menu.addAction(text).setEnabled(False)
                continue
            text = self.tr("{0} · {1}, p. {2}: {3}").format(
                link.stance, _short(p.document, 30), p.page_no, _short(p.quote, 60))
            action = menu.addAction(text)
            action.triggered.connect(
                lambda _=False, p=p: self.window.open_document(p.document_id, p.page_no, p.rects))
        menu.popup(QCursor.pos())
        self._linked_menu = menu

    def link_selected(self) -> None:
        """Link the selected text (it becomes a response) or the selected
        annotation to a recommendation: one dialog, filter, stance, Enter."""
        tab = self._reader_tab()
        view = getattr(tab, "view", None)
        anchor = view.selection() if view is not None else None
        fresh = anchor is not None and bool(anchor.rects)
        ann = None if fresh else self._selected_annotation()
        if not fresh and ann is None:
            self.window.statusBar().showMessage(
                self.tr("Select the response passage in a document first."), 5000)
            return
        entries = [e for e in reg.register(self.window.lib) if ann is None or e.id != ann.id]
        if not entries:
            cmd.show_error(self.window, self.tr("There are no recommendations yet."))
            return
        passage = anchor.quote if fresh else ann.quote
        linked = set() if ann is None else {
            c.link.recommendation_id for c in reg.counterparts(self.window.lib, ann.id)
            if c.side == "recommendation"}
        from app.recommendations.suggest import stance_hint
        from ui.recommendations.link_dialog import LinkDialog

        dialog = LinkDialog(entries, passage, stance_hint(passage)[0] or "accepted", self.window, linked)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.link_dialog = dialog
        dialog.accepted.connect(lambda: self._link_chosen(dialog.chosen(), tab if fresh else None, ann))
        dialog.open()

    def _link_chosen(self, chosen: tuple[str, str] | None, tab: Any, ann: Any) -> None:
        if chosen is None:
            return
        rec_id, stance = chosen
        lib, stack = self.window.lib, self.window.undo_stack
        if tab is not None:
            # The selected text becomes a response and is linked: one undo step.
            stack.beginMacro(self.tr("Link a new response"))
            ann_id = tab.annotate("response")
            ok = ann_id is not None and cmd.push(self.window, cmd.Link(lib, ann_id, rec_id, stance))
            stack.endMacro()
            if not ok:
                stack.undo()
                return
        else:
            ann_id = ann.id
            if not cmd.push(self.window, cmd.Link(lib, ann_id, rec_id, stance)):
                return
        self.linked_dock.show()
        self.linked_dock.raise_()
        self.linked_dock.show_annotation(ann_id)
        from ui.recommendations.view import stance_names

        self.window.statusBar().showMessage(self.tr("Linked as {0}").format(stance_names()[stance]), 8000)


def install(window: "MainWindow") -> RecommendationsFeature:
    return RecommendationsFeature(window)
