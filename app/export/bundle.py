"""Bundles for other reviewers: the library's annotations, tags and links as a
W3C Web Annotation ``AnnotationCollection`` (JSON-LD).

The format is described for users in ``docs/bundle-format.md``. In short:
each annotation carries the W3C context plus ours, targets its document by
``urn:sha256:<hex>`` (and, as ``sameAs``, ``urn:x-pdf:<pdf.js fingerprint>``,
the name Hypothesis gives it) with a list of selectors: a ``page=N`` fragment
selector (RFC 3778, the PDF fragment identifiers), a ``TextQuoteSelector``
and ``TextPositionSelector``, and Hypothesis's ``PageSelector`` (and
``ShapeSelector`` for an area; see ``selectors``), and keeps its
rectangles, colour and flags in our own terms; role, label, note, tags and
links are bodies. The collection embeds its one page of items, lists the
documents and the tag tree, and holds nothing that changes from one export
to the next of the same data (no export time, ids derived from content), so
that export, import elsewhere and export again give the same bytes.

Importing is in ``app.export.bundle_merge``.
"""
from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.export import ExportResult, ProgressFn, no_progress
from app.export.atomic import atomic_open
from app.export.fingerprint import urn as fp_urn
from app.export.qdpx_text import locate
from app.library import Library
from storage import records
from storage.types import Annotation, Document, Link, PendingAnnotation, Stance, Tag

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
KT = "urn:kanttekening:vocab#"
KT_CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "kt": KT,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "formatVersion": {"@id": "kt:formatVersion", "@type": "xsd:integer"},
    "documents": {"@id": "kt:documents", "@container": "@set"},
    "tags": {"@id": "kt:tags", "@container": "@set"},
    "fileName": "kt:fileName",
    "title": "kt:title",
    "kind": "kt:kind",
    "pageCount": {"@id": "kt:pageCount", "@type": "xsd:integer"},
    "parent": {"@id": "kt:parent", "@type": "@id"},
    "color": "kt:color",
    "description": "kt:description",
    "rects": {"@id": "kt:rects", "@type": "@json"},
    "area": {"@id": "kt:area", "@type": "xsd:boolean"},
    "orphaned": {"@id": "kt:orphaned", "@type": "xsd:boolean"},
    "tagId": {"@id": "kt:tag", "@type": "@id"},
    "linkId": {"@id": "kt:link", "@type": "@id"},
    "stance": "kt:stance",
    "remarks": {"@id": "kt:remarks", "@type": "@json"},
    "assessment": "kt:assessment",
    # The document's other names (its pdf.js fingerprint, as Hypothesis names it).
    "sameAs": {"@id": "http://www.w3.org/2002/07/owl#sameAs", "@type": "@id", "@container": "@set"},
    # Hypothesis's selectors (hypothesis/client src/types/api.ts), beside the W3C ones.
    "PageSelector": "kt:PageSelector",
    "ShapeSelector": "kt:ShapeSelector",
    "index": {"@id": "kt:pageIndex", "@type": "xsd:integer"},
    "anchor": "kt:shapeAnchor",
    "shape": {"@id": "kt:shape", "@type": "@json"},
    "view": {"@id": "kt:view", "@type": "@json"},
}
CONTEXT = [ANNO_CONTEXT, KT_CONTEXT]
FORMAT_VERSION = 1
PDF_FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3778"
GENERATOR = {"id": "urn:kanttekening:app", "type": "Software", "name": f"Kanttekening {__version__}"}


def urn_uuid(hex_id: str) -> str:
    return uuid.UUID(hex=hex_id).urn


def _creator(name: str) -> dict | None:
    return {"type": "Person", "name": name} if name else None


def tag_paths(tags: list[Tag]) -> dict[str, str]:
    from app.export.summary import _tag_paths

    return _tag_paths(tags)


@dataclass
class Placement:
    """What Hypothesis's selectors need beside the annotation itself."""

    page_label: str = ""
    page_height: float = 0.0
    page_width: float = 0.0
    position: tuple[int, int] | None = None  # in the document's text, pages run together


def _selector_id(ann_id: str, kind: str) -> str:
    return uuid.uuid5(uuid.UUID(hex=ann_id), kind).urn


