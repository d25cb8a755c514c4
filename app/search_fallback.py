"""Answering queries from the SQLite text while the index is rebuilt.

A plain scan with LIKE: no stemming, no ranking beyond "more matching
words first", case folded only for ASCII (SQLite's LIKE). Good enough for
the seconds or minutes a rebuild takes; the window says results are
provisional.
"""
from __future__ import annotations

from typing import Callable

from app.library import Library
from storage.scan import TextScan, scan_annotations, scan_pages
from search import Filter, Highlight, Phrase, Query, RawHit, Results, Word, page_range


def _text(clause: Word | Phrase) -> str:
    return " ".join(clause.words) if isinstance(clause, Phrase) else clause.text


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
    scan = TextScan(
        groups=[[_text(clause) for clause in group] for group in query.groups],
        excluded=[_text(item) for item in query.excluded if not isinstance(item, Filter)],
        document_ids=doc_ids,
        page_ranges=[pr for pr in (page_range(v) for v in query.filter_values("page")) if pr],
        document_kinds=[k for k in kinds if k not in ("page", "annotation")],
        roles=[value.lower() for value in query.filter_values("role")],
    )
    rows: list[tuple[str, str, int, str | None]] = []
    if "annotation" not in kinds and not ann_only:
        rows += [("page", d, p, None) for d, p in scan_pages(lib.db, scan, limit)]
    if "page" not in kinds and len(rows) < limit:
        rows += [("annotation", d, p, a) for d, p, a in scan_annotations(lib.db, scan, limit - len(rows))]
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
