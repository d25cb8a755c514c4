"""Queries off the GUI thread: one worker thread reading the window's library
through its own read connection; only the newest request is answered (typing
fast never queues up stale searches)."""
from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.domain import UserError
from app.library import Library
from ui.failures import sentence


class _Worker(QObject):
    sig_done = Signal(int, object)
    """(request number, SearchOutcome or an error message str)."""

    def __init__(self, lib: Library, latest: list[int]) -> None:
        super().__init__()
        self.lib = lib
        self.latest = latest

    @Slot(int, str, dict)
    def run(self, number: int, text: str, options: dict) -> None:
        if number != self.latest[0]:
            return  # a newer request is already waiting
        from app import search_service  # Whoosh is loaded here, off the first screen's path

        try:
            outcome: Any = search_service.search(self.lib, text, **options)
        except UserError as exc:
            outcome = str(exc)
        except Exception as exc:  # noqa: BLE001 - a search must never take the window down
            outcome = sentence(exc, self.lib.root)  # one sentence; details in the log
        self.sig_done.emit(number, outcome)

    @Slot()
    def close(self) -> None:
        """Nothing to close: the read connection belongs to the library."""


class SearchRunner(QObject):
    sig_results = Signal(object)
    """The newest SearchOutcome (GUI thread)."""

    sig_failed = Signal(str)
    _sig_request = Signal(int, str, dict)
    _sig_close = Signal()

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = [0]
        self._lock = threading.Lock()
        self._thread = QThread(self)
        self._thread.setObjectName("search")
        self._worker = _Worker(lib, self._latest)
        self._worker.moveToThread(self._thread)
        self._sig_request.connect(self._worker.run)
        self._sig_close.connect(self._worker.close)
        self._worker.sig_done.connect(self._done)
        self._thread.start()

    def request(self, text: str, **options: Any) -> int:
        self._latest[0] += 1
        self._sig_request.emit(self._latest[0], text, options)
        return self._latest[0]

    def _done(self, number: int, outcome: Any) -> None:
        if number != self._latest[0]:
            return
        if isinstance(outcome, str):
            self.sig_failed.emit(outcome)
        else:
            self.sig_results.emit(outcome)

    def stop(self) -> None:
        if self._thread.isRunning():
            self._sig_close.emit()
            self._thread.quit()
            self._thread.wait(10000)
