"""A plain LIKE scan of page text and annotations, for answering searches
while the search index is rebuilt (no stemming, no ranking; SQLite's LIKE
folds case for ASCII only).

A query reaches this module as plain values: ``groups`` is a list of
alternatives that must each match (every group ANDed, the words of a group
ORed), ``excluded`` words must not occur.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils


@dataclass(frozen=True, slots=True)
class TextScan:
    groups: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    document_ids: list[str] | None = None  # None: every document
    page_ranges: list[tuple[int, int]] = field(default_factory=list)
    document_kinds: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # annotations only


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_where(column: str, scan: TextScan) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for group in scan.groups:
        where.append("(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in group) + ")")
        params += [_like(text) for text in group]
    for text in scan.excluded:
        where.append(f"{column} NOT LIKE ? ESCAPE '\\'")
        params.append(_like(text))
    return where, params


def _common(scan: TextScan) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if scan.document_ids is not None:
        ids = scan.document_ids
        where.append(f"document_id IN ({','.join('?' * len(ids))})" if ids else "0")
        params += ids
    for low, high in scan.page_ranges:
        where.append("page_no BETWEEN ? AND ?")
        params += [low, high]
    if scan.document_kinds:
        kinds = scan.document_kinds
        where.append(f"document_id IN (SELECT id FROM documents WHERE kind IN ({','.join('?' * len(kinds))}))")
        params += kinds
    return where, params


def scan_pages(db: sqlite_utils.Database, scan: TextScan, limit: int) -> list[tuple[str, int]]:
    """(document id, page number) of text pages that match."""
    where, params = _text_where("text", scan)
    common, common_params = _common(scan)
    sql = "SELECT document_id, page_no FROM pages WHERE " + " AND ".join(["has_text"] + where + common)
    return [(d, int(p)) for d, p in db.execute(sql + " LIMIT ?", [*params, *common_params, limit])]


def scan_annotations(
    db: sqlite_utils.Database, scan: TextScan, limit: int
) -> list[tuple[str, int, str]]:
    """(document id, page number, annotation id) of annotations whose quote,
    note or label match."""
    where, params = _text_where("(quote || ' ' || note || ' ' || label)", scan)
    common, common_params = _common(scan)
    roles = ["role = ?" for _ in scan.roles]
    sql = "SELECT document_id, page_no, id FROM annotations WHERE " + " AND ".join(
        ["1"] + where + common + roles
    )
    return [
        (d, int(p), a)
        for d, p, a in db.execute(
            sql + " LIMIT ?", [*params, *common_params, *scan.roles, limit]
        )
    ]
