"""The one write gateway of the library (issue 9), used for every team write."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import sqlite_utils

from app.library import Library


@contextmanager
def write(lib: Library) -> Iterator[sqlite_utils.Database]:
    """``with write(lib) as db:`` -- ``lib.write()`` where the library has it."""
    gateway = getattr(lib, "write", None)
    if gateway is not None:
        with gateway() as db:
            yield db
        return
    with lib.lock, lib.db.atomic():
        yield lib.db