def selectors(ann: Annotation, place: Placement) -> list[dict[str, Any]]:
    """The selectors of one annotation, W3C and Hypothesis alike.

    Hypothesis's PDF anchoring (hypothesis/client ``src/annotator/anchoring/pdf.ts``)
    looks for a top-level ``TextQuoteSelector`` (required for text), tries a
    ``TextPositionSelector`` first (offsets in the pages' text run together;
    it checks them against the quote and falls back to the quote), and for an
    area a ``PageSelector`` (0-based index) with a ``ShapeSelector`` in PDF
    user space (origin at the bottom left). The RFC 3778 fragment stays for
    W3C readers and older Kanttekening versions.
    """
    out: list[dict[str, Any]] = [
        {"type": "FragmentSelector", "conformsTo": PDF_FRAGMENT_SPEC, "value": f"page={ann.page_no}"}
    ]
    if ann.quote and not ann.is_area:
        out.append({"type": "TextQuoteSelector", "exact": ann.quote, "prefix": ann.prefix,
                    "suffix": ann.suffix})
        if place.position is not None:
            out.append({"type": "TextPositionSelector", "start": place.position[0], "end": place.position[1]})
    # The W3C suite knows no PageSelector or ShapeSelector; it accepts a
    # selector it does not know when the selector has an id (a resource of its own).
    out.append({"id": _selector_id(ann.id, "page"), "type": "PageSelector", "index": ann.page_no - 1,
                "label": place.page_label or str(ann.page_no)})
    on_page = [r for r in ann.rects if int(r[0]) == ann.page_no]
    if ann.is_area and on_page and place.page_height > 0:
        h = place.page_height
        shape = {
            "type": "rect",
            "left": round(min(r[1] for r in on_page), 2), "top": round(h - min(r[2] for r in on_page), 2),
            "right": round(max(r[3] for r in on_page), 2), "bottom": round(h - max(r[4] for r in on_page), 2),
        }
        sel: dict[str, Any] = {"id": _selector_id(ann.id, "shape"), "type": "ShapeSelector",
                               "anchor": "page", "shape": shape,
                               "view": {"left": 0, "top": round(h, 2), "right": round(place.page_width, 2),
                                        "bottom": 0}}
        if ann.quote:
            sel["text"] = ann.quote  # the text inside the area (Hypothesis's own stop at 256 characters)
        out.append(sel)
    return out


def annotation_item(
    ann: Annotation, doc: Document, paths: dict[str, str], links: list[Link],
    place: Placement | None = None, fingerprint: str | None = None,
) -> dict[str, Any]:
    """One library annotation (with its outgoing links) as a W3C annotation."""
    bodies: list[dict] = [{"type": "TextualBody", "purpose": "classifying", "value": ann.role}]
    if ann.label:
        bodies.append({"type": "TextualBody", "purpose": "identifying", "value": ann.label})
    if ann.note:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": ann.note, "format": "text/plain"}
        )
    if ann.remarks:
        from app.export.i18n import ENGLISH, remark_lines

        # The detector's remarks: worded for people, kept as data for Kanttekening.
        bodies.append({"type": "TextualBody", "purpose": "describing", "format": "text/plain",
                       "value": " ".join(remark_lines(list(ann.remarks), ENGLISH)), "remarks": list(ann.remarks)})
    for tid in sorted(ann.tag_ids):
        if tid in paths:
            bodies.append(
                {"type": "TextualBody", "purpose": "tagging", "value": paths[tid], "tagId": urn_uuid(tid)}
            )
    for link in sorted(links, key=lambda l: l.id):
        # The link's own id is our term: the W3C suite reads a TextualBody
        # with an "id" as an external resource, which may not have a purpose.
        body: dict[str, Any] = {"linkId": urn_uuid(link.id)}
        if link.response_id:
            body.update(type="SpecificResource", purpose="linking", source=urn_uuid(link.response_id))
        else:
            body.update(type="TextualBody", purpose="assessing", value=link.assessment)
        body["stance"] = link.stance
        body["assessment"] = link.assessment
        creator = _creator(link.author)
        if creator:
            body["creator"] = creator
        body["created"] = link.created
        body["modified"] = link.modified
        bodies.append(body)
    selector = selectors(ann, place or Placement())
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": urn_uuid(ann.id),
        "type": "Annotation",
        "motivation": "highlighting",
    }
    creator = _creator(ann.author)
    if creator:
        item["creator"] = creator
    item["created"] = ann.created
    item["modified"] = ann.modified
    item["body"] = bodies
    item["target"] = {
        "type": "SpecificResource",
        "source": {
            "id": f"urn:sha256:{doc.sha256}",
            "type": "Text",
            "format": "application/pdf",
            "fileName": doc.file_name,
            **({"sameAs": [fp_urn(fingerprint)]} if fingerprint else {}),
        },
        "selector": selector,
        "rects": [list(r) for r in ann.rects],
    }
    if ann.color:
        item["color"] = ann.color
    if ann.is_area:
        item["area"] = True
    if ann.orphaned:
        item["orphaned"] = True
    return item


