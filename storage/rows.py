"""Turning query results into dicts: the one helper the query modules share."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

Row = dict[str, Any]


def _rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    cur = db.execute(sql, tuple(params))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _one(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Row | None:
    rows = _rows(db, sql, params)
    return rows[0] if rows else None
