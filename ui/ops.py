"""Long actions off the GUI thread, with progress and one error handler.

Like Anki's ``CollectionOp``: ``run_op(fn, on_done)`` runs ``fn(lib, progress,
cancelled)`` in a worker thread on the window's own library: its reads use the
thread's own read connection, its writes queue for the library's one write
gateway (``lib.write()``) like the window's. It shows a progress bar with
Cancel in the status bar and calls ``on_done(result)`` on the GUI thread.
Exceptions end up in one message box; a ``UserError`` shows its message as it
is. What an op changes reaches the views through the library's listeners.
"""
from __future__ import annotations

import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QProgressBar, QPushButton, QStatusBar, QWidget

from app.domain import UserError
from app.library import Library
from ui.widgets import SafeLabel

ProgressFn = Callable[[int, int, str], None]
OpFn = Callable[[Library, ProgressFn, Callable[[], bool]], Any]


class _Signals(QObject):
    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(str, bool)  # message, is_user_error


class _Job(QRunnable):
    def __init__(self, lib: Library, fn: OpFn, signals: _Signals) -> None:
        super().__init__()
        self.lib = lib
        self.fn = fn
        self.signals = signals
        self.cancel_requested = False

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self.fn(
                self.lib,
                lambda done, total, text="": self.signals.sig_progress.emit(done, total, text),
                lambda: self.cancel_requested,
            )
        except UserError as exc:
            self.signals.sig_failed.emit(str(exc), True)
        except Exception:  # noqa: BLE001 - reported to the user, never lost
            self.signals.sig_failed.emit(traceback.format_exc(), False)
        else:
            self.signals.sig_done.emit(result)


class OpRunner(QObject):
    """Runs ops one after another's start; each gets a row in the status bar."""

    sig_finished = Signal(str)
    """An op ended (its title), successfully or not; tests wait on this."""

    def __init__(self, lib: Library, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.lib = lib
        self.status_bar = status_bar
        self.window = parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._running: list[tuple[_Job, _Signals, QWidget]] = []

    def run(
        self,
        fn: OpFn,
        on_done: Callable[[Any], None] | None = None,
        *,
        title: str = "",
        cancellable: bool = True,
        on_failed: Callable[[str], None] | None = None,
    ) -> _Job:
        signals = _Signals()
        job = _Job(self.lib, fn, signals)
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = SafeLabel(title)
        bar = QProgressBar()
        bar.setMaximumWidth(220)
        bar.setRange(0, 0)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setVisible(cancellable)
        layout.addWidget(label)
        layout.addWidget(bar)
        layout.addWidget(cancel)
        self.status_bar.addPermanentWidget(box)
        entry = (job, signals, box)
        self._running.append(entry)

        def on_progress(done: int, total: int, text: str) -> None:
            if total > 0:
                bar.setRange(0, total)
                bar.setValue(done)
            if text:
                label.setText(f"{title} – {text}" if title else text)

        def finish() -> None:
            self.status_bar.removeWidget(box)
            box.deleteLater()
            if entry in self._running:
                self._running.remove(entry)
            self.sig_finished.emit(title)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(message: str, is_user_error: bool) -> None:
            finish()
            if on_failed is not None:
                on_failed(message)
                return
            box_ = QMessageBox(self.window)
            box_.setIcon(QMessageBox.Icon.Warning)
            box_.setWindowTitle(title or self.tr("Kanttekening"))
            box_.setTextFormat(Qt.TextFormat.PlainText)
            if is_user_error:
                box_.setText(message)
            else:
                box_.setText(self.tr("Something went wrong. Nothing was lost: every change made so far is stored."))
                box_.setDetailedText(message)
            box_.open()

        def cancel_clicked() -> None:
            job.cancel_requested = True
            cancel.setEnabled(False)
            label.setText(self.tr("Cancelling…"))

        signals.sig_progress.connect(on_progress)
        signals.sig_done.connect(done)
        signals.sig_failed.connect(failed)
        cancel.clicked.connect(cancel_clicked)
        self.pool.start(job)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
