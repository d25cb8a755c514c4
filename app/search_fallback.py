"""Answering queries from the SQLite text while the index is rebuilt.

SQLite narrows the rows with LIKE (``storage.search_scan``); each
candidate is then analysed as the index analyses text (``search.scan``):
stems, Dutch apostrophe forms and phrases match as in the index. Not the
same as the index, and so always announced as a fallback (``notice``):
ranking is by how often the words occur (no BM25), typo-tolerant words
(``word~``) are matched as typed, a word typed without the accents the
text has is only found where LIKE finds it. Every filter is applied.
"""
from __future__ import annotations

import heapq
from typing import Callable

from app.library import Library
from search import Filter, Query, RawHit, Results, TextMatcher, page_range
from storage import search_scan
from storage.search_scan import ScanFilters, escape_like

SCAN_LIMIT = 20_000  # candidate rows analysed at most per kind

NOTICES = {  # codes in SearchOutcome.notices; the window words them itself
    "fuzzy": "typo-tolerant words (word~) are matched as typed",
    "excluded_filters": "excluded filters (-field:value) are not applied",
}


def _filters(
    lib: Library, query: Query, resolve_doc: Callable[[str], list[str]] | None,
    resolve_tag: Callable[[str], list[str]] | None,
) -> ScanFilters:
    f = ScanFilters()
    for value in query.filter_values("doc"):
        found = resolve_doc(value) if resolve_doc else [value]
        f.doc_ids = found if f.doc_ids is None else [d for d in f.doc_ids if d in found]
    f.page_ranges = [pr for pr in (page_range(v) for v in query.filter_values("page")) if pr]
    if query.filter_values("page") and not f.page_ranges:
        f.doc_ids = []  # "page:x" matches nothing, as in the index
    kinds = [fold_kind(v) for v in query.filter_values("kind")]
    f.doc_kinds = [k for k in kinds if k not in ("page", "annotation")]
    f.roles = [v.strip().lower() for v in query.filter_values("role")]
    f.authors = [v.strip().lower() for v in query.filter_values("author")]
    f.stances = [v.strip().lower() for v in query.filter_values("stance")]
    tags = query.filter_values("tag")
    if tags:
        names = [n for v in tags for n in (resolve_tag(v) if resolve_tag else [v])]
        f.tag_ids = search_scan.tag_ids_named(lib.db, names)
    return f


def search(
    lib: Library,
    query: Query,
    *,
    limit: int = 20,
    resolve_doc: Callable[[str], list[str]] | None = None,
    resolve_tag: Callable[[str], list[str]] | None = None,
) -> tuple[Results, list[str]]:
    """The best ``limit`` hits and the codes (``NOTICES``) of what differs
    from the index's answer."""
    matcher = TextMatcher(query)
    notices = [n for n in matcher.notices if n in NOTICES]
    f = _filters(lib, query, resolve_doc, resolve_tag)
    patterns = [[escape_like(s) for s in group] for group in matcher.like_groups()]
    kinds = {fold_kind(v) for v in query.filter_values("kind")}
    ann_only = bool(f.roles or f.authors or f.stances or f.tag_ids is not None
                    or query.filter_values("label"))
    labels = [v for v in query.filter_values("label")]
    excluded_filters = [x for x in query.excluded if isinstance(x, Filter)]
    if excluded_filters:
        notices.append("excluded_filters")
    scored: list[tuple[float, int, RawHit]] = []
    order = 0
    if "annotation" not in kinds and not ann_only:
        for doc, page, text, language in search_scan.page_candidates(lib.db, patterns, f, limit=SCAN_LIMIT):
            s = matcher.score(text, language) if query.groups or query.excluded else 0.0
            if s is None:
                continue
            order += 1
            scored.append((s, -order, RawHit(f"p/{doc}/{page}", doc, page, "page", None, s)))
    if "page" not in kinds:
        for row in search_scan.annotation_candidates(lib.db, patterns, f, limit=SCAN_LIMIT):
            if labels and not all(v.strip().lower() in (row["label"] or "").lower() for v in labels):
                continue
            text = "\n".join(p for p in (row["quote"], row["note"], row["label"]) if p)
            s = matcher.score(text, row["language"]) if query.groups or query.excluded else 0.0
            if s is None:
                continue
            order += 1
            s *= 2.0  # annotations rank above pages, as in the index
            raw = RawHit(f"a/{row['id']}", row["document_id"], int(row["page_no"]), "annotation", row["id"], s)
            scored.append((s, -order, raw))
    top = heapq.nlargest(limit, scored, key=lambda t: (t[0], t[1]))
    return Results([t[2] for t in top], len(scored), matcher.highlight), notices


def fold_kind(value: str) -> str:
    v = value.strip().lower()
    return {"pages": "page", "annotations": "annotation"}.get(v, v)
