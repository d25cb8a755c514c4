"""Turning the engine's raw hits into what people read: titles, snippets
(from the SQLite text), annotation details, grouping and ordering."""
from __future__ import annotations

import re
from typing import Iterable

from app.library import Library
from search import Results, SearchEngine
from storage import records


def _on_page(quote: str, page_text: str) -> str:
    """The quote as it stands on the page (white space as there), or the
    quote itself when the page no longer has it."""
    if not quote.strip():
        return ""
    if quote in page_text:
        return quote
    words = quote.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, page_text)
    return m.group() if m else quote.strip()


def _tag_names(lib: Library, tag_ids: Iterable[str]) -> list[str]:
    names = []
    for tid in tag_ids:
        tag = records.get_tag(lib.db, tid)
        if tag is not None:
            names.append(tag.name)
    return names


def _counterparts(lib: Library, ann_id: str) -> list[dict]:
    """The passages linked to an annotation, each with the link's stance."""
    out = []
    for link in records.list_links(lib.db, recommendation_id=ann_id) + records.list_links(
        lib.db, response_id=ann_id
    ):
        other_id = link.response_id if link.recommendation_id == ann_id else link.recommendation_id
        other = records.get_annotation(lib.db, other_id) if other_id else None
        out.append(
            {
                "annotation": other_id,
                "stance": str(link.stance),
                "document": other.document_id if other else None,
                "page": other.page_no if other else None,
                "label": other.label if other else "",
                "quote": (other.quote[:160] if other else ""),
            }
        )
    return out


def assemble(lib: Library, results: Results) -> list:
    from app.search_service import Hit

    from app.search_service import documents

    docs = {d.id: d for d in documents(lib)}
    hits = []
    for raw in results.hits:
        doc = docs.get(raw.document)
        if doc is None:
            continue  # deleted after the index saw it; the next sync drops it
        language = str(doc.language)
        role = label = None
        note = note_snippet = ""
        ocr_confidence = None
        tags: list[str] = []
        counterparts: list[dict] = []
        page = records.get_page(lib.db, raw.document, raw.page)
        page_text = page.text if page else ""
        if raw.kind == "annotation" and raw.annotation:
            ann = records.get_annotation(lib.db, raw.annotation)
            if ann is None:
                continue
            # The snippet and the passage are the quote's words only; the
            # reviewer's note goes beside them, never into them.
            text = ann.quote or ""
            role, label, note = str(ann.role), ann.label, ann.note or ""
            if note:
                note_snippet = SearchEngine.snippet(note, results.highlight, language).marked()
            tags = _tag_names(lib, ann.tag_ids)
            counterparts = _counterparts(lib, ann.id)
            snip = SearchEngine.snippet(text, results.highlight, language)
            passage = _on_page(text, page_text)
        else:
            text = page_text
            snip = SearchEngine.snippet(text, results.highlight, language)
            passage = snip.passage(text)
        if page and page.ocr == "recognised":
            ocr_confidence = page.ocr_confidence if page.ocr_confidence is not None else 0.0
        hits.append(
            Hit(
                document=raw.document, title=doc.title, page=raw.page, kind=raw.kind,
                annotation=raw.annotation, score=raw.score, snippet=snip.marked(),
                marks=snip.marks, plain=snip.text, passage=passage, role=role, label=label,
                note=note, note_snippet=note_snippet, tags=tags, counterparts=counterparts,
                ocr_confidence=ocr_confidence,
            )
        )
    return hits


def document_order(lib: Library, hits: list) -> list:
    from app.search_service import documents

    order = {d.id: i for i, d in enumerate(documents(lib))}
    return sorted(hits, key=lambda h: (order.get(h.document, 1 << 30), h.page, h.kind != "page"))


def groups(lib: Library, hits: list, counts: dict[str, int]) -> list[dict]:
    """Documents in the order their first hit appears, then the documents
    with matches beyond the hits shown, with match counts (all matches when
    the engine counted them, else the hits shown)."""
    out: dict[str, dict] = {}
    for h in hits:
        g = out.setdefault(h.document, {"document": h.document, "title": h.title, "count": 0})
        g["count"] += 1
    if counts:
        from app.search_service import documents

        docs = {d.id: d for d in documents(lib)}
        for doc_id, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            if doc_id in out:
                out[doc_id]["count"] = n
            elif doc_id in docs:
                out[doc_id] = {"document": doc_id, "title": docs[doc_id].title, "count": n}
    return list(out.values())
