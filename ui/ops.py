"""Long actions off the GUI thread, with progress and one error handler.

Like Anki's ``CollectionOp``: ``run_op(fn, on_done)`` runs ``fn(lib, progress,
cancelled)`` in a worker thread on the window's own library: its reads use the
thread's own read connection, its writes queue for the library's one write
gateway (``lib.write()``) like the window's. It shows a progress bar with
Cancel in the status bar and calls ``on_done(result)`` on the GUI thread.
A failure ends up as one sentence in one message box (``ui.failures``: a
``UserError`` in its own words, the unexpected named with the log file that
has the details). What an op changes reaches the views through the library's
listeners.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QStatusBar, QWidget

from app.domain import UserError
from app.library import Library
from ui.failures import sentence, show
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
            self.signals.sig_failed.emit(sentence(exc, self.lib.root), True)
        except Exception as exc:  # noqa: BLE001 - one sentence for the user, details in the log
            self.signals.sig_failed.emit(sentence(exc, self.lib.root), False)
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
            show(self.window, message, title)

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
