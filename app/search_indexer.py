"""The index writer as a child process, for the window.

A Whoosh commit in a thread of the window's process stalled the window for
about 70 ms (the GIL), so the window starts this process instead. It owns
the index writer: at start it catches the index up or rebuilds it, then
waits for a line on standard input ("sync", "rebuild", "quit") and reports
on standard output, one JSON object a line:

    {"event": "status", "state": "behind", "detail": "..."}
    {"event": "progress", "done": 500, "total": 10000}
    {"event": "ready", "seq": 123, "rebuilt": false}
    {"event": "error", "message": "..."}
    {"event": "busy"}      another process holds the index's write lock

Killed at any moment, it leaves either the previous generation (with its
own state) or an incomplete one that the next start ignores and removes.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from app.library import Library

Listener = Callable[[dict], None]
BUSY_RETRY = 2.0  # seconds between tries while another process writes the index


def _emit(event: dict) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def _progress() -> Callable[[int, int], None]:
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.2 or done >= total:
            last[0] = now
            _emit({"event": "progress", "done": done, "total": total})

    return report


def child_main(root: str) -> int:
    from app import search_service
    from search import IndexBusy, IndexUnavailable

    lib = Library.open(root, create=False)
    try:
        status = search_service.index_status(lib, verify=True)
        _emit({"event": "status", "state": status.state, "detail": status.detail})
        rebuilt = not status.usable
        while True:
            try:
                search_service.ensure_index(lib, progress=_progress())
                break
            except IndexBusy:
                # Another process (a command line search, a second window)
                # is writing: say so, and try again shortly.
                _emit({"event": "busy"})
                time.sleep(BUSY_RETRY)
        _emit({"event": "ready", "seq": search_service.engine(lib).state().seq, "rebuilt": rebuilt})
        for line in sys.stdin:
            command = line.strip()
            if command == "quit":
                break
            try:
                if command == "rebuild":
                    search_service.rebuild_index(lib, progress=_progress())
                    rebuilt = True
                elif command == "sync":
                    rebuilt = False
                    try:
                        search_service.sync_index(lib)
                    except IndexBusy:
                        _emit({"event": "busy"})
                        continue
                    except IndexUnavailable:
                        search_service.retire_index(lib)
                        search_service.rebuild_index(lib, progress=_progress())
                        rebuilt = True
                else:
                    continue
                _emit({"event": "ready", "seq": search_service.engine(lib).state().seq, "rebuilt": rebuilt})
            except Exception as exc:  # noqa: BLE001 - report, keep serving
                from app.errors import explain

                _emit({"event": "error", "message": explain(exc, library=lib.root).message})
    finally:
        lib.close()
    return 0


class IndexerProcess:
    """The window's handle on the child. ``listener`` is called on a reader
    thread with each event (the window forwards them to its GUI thread)."""

    MAX_RESTARTS = 3

    def __init__(self, root: Path, listener: Listener) -> None:
        self.root = Path(root)
        self.listener = listener
        self._proc: subprocess.Popen[str] | None = None
        self._write_lock = threading.Lock()
        self._stopping = False
        self._restarts = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def start(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "app.search_indexer", str(self.root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        threading.Thread(target=self._read, args=(self._proc,), daemon=True).start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            self.listener(event)
        code = proc.wait()
        if proc is not self._proc or self._stopping:
            return
        self.listener({"event": "exited", "code": code})
        if self._restarts < self.MAX_RESTARTS:
            self._restarts += 1
            self.start()

    def _send(self, command: str) -> None:
        with self._write_lock:
            proc = self._proc
            if proc is None or proc.stdin is None or proc.poll() is not None:
                return
            try:
                proc.stdin.write(command + "\n")
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass

    def poke(self) -> None:
        """Something changed in the library: catch up (within a second)."""
        self._send("sync")

    def rebuild(self) -> None:
        self._send("rebuild")

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping = True
        proc = self._proc
        if proc is None:
            return
        self._send("quit")
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._proc = None


def start_background_indexer(lib: Library, listener: Listener) -> IndexerProcess:
    """Start the child and poke it after every change the library reports."""
    indexer = IndexerProcess(lib.root, listener)
    indexer.start()
    lib.subscribe(lambda _changes: indexer.poke())
    return indexer


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1]))
