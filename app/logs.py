"""The log file: what went wrong, with the traceback a user never sees.

Kept under the user's log folder (platformdirs), rotated at 1 MB, three old
files kept. ``KANTTEKENING_LOG_DIR`` points it elsewhere (tests).
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import threading
from pathlib import Path

import platformdirs

LOG_NAME = "kanttekening.log"
_lock = threading.Lock()
_configured: Path | None = None

log = logging.getLogger("kanttekening")


class _QuietHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (disk full) stays silent: the user has
    already been told what went wrong."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def log_dir() -> Path:
    env = os.environ.get("KANTTEKENING_LOG_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_log_dir("Kanttekening", appauthor=False))


def log_file() -> Path:
    """The log file, set up on first use (a failure to set it up is not
    fatal: messages then go nowhere, and the path is still named)."""
    global _configured
    with _lock:
        path = log_dir() / LOG_NAME
        if _configured == path:
            return path
        for handler in list(log.handlers):
            if getattr(handler, "_kanttekening", False):
                log.removeHandler(handler)
                handler.close()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = _QuietHandler(
                path, maxBytes=1 << 20, backupCount=3, encoding="utf-8", delay=True
            )
        except OSError:
            return path
        handler._kanttekening = True  # type: ignore[attr-defined]
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(process)d %(threadName)s %(levelname)s %(message)s")
        )
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
        _configured = path
        return path


def log_exception(exc: BaseException, context: str = "") -> Path:
    """Write ``exc`` with its traceback to the log; the log file's path."""
    path = log_file()
    try:
        log.error("%s", context or "unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:  # noqa: BLE001 - logging must never raise at the user
        pass
    return path