def build_bundle(lib: Library) -> dict[str, Any]:
    db = lib.db
    docs = {d.id: d for d in records.list_documents(db)}
    tags = records.list_tags(db)
    paths = tag_paths(tags)
    links_by_rec: dict[str, list[Link]] = {}
    for link in records.list_links(db):
        links_by_rec.setdefault(link.recommendation_id, []).append(link)
    waiting = pending_rows(lib)
    for row in waiting:  # links that wait for their response's document travel on too
        payload = json.loads(row.payload)
        if "link" in payload:
            waiting_link = payload["link"]
            links_by_rec.setdefault(waiting_link["recommendation_id"], []).append(
                Link(
                    id=waiting_link["id"],
                    recommendation_id=waiting_link["recommendation_id"],
                    response_id=waiting_link["response_id"],
                    stance=Stance(waiting_link["stance"]),
                    assessment=waiting_link["assessment"],
                    author=waiting_link["author"],
                    created=waiting_link["created"],
                    modified=waiting_link["modified"],
                )
            )
    items = []
    used_docs: dict[str, Document] = {}
    anns = records.list_annotations(db)
    places = placements(lib, anns)
    prints = pdf_fingerprints(lib, [docs[i] for i in sorted({a.document_id for a in anns})])
    for ann in anns:
        doc = docs[ann.document_id]
        used_docs[doc.sha256] = doc
        items.append(annotation_item(ann, doc, paths, links_by_rec.get(ann.id, []),
                                     places.get(ann.id), prints.get(doc.id)))
    pending_docs: dict[str, str] = {}
    for row in waiting:
        payload = json.loads(row.payload)
        if "annotation" in payload:
            items.append(payload["annotation"])
            pending_docs.setdefault(row.document_sha256, row.document_name)
    items.sort(key=lambda it: it["id"])
    documents = [
        {
            "id": f"urn:sha256:{sha}",
            "fileName": d.file_name,
            "title": d.title,
            "kind": d.kind,
            "pageCount": d.page_count,
            **({"sameAs": [fp_urn(prints[d.id])]} if prints.get(d.id) else {}),
        }
        for sha, d in sorted(used_docs.items())
    ]
    documents += [
        {"id": f"urn:sha256:{sha}", "fileName": name}
        for sha, name in sorted(pending_docs.items())
        if sha not in used_docs
    ]
    documents.sort(key=lambda d: str(d["id"]))
    tag_list = []
    for t in sorted(tags, key=lambda t: t.id):
        entry: dict[str, Any] = {"id": urn_uuid(t.id), "label": t.name}
        if t.parent_id:
            entry["parent"] = urn_uuid(t.parent_id)
        entry.update(color=t.color, description=t.description, created=t.created, modified=t.modified)
        tag_list.append(entry)
    content = json.dumps([documents, tag_list, items], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return {
        "@context": CONTEXT,
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sha256:{digest}").urn,
        "type": "AnnotationCollection",
        "label": "Kanttekening bundle",
        "formatVersion": FORMAT_VERSION,
        "generator": GENERATOR,
        "total": len(items),
        "documents": documents,
        "tags": tag_list,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def placements(lib: Library, anns: list[Annotation]) -> dict[str, Placement]:
    """Page label and size, and the quote's place in the document's text, per annotation."""
    out: dict[str, Placement] = {}
    by_doc: dict[str, list[Annotation]] = {}
    for a in anns:
        by_doc.setdefault(a.document_id, []).append(a)
    for doc_id, doc_anns in by_doc.items():
        pages = records.get_pages(lib.db, doc_id)
        text, starts = "".join(p.text for p in pages), []
        at = 0
        for p in pages:
            starts.append(at)
            at += len(p.text)
        for a in doc_anns:
            page = pages[a.page_no - 1] if 0 < a.page_no <= len(pages) else None
            span = locate(text, starts, a.page_no, a.quote) if a.quote and not a.is_area else None
            if span is not None and text[span[0]:span[1]] != a.quote:
                span = None  # Hypothesis would refuse it anyway
            out[a.id] = Placement(
                page_label=page.label if page else "", page_height=page.height if page else 0.0,
                page_width=page.width if page else 0.0, position=span,
            )
    return out


def pdf_fingerprints(lib: Library, docs: list[Document]) -> dict[str, str]:
    """pdf.js fingerprints of the documents' files (read in a child process)."""
    from app.domain import UserError
    from app.export.fingerprint import fingerprints
    from app.export.isolated import run_isolated

    files = [(d.id, lib.document_file(d)) for d in docs]
    files = [(i, p) for i, p in files if p.is_file()]
    if not files:
        return {}
    try:
        found = run_isolated(fingerprints, [str(p) for _, p in files], timeout=120)
    except UserError:
        return {}
    return {i: fp for (i, _), fp in zip(files, found) if fp}


def dumps(bundle: dict) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def pending_rows(lib: Library) -> list[PendingAnnotation]:
    return records.list_pending(lib.db)


def export_bundle(lib: Library, path: Path | str, *, progress: ProgressFn = no_progress) -> ExportResult:
    start = time.perf_counter()
    progress(0, 1, "collecting annotations")
    bundle = build_bundle(lib)
    with atomic_open(Path(path).expanduser(), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(dumps(bundle))
    progress(1, 1, "done")
    links = sum(
        1 for it in bundle["first"]["items"] for b in it["body"] if b.get("purpose") in ("linking", "assessing")
    )
    return ExportResult(
        Path(path), "bundle", time.perf_counter() - start,
        {"annotations": bundle["total"], "tags": len(bundle["tags"]), "links": links},
    )
