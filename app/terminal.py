"""A progress bar on the terminal (standard error), only when it is a terminal."""
from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._start = time.monotonic()

    def update(self, done: int, total: int, detail: str = "") -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        width = max(10, min(40, shutil.get_terminal_size((80, 20)).columns - 50))
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        detail = (detail[:24] + "…") if len(detail) > 25 else detail
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total} {detail:<26}")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (shutil.get_terminal_size((80, 20)).columns - 1) + "\r")
            self.stream.flush()
