"""Answering queries from the SQLite text while the index is rebuilt.

A plain scan with LIKE: no stemming, no ranking beyond "more matching
words first", case folded only for ASCII (SQLite's LIKE). Good enough for
the seconds or minutes a rebuild takes; the window says results are
provisional.
"""
from __future__ import annotations

from typing import Callable

from app.library import Library
from search import Filter, Highlight, Phrase, Query, RawHit, Results, Word, page_range


def _like(clause: Word | Phrase) -> str:
    text = " ".join(clause.words) if isinstance(clause, Phrase) else clause.text
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _where(column: str, query: Query) -> tuple[list[str], list[str]]:
    where, params = [], []
    for group in query.groups:
        ors = []
        for clause in group:
            ors.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(_like(clause))
        where.append("(" + " OR ".join(ors) + ")")
    for item in query.excluded:
        if not isinstance(item, Filter):
            where.append(f"{column} NOT LIKE ? ESCAPE '\\'")
            params.append(_like(item))
    return where, params


def search(
    lib: Library,
    query: Query,
    *,
    limit: int = 20,
    resolve_doc: Callable[[str], list[str]] | None = None,
) -> Results:
    hl = Highlight()
    for clause in query.positive_clauses():
        if isinstance(clause, Phrase):
            hl.phrases.append(clause.words)
        else:
            hl.surface.add(clause.text)
    kinds = {fold_kind(v) for v in query.filter_values("kind")}
    ann_only = any(f.field in ("role", "tag", "label", "stance", "author") for f in query.filters)
    doc_ids: list[str] | None = None
    for value in query.filter_values("doc"):
        found = resolve_doc(value) if resolve_doc else [value]
        doc_ids = found if doc_ids is None else [d for d in doc_ids if d in found]
    pages = [page_range(v) for v in query.filter_values("page")]
    rows: list[tuple] = []
    common: list[str] = []
    common_params: list = []
    if doc_ids is not None:
        common.append(f"document_id IN ({','.join('?' * len(doc_ids))})" if doc_ids else "0")
        common_params += doc_ids
    for pr in [p for p in pages if p]:
        common.append("page_no BETWEEN ? AND ?")
        common_params += list(pr)
    doc_kinds = [k for k in kinds if k not in ("page", "annotation")]
    if doc_kinds:
        common.append(
            f"document_id IN (SELECT id FROM documents WHERE kind IN ({','.join('?' * len(doc_kinds))}))"
        )
        common_params += doc_kinds
    if "annotation" not in kinds and not ann_only:
        where, params = _where("text", query)
        sql = "SELECT document_id, page_no FROM pages WHERE " + " AND ".join(
            ["has_text"] + where + common
        )
        rows += [("page", d, p, None) for d, p in lib.db.execute(sql + " LIMIT ?", params + common_params + [limit])]
    if "page" not in kinds and len(rows) < limit:
        where, params = _where("(quote || ' ' || note || ' ' || label)", query)
        extra: list[str] = []
        extra_params: list = []
        for value in query.filter_values("role"):
            extra.append("role = ?")
            extra_params.append(value.lower())
        sql = "SELECT document_id, page_no, id FROM annotations WHERE " + " AND ".join(
            ["1"] + where + common + extra
        )
        rows += [
            ("annotation", d, p, a)
            for d, p, a in lib.db.execute(
                sql + " LIMIT ?", params + common_params + extra_params + [limit - len(rows)]
            )
        ]
    hits = [
        RawHit(
            key=f"a/{a}" if kind == "annotation" else f"p/{d}/{p}",
            document=d, page=int(p), kind=kind, annotation=a, score=0.0,
        )
        for kind, d, p, a in rows[:limit]
    ]
    return Results(hits, len(hits), hl)


def fold_kind(value: str) -> str:
    v = value.strip().lower()
    return {"pages": "page", "annotations": "annotation"}.get(v, v)
