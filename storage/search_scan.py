"""Candidate rows for answering a search from SQLite while the index is
being rebuilt (``app.search_fallback``).

The caller passes LIKE patterns that every row it wants must contain (an
over-approximation: it checks each candidate's words itself) and the
filters SQLite can apply. Nothing here opens a transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

import sqlite_utils

# A LIKE pattern of the caller's own words, already escaped with "\\".
Patterns = list[list[str]]  # groups ANDed, the patterns inside one ORed


@dataclass
class ScanFilters:
    doc_ids: list[str] | None = None  # None: every document
    page_ranges: list[tuple[int, int]] = field(default_factory=list)  # ORed
    doc_kinds: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # lower case
    tag_ids: list[str] | None = None  # None: any tags
    stances: list[str] = field(default_factory=list)


def escape_like(text: str) -> str:
    """``%text%`` with LIKE's wildcards taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _like(column: str, patterns: Patterns) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for group in patterns:
        if not group:
            continue
        where.append("(" + " OR ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in group) + ")")
        params += group
    return where, params


def _common(f: ScanFilters, alias: str) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.doc_ids is not None:
        where.append(f"{alias}.document_id IN ({','.join('?' * len(f.doc_ids))})" if f.doc_ids else "0")
        params += f.doc_ids
    if f.page_ranges:
        where.append("(" + " OR ".join(f"{alias}.page_no BETWEEN ? AND ?" for _ in f.page_ranges) + ")")
        for lo, hi in f.page_ranges:
            params += [lo, hi]
    if f.doc_kinds:
        where.append(f"d.kind IN ({','.join('?' * len(f.doc_kinds))})")
        params += f.doc_kinds
    return where, params


def page_candidates(
    db: sqlite_utils.Database, patterns: Patterns, filters: ScanFilters, *, limit: int
) -> Iterator[tuple[str, int, str, str]]:
    """(document id, page, text, language) of text pages holding the
    patterns, in library order."""
    where, params = _like("p.text", patterns)
    more, more_params = _common(filters, "p")
    sql = (
        "SELECT p.document_id, p.page_no, p.text, d.language FROM pages p "
        "JOIN documents d ON d.id = p.document_id WHERE "
        + " AND ".join(["p.has_text"] + where + more)
        + " ORDER BY d.imported_at, p.document_id, p.page_no LIMIT ?"
    )
    for doc, page, text, language in db.execute(sql, params + more_params + [limit]):
        yield doc, int(page), text, language


def annotation_candidates(
    db: sqlite_utils.Database, patterns: Patterns, filters: ScanFilters, *, limit: int
) -> Iterator[dict[str, Any]]:
    """Annotations holding the patterns in their quote, note or label."""
    where, params = _like("(a.quote || ' ' || a.note || ' ' || a.label)", patterns)
    more, more_params = _common(filters, "a")
    if filters.roles:
        more.append(f"a.role IN ({','.join('?' * len(filters.roles))})")
        more_params += filters.roles
    if filters.authors:
        more.append(f"lower(trim(a.author)) IN ({','.join('?' * len(filters.authors))})")
        more_params += filters.authors
    if filters.tag_ids is not None:
        more.append(
            "a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id IN "
            f"({','.join('?' * len(filters.tag_ids))}))" if filters.tag_ids else "0"
        )
        more_params += filters.tag_ids
    if filters.stances:
        marks = ",".join("?" * len(filters.stances))
        more.append(
            f"a.id IN (SELECT recommendation_id FROM links WHERE stance IN ({marks}) "
            f"UNION SELECT response_id FROM links WHERE stance IN ({marks}))"
        )
        more_params += filters.stances * 2
    sql = (
        "SELECT a.id, a.document_id, a.page_no, a.quote, a.note, a.label, d.language "
        "FROM annotations a JOIN documents d ON d.id = a.document_id WHERE "
        + " AND ".join(["1"] + where + more)
        + " ORDER BY d.imported_at, a.document_id, a.page_no LIMIT ?"
    )
    cur = db.execute(sql, params + more_params + [limit])
    cols = [c[0] for c in cur.description]
    for row in cur:
        yield dict(zip(cols, row))


def tag_ids_named(db: sqlite_utils.Database, names: list[str]) -> list[str]:
    """The ids of the tags with these names (any case)."""
    if not names:
        return []
    marks = ",".join("?" * len(names))
    rows = db.execute(
        f"SELECT id FROM tags WHERE lower(name) IN ({marks})", [n.lower() for n in names]
    ).fetchall()
    return [r[0] for r in rows]
