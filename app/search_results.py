"""Turning the engine's raw hits into what people read: titles, snippets
(from the SQLite text), annotation details, grouping and ordering."""
from __future__ import annotations

from typing import Iterable

from app.library import Library
from search import Results, SearchEngine
from storage import records
from storage.types import Annotation


def _annotation_text(ann: Annotation) -> str:
    return "\n".join(p for p in (ann.quote, ann.note, ann.label) if p)


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
        tags: list[str] = []
        counterparts: list[dict] = []
        if raw.kind == "annotation" and raw.annotation:
            ann = records.get_annotation(lib.db, raw.annotation)
            if ann is None:
                continue
            text = _annotation_text(ann)
            role, label = str(ann.role), ann.label
            tags = _tag_names(lib, ann.tag_ids)
            counterparts = _counterparts(lib, ann.id)
        else:
            page = records.get_page(lib.db, raw.document, raw.page)
            text = page.text if page else ""
        snip = SearchEngine.snippet(text, results.highlight, language)
        hits.append(
            Hit(
                document=raw.document, title=doc.title, page=raw.page, kind=raw.kind,
                annotation=raw.annotation, score=raw.score, snippet=snip.marked(),
                marks=snip.marks, plain=snip.text, role=role, label=label, tags=tags,
                counterparts=counterparts,
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
