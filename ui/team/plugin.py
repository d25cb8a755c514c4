"""Team review in the window: Tools → Team.

The window watches the team folder (``QFileSystemWatcher`` on every
teammate's folder; a git clone is also pulled on a timer) and shares the
reviewer's own edits a few seconds after they are made. Each sync runs in
the background through the op runner (its writes queue for the library's
one write gateway) and the status bar says what arrived and from whom.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app.changes import Changes
from app.library import Library
from app.team import folder as tf

if TYPE_CHECKING:
    from app.team.sync import SyncReport

SETTLE_MS = 1500  # a sync tool writes a file in steps: wait until it is quiet
SHARE_MS = 4000  # own edits are shared this long after the last one
GIT_PULL_MS = 120_000


class TeamPlugin(QObject):
    sig_synced = Signal(object)
    """A ``SyncReport`` after a background sync ended (GUI thread)."""

    sig_sync_failed = Signal(str)
    """The sentence shown when a sync could not run."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.lib: Library = window.lib
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_folder_changed)
        self.watcher.fileChanged.connect(self._on_folder_changed)
        self.settle = self._timer(SETTLE_MS, self.sync_now)
        self.share = self._timer(SHARE_MS, self.sync_now)
        self.pull_timer = QTimer(self)
        self.pull_timer.setInterval(GIT_PULL_MS)
        self.pull_timer.timeout.connect(self.sync_now)
        self._running = False
        self._again = False
        self._merging: set[str] = set()  # changes that came from our own sync
        self.last_message = ""

        menu = QMenu(self.tr("&Team"), window)
        menu.setObjectName("menu_team")
        self.action_join = QAction(self.tr("&Join a team folder…"), window)
        self.action_join.triggered.connect(self.choose_folder)
        self.action_sync = QAction(self.tr("&Sync with the team now"), window)
        self.action_sync.triggered.connect(self.sync_now)
        self.action_agreement = QAction(self.tr("&Agreement between reviewers…"), window)
        self.action_agreement.triggered.connect(self.show_agreement)
        for action in (self.action_join, self.action_sync, self.action_agreement):
            menu.addAction(action)
        window.menu_tools.addSeparator()
        window.menu_tools.addMenu(menu)
        self.menu = menu
        window.sig_changes.connect(self._on_changes)
        self._watch()
        if tf.team_folder(self.lib) is not None:
            QTimer.singleShot(0, self.sync_now)  # catch up with what arrived while closed

    def _timer(self, ms: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # --- watching ------------------------------------------------------------------------
    def _watch(self) -> None:
        old = self.watcher.directories() + self.watcher.files()
        if old:
            self.watcher.removePaths(old)
        folder = tf.team_folder(self.lib)
        self.action_sync.setEnabled(folder is not None)
        if folder is None or not folder.is_dir():
            self.pull_timer.stop()
            return
        me = self.lib.reviewer_id
        paths = [folder, folder / tf.REVIEWERS]
        base = folder / tf.REVIEWERS
        if base.is_dir():
            for rdir in base.iterdir():
                if rdir.is_dir() and rdir.name != me:
                    paths += [rdir, rdir / tf.ANNOTATIONS]
        self.watcher.addPaths([str(p) for p in paths if p.is_dir()])
        if tf.is_git(folder):
            self.pull_timer.start()
        else:
            self.pull_timer.stop()

    def _on_folder_changed(self, _path: str) -> None:
        self.settle.start()

    def _on_changes(self, changes: Changes) -> None:
        if tf.team_folder(self.lib) is None or not (changes.annotations or changes.links or changes.tags):
            return
        if self._merging and set(changes.links | changes.annotations) <= self._merging:
            return  # what our own sync merged: nothing of ours to share
        self.share.start()

    # --- syncing -------------------------------------------------------------------------
    def sync_now(self) -> None:
        if tf.team_folder(self.lib) is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.settle.stop()
        self.share.stop()

        def work(lib: Library, progress: Any, cancelled: Any) -> SyncReport:
            from app.team import sync as team_sync  # on first use: not needed to show the window

            report = team_sync.sync(lib)
            self._merging = set(report.changes.links | report.changes.annotations)
            return report

        self.window.ops.run(work, self._done, title=self.tr("Team sync"), cancellable=False,
                            on_failed=self._failed)

    def arrival_text(self, report: SyncReport) -> str:
        parts = []
        for a in sorted(report.merged.arrivals.values(), key=lambda a: a.name.lower()):
            if a.judgements:
                parts.append(self.tr("1 new judgement from {0}").format(a.name) if a.judgements == 1
                             else self.tr("{0} new judgements from {1}").format(a.judgements, a.name))
            elif a.annotations or a.agreed:
                parts.append(self.tr("New work from {0}").format(a.name))
        if report.merged.conflict_copies:
            parts.append(self.tr("Conflict copies read and merged: {0}").format(len(report.merged.conflict_copies)))
        if report.documents_fetched:
            parts.append(self.tr("Documents brought in from the team folder: {0}").format(
                len(report.documents_fetched)))
        return "; ".join(parts)

    def _done(self, report: SyncReport) -> None:
        self._finish()
        text = self.arrival_text(report)
        if text:
            self.last_message = text
            self.window.statusBar().showMessage(text, 15000)
        self.sig_synced.emit(report)

    def _failed(self, message: str) -> None:
        self._finish()
        self.last_message = self.tr("Team sync did not complete: {0}").format(message.strip().splitlines()[-1])
        self.window.statusBar().showMessage(self.last_message, 15000)
        self.sig_sync_failed.emit(self.last_message)

    def _finish(self) -> None:
        self._running = False
        self._watch()
        if self._again:
            self._again = False
            self.settle.start()

    # --- actions ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Choose the team's shared folder (or a git clone)"))
        if folder:
            self.join(Path(folder))

    def join(self, folder: Path) -> None:
        def work(lib: Library, progress: Any, cancelled: Any) -> SyncReport:
            from app.team import sync as team_sync

            return team_sync.join(lib, folder).sync

        def failed(message: str) -> None:
            self._failed(message)
            box = QMessageBox(self.window)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Team folder"))
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setText(message)
            box.open()

        self._running = True
        self.window.ops.run(work, self._done, title=self.tr("Joining the team folder"), cancellable=False,
                            on_failed=failed)

    def show_agreement(self) -> None:
        from ui.team.agreement_dialog import AgreementDialog

        dialog = AgreementDialog(self.window, self)
        dialog.open()
        self.dialog = dialog

    def shutdown(self) -> None:
        for timer in (self.settle, self.share, self.pull_timer):
            timer.stop()


def install(window: Any) -> TeamPlugin:
    return TeamPlugin(window)
