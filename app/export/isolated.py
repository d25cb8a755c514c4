"""Run a PyMuPDF job in a child process.

PyMuPDF is not thread-safe and the window renders pages with it on its own
thread; an export started from the window runs on a worker thread. Doing the
PyMuPDF part of an export in a short-lived child process keeps every
PyMuPDF object on one thread of one process, and a MuPDF crash only fails
the export.
"""
from __future__ import annotations

import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable

from app.domain import UserError

DEFAULT_TIMEOUT = 600.0


def run_isolated(fn: Callable[..., Any], *args: Any, timeout: float = DEFAULT_TIMEOUT) -> Any:
    """``fn(*args)`` in a fresh child process; its exceptions are re-raised here."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"))
    try:
        return pool.submit(fn, *args).result(timeout=timeout)
    except BrokenProcessPool as exc:
        raise UserError("the PDF writer stopped unexpectedly; nothing was written") from exc
    except UserError:
        raise
    except (RuntimeError, ValueError) as exc:  # MuPDF errors (pymupdf.FileDataError and friends)
        raise UserError(f"the PDF could not be written ({exc})") from exc
    except FutureTimeout as exc:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.kill()
        raise UserError(f"writing the PDF took longer than {timeout:.0f} s and was stopped") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
