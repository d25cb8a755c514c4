"""The main window: a thin frame. Features install themselves into it.

Each feature package has a ``plugin.py`` with ``install(window)`` that adds its
actions, menus, docks and shortcuts (Spyder style); the window itself only
holds the library, the menus, the tabs, the undo stack and the op runner.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QByteArray, Qt, QThread, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from app import __version__
from app.changes import Changes
from app.domain import Document
from app.library import Library
from ui import settings
from ui.actions import ActionRegistry
from ui.messages import check_item, import_failure
from ui.help import GuideDialog, KeysDialog, guide_path, guides
from ui.library.view import LibraryView, sample_paths
from ui.ops import OpRunner

if TYPE_CHECKING:
    from app.importer import ImportReport

log = logging.getLogger(__name__)

FEATURES = [
    "ui.reader.plugin",
    "ui.search.plugin",
    "ui.recommendations.plugin",
    "ui.export.plugin",
    "ui.team.plugin",
]


class MainWindow(QMainWindow):
    sig_changes = Signal(object)
    """An ``app.changes.Changes``: what a use case changed (GUI thread)."""

    sig_import_finished = Signal(object)
    """An ``ImportReport`` after an import ended (for tests and features)."""

    _sig_changes_from_thread = Signal(object)

    def __init__(self, lib: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.restart_root: Path | None = None
        """Set by ``request_restart``: the library the app opens after this window."""
        self.setWindowTitle(self.tr("Kanttekening"))
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.ops = OpRunner(lib, self.statusBar(), self)
        # Ops write on worker threads through the same library: what they
        # change is relayed to the GUI thread before any view hears of it.
        self._sig_changes_from_thread.connect(self.sig_changes.emit, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = lib.subscribe(self._on_lib_changed)
        # What a command or another window writes to this library shows up here too.
        self._foreign_timer = QTimer(self)
        self._foreign_timer.setInterval(1500)
        self._foreign_timer.timeout.connect(self._poll_foreign_changes)
        self._foreign_timer.start()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.tabs.currentChanged.connect(self._update_title)
        self.setCentralWidget(self.tabs)
        self.library_view = LibraryView(self)
        self.library_view.sig_open_document.connect(lambda doc_id: self.open_document(doc_id))
        self.tabs.addTab(self.library_view, self.tr("Library"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)

        self.actions = ActionRegistry(self)
        """Every keyed action by name (``ui.actions`` declares them)."""
        self._build_menus()
        self.features: dict[str, Any] = {}
        self._document_opener: Callable[..., Any] | None = None
        for name in FEATURES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name and name.startswith(exc.name):
                    continue  # that feature is not part of this build
                raise
            self.features[name] = module.install(self)
        self._finish_menus()
        self._update_title()
        self.restore_layout()
        QTimer.singleShot(0, self.restore_session)  # once the window has its size
        self.statusBar().showMessage(self.tr("Library: {0}").format(str(lib.root)), 8000)

    # --- menus -------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu(self.tr("&File"))
        self.menu_edit = bar.addMenu(self.tr("&Edit"))
        self.menu_view = bar.addMenu(self.tr("&View"))
        self.menu_tools = bar.addMenu(self.tr("&Tools"))
        self.menu_help = bar.addMenu(self.tr("&Help"))

        a = self.actions
        self.action_import = a.create("import", self.import_dialog)
        self.menu_file.addAction(self.action_import)
        self.action_open_library = a.create("open_library", self.choose_library)
        self.menu_file.addAction(self.action_open_library)
        self.action_samples = a.create("samples", self.load_samples)
        self.menu_file.addAction(self.action_samples)
        self.menu_file.addSeparator()

        # The undo stack's actions name the command ("Undo Mark as …"); only
        # their keys come from the table.
        self.action_undo = a.adopt("undo", self.undo_stack.createUndoAction(self, self.tr("&Undo")))
        self.action_redo = a.adopt("redo", self.undo_stack.createRedoAction(self, self.tr("&Redo")))
        self.menu_edit.addAction(self.action_undo)
        self.menu_edit.addAction(self.action_redo)
        self.menu_edit.addSeparator()

        self.action_library = a.create("library", lambda: self.tabs.setCurrentIndex(0))
        self.menu_view.addAction(self.action_library)

        self.action_check = QAction(self.tr("&Check the library"), self)
        self.action_check.triggered.connect(self.check_library)
        self.menu_tools.addAction(self.action_check)
        self.action_folder = QAction(self.tr("Show the library &folder"), self)
        self.action_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.lib.root)))
        )
        self.menu_tools.addAction(self.action_folder)
        self.action_backup = QAction(self.tr("&Back up the library now"), self)
        self.action_backup.triggered.connect(self.backup_now)
        self.menu_tools.addAction(self.action_backup)

        self.action_keys = a.create("keys", self.show_keys)
        self.menu_help.addAction(self.action_keys)
        self.menu_guides = self.menu_help.addMenu(self.tr("&Guides"))
        for name, text in guides():
            action = self.menu_guides.addAction(text)
            action.setObjectName(f"guide_{name}")
            action.triggered.connect(lambda _=False, n=name: self.open_guide(n))
        self.menu_help.addSeparator()
        self.action_about = QAction(self.tr("&About Kanttekening"), self)
        self.action_about.triggered.connect(self.about)
        self.menu_help.addAction(self.action_about)

    def _finish_menus(self) -> None:
        """Items that belong at the end of menus, after the features added theirs."""
        self.menu_file.addSeparator()
        self.action_settings = self.actions.create("settings", self.show_settings)
        self.menu_file.addAction(self.action_settings)
        self.action_quit = self.actions.create("quit", self.close)
        self.menu_file.addAction(self.action_quit)

    def _update_title(self, index: int = -1) -> None:
        """The window title names the open tab's document and the library folder."""
        widget = self.tabs.currentWidget()
        doc = getattr(widget, "doc", None)
        title = doc.title if isinstance(doc, Document) else None
        place = self.lib.root.name
        self.setWindowTitle(
            self.tr("{0} — Kanttekening ({1})").format(title, place) if title
            else self.tr("Kanttekening ({0})").format(place)
        )

    # --- changes ----------------------------------------------------------------
    def _poll_foreign_changes(self) -> None:
        try:
            changes = self.lib.foreign_changes()
        except Exception:  # noqa: BLE001 - a busy or closing library: try again next tick
            log.debug("reading foreign changes failed", exc_info=True)
            return
        if changes:
            self.lib.changed(changes)

    def _on_lib_changed(self, changes: Changes) -> None:
        # Use cases run on the GUI thread or in ops on worker threads; views
        # listen to sig_changes only, always on the GUI thread.
        if QThread.currentThread() is self.thread():
            self.sig_changes.emit(changes)
        else:
            self._sig_changes_from_thread.emit(changes)

    # --- documents ----------------------------------------------------------------
    def set_document_opener(self, opener: Callable[..., Any]) -> None:
        """The reader feature registers how documents are opened."""
        self._document_opener = opener

    def open_document(self, doc_id: str, page: int | None = None, highlight: Any = None) -> None:
        """Open (or focus) a document's tab, at ``page``, marking ``highlight``
        (rects ``[[page, x0, y0, x1, y1], ...]`` or a list of search terms)."""
        if self._document_opener is None:
            self.statusBar().showMessage(self.tr("This build has no reader."), 5000)
            return
        self._document_opener(doc_id, page, highlight)

    def close_document_tabs(self, doc_id: str) -> None:
        for i in reversed(range(1, self.tabs.count())):
            if getattr(self.tabs.widget(i), "doc_id", None) == doc_id:
                self._close_tab(i)

    def _close_tab(self, index: int) -> None:
        if index == 0:
            return
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if widget is not None:
            close = getattr(widget, "close_document", None)
            if callable(close):
                close()
            widget.deleteLater()

    # --- import -----------------------------------------------------------------
    def import_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import PDFs"), str(Path.home()), self.tr("PDF documents (*.pdf);;All files (*)")
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def load_samples(self) -> None:
        self.import_paths(sample_paths())

    def import_paths(self, paths: list[Path], password: str | None = None) -> None:
        # Read on the first import (not needed to show the window), here on
        # the GUI thread rather than on the op's.
        from app.importer import import_files

        def work(lib: Library, progress, cancelled) -> ImportReport:
            return import_files(
                lib,
                paths,
                password=password,
                progress=lambda done, total, path: progress(done, total, path.name),
                cancelled=cancelled,
            )

        self.ops.run(work, self._import_done, title=self.tr("Importing"))

    def _import_done(self, report: ImportReport) -> None:
        encrypted = [o for o in report.failed if o.code in ("encrypted", "wrong_password")]
        others = [o for o in report.failed if o not in encrypted]
        parts = []
        if report.imported:
            parts.append(self.tr("%n document(s) imported", "", len(report.imported)))
        if report.duplicates:
            parts.append(self.tr("%n already in the library", "", len(report.duplicates)))
        if parts:
            self.statusBar().showMessage("; ".join(parts), 10000)
        if others:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Some files were not imported"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            for o in others:
                log.info("not imported: %s: %s (%s)", o.path, o.message, o.code)
            box.setText("\n".join(f"{o.path.name}: {import_failure(o.code, o.message)}" for o in others))
            box.open()
        for outcome in encrypted:
            self._ask_password(outcome)
        self.sig_import_finished.emit(report)
        if len(report.imported) == 1 and not report.failed:
            outcome = report.imported[0]
            if self.tabs.currentWidget() is self.library_view:
                self.open_document(outcome.document_id)
            else:
                # The reviewer is reading: an import ending in the background
                # does not take the page away from them.
                self.statusBar().showMessage(
                    self.tr("Imported “{0}”: it is in the library.").format(outcome.title or outcome.path.name), 10000)

    def _ask_password(self, outcome) -> None:
        prompt = (
            self.tr("“{0}” is encrypted. Password:")
            if outcome.code == "encrypted"
            else self.tr("The password for “{0}” was wrong. Try again:")
        ).format(outcome.path.name)
        password, ok = QInputDialog.getText(
            self, self.tr("Encrypted PDF"), prompt, QLineEdit.EchoMode.Password
        )
        if ok and password:
            self.import_paths([outcome.path], password=password)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- libraries and restarts --------------------------------------------------------
    def choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open another library (choose or create an empty folder)"), str(self.lib.root.parent)
        )
        if folder and Path(folder).resolve() != self.lib.root.resolve():
            self.open_library(Path(folder))

    def open_library(self, root: Path) -> None:
        """Remember ``root`` as the library and reopen the window on it."""
        settings.set("library", str(root))
        self.request_restart(root)

    def request_restart(self, root: Path | None = None) -> None:
        """Close this window and open a new one (on ``root``, or the same library)."""
        self.restart_root = root or self.lib.root
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # --- tools --------------------------------------------------------------------
    def check_library(self) -> None:
        from app.usecases import check_library

        def done(result: dict) -> None:
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("Check the library"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setIcon(QMessageBox.Icon.Information if result["ok"] else QMessageBox.Icon.Warning)
            lines = [f"{check_item(i['what'])}: {i['detail']}" for i in result["items"]]
            head = self.tr("The library is in order.") if result["ok"] else self.tr("Problems were found.")
            box.setText(head + "\n\n" + "\n".join(lines))
            box.open()

        self.ops.run(lambda lib, progress, cancelled: check_library(lib), done, title=self.tr("Checking"))

    def backup_now(self) -> None:
        self.ops.run(
            lambda lib, progress, cancelled: lib.backup(force=True),
            lambda path: self.statusBar().showMessage(self.tr("Backup written to {0}").format(str(path)), 10000),
            title=self.tr("Backing up"),
            cancellable=False,
        )

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    def show_keys(self) -> None:
        dialog = self.findChild(KeysDialog)
        if dialog is None:
            dialog = KeysDialog(self.actions, self)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_guide(self, name: str) -> None:
        path = guide_path(name)
        if path is None:
            self.statusBar().showMessage(self.tr("The guide could not be opened."), 8000)
            return
        dialog = GuideDialog(path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Kanttekening"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "Kanttekening {0}\n\nOffline review of policy documents: tag recommendations and "
                "responses, link them with a judgement, search and export.\n\n"
                "Free software under the GNU Affero General Public License 3.0."
            ).format(__version__)
        )
        box.open()

    # --- layout -------------------------------------------------------------------
    def _layout_key(self) -> str:
        """Window state is kept per screen size: a laptop's layout does not
        spoil the one for the monitor at the office, and the other way round."""
        screen = self.screen() or QApplication.primaryScreen()
        size = screen.availableGeometry().size() if screen is not None else None
        return f"window/{size.width()}x{size.height()}" if size is not None else "window"

    def restore_layout(self) -> None:
        s = settings.qsettings()
        key = self._layout_key()
        geometry = s.value(f"{key}/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else None
            if avail is not None:
                self.resize(min(1280, avail.width()), min(860, avail.height()))
            else:
                self.resize(1280, 860)
        state = s.value(f"{key}/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        else:
            # Docks take their size once the window is laid out.
            QTimer.singleShot(0, self._default_dock_sizes)

    def _default_dock_sizes(self) -> None:
        docks = [d for d in self.findChildren(QDockWidget)
                 if self.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
        if docks:
            width = max(240, min(420, self.width() // 5))
            self.resizeDocks(docks, [width] * len(docks), Qt.Orientation.Horizontal)

    def save_layout(self) -> None:
        s = settings.qsettings()
        key = self._layout_key()
        s.setValue(f"{key}/geometry", self.saveGeometry())
        s.setValue(f"{key}/state", self.saveState())

    # --- the session -------------------------------------------------------------------
    def _session_key(self) -> str:
        digest = hashlib.sha1(str(self.lib.root.resolve()).encode("utf-8")).hexdigest()[:16]
        return f"session/{digest}"

    def save_session(self) -> None:
        """Open tabs, each document's page, zoom and selected annotation, the current tab."""
        state: dict[str, Any] = {"features": {}, "current": ""}
        for name, feature in self.features.items():
            get = getattr(feature, "session_state", None)
            if callable(get):
                state["features"][name] = get()
        widget = self.tabs.currentWidget()
        state["current"] = getattr(widget, "doc_id", "") or ("register" if widget is not None
                                                            and widget.objectName() == "register" else "")
        settings.qsettings().setValue(self._session_key(), json.dumps(state))

    def restore_session(self) -> None:
        raw = settings.qsettings().value(self._session_key())
        try:
            state = json.loads(raw) if isinstance(raw, str) and raw else {}
        except ValueError:
            state = {}
        for name, saved in (state.get("features") or {}).items():
            restore = getattr(self.features.get(name), "restore_session", None)
            if callable(restore) and saved:
                try:
                    restore(saved)
                except Exception:  # noqa: BLE001 - a stale session must never stop the window
                    log.exception("could not restore the session of %s", name)
        current = state.get("current") or ""
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if current and (getattr(w, "doc_id", None) == current or w.objectName() == current):
                self.tabs.setCurrentIndex(i)
                break

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._foreign_timer.stop()
        self.save_layout()
        self.save_session()
        for i in reversed(range(1, self.tabs.count())):
            self._close_tab(i)
        for feature in self.features.values():
            shutdown = getattr(feature, "shutdown", None)
            if callable(shutdown):
                shutdown()
        self.ops.wait(10000)
        self._unsubscribe()
        super().closeEvent(event)
