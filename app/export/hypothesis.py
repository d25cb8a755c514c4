"""Importing a Hypothesis export (its JSON annotation format) as annotations.

Hypothesis exports ``{"export_date", "export_userid", "client_version",
"annotations": [...]}`` (hypothesis/client ``annotations-exporter.tsx``); each
annotation has ``id``, ``created``, ``updated``, ``user``, ``user_info``,
``uri``, ``text``, ``tags``, ``document`` and ``target: [{source, selector}]``
with the selectors of ``src/types/api.ts``. A plain list of such annotations
is read too.

An annotation belongs to the library document whose pdf.js fingerprint its
``urn:x-pdf:`` name gives (in ``uri``, ``target.source`` or ``document.link``),
or to the document named. Its quote is placed on the words of its page
(``PageSelector``, else every page whose text holds it); an area
(``ShapeSelector``) becomes an area annotation. The role is a tag that names
one (English or Dutch), otherwise "comment"; the other tags stay tags; the
text is the note; the author the user's display name. Replies and page notes
without a place are skipped and counted. Ids derive from Hypothesis's, so
importing the same export twice changes nothing.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.domain import UserError
from app.export.bundle_merge import MergeReport, merge_parsed
from app.export.bundle_parse import MAX_SHORT, MAX_TEXT, AnnotationIn, BundleError, ParsedBundle, load_json
from app.export.foreign import anchor_quotes, candidate_pages, iso_date, match_document, role_from, stable_id, \
    stamp_or_now
from app.export.isolated import run_isolated
from app.library import Library
from storage import records
from storage.types import Document

MAX_ANNOTATIONS = 100_000
_XPDF = re.compile(r"urn:x-pdf:([0-9a-f]{32})")


def _text(v: Any, limit: int = MAX_SHORT) -> str:
    return v.replace("\x00", "")[:limit] if isinstance(v, str) else ""


def _annotations(doc: Any) -> list[dict]:
    items = doc.get("annotations") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise BundleError("this is not a Hypothesis export: no list of annotations")
    if len(items) > MAX_ANNOTATIONS:
        raise BundleError(f"the export holds more than {MAX_ANNOTATIONS} annotations")
    return [a for a in items if isinstance(a, dict)]


def _fingerprints(a: dict) -> set[str]:
    names = [a.get("uri")]
    for t in a.get("target") or []:
        if isinstance(t, dict):
            names.append(t.get("source"))
    links = (a.get("document") or {}).get("link") if isinstance(a.get("document"), dict) else None
    for link in links or []:
        if isinstance(link, dict):
            names.append(link.get("href"))
    return {m.group(1) for n in names if isinstance(n, str) for m in [_XPDF.search(n.lower())] if m}


def _selectors(a: dict) -> list[dict]:
    targets = a.get("target") or []
    if not isinstance(targets, list) or not targets or not isinstance(targets[0], dict):
        return []
    sels = targets[0].get("selector") or []
    return [s for s in sels if isinstance(s, dict)] if isinstance(sels, list) else []


def _author(a: dict) -> str:
    info = a.get("user_info")
    if isinstance(info, dict) and _text(info.get("display_name")):
        return _text(info.get("display_name"))
    user = _text(a.get("user"))
    return user.removeprefix("acct:").split("@")[0]


def import_hypothesis(lib: Library, path: Path | str, *, doc_ref: str | None = None) -> MergeReport:
    items = _annotations(load_json(Path(path).expanduser()))
    by_doc: dict[str, tuple[Document, list[dict]]] = {}
    skipped: list[str] = []
    doc_cache: dict[frozenset, Document] = {}
    for a in items:
        hid = _text(a.get("id"), 100)
        sels = _selectors(a)
        if not hid or not sels or a.get("references"):
            skipped.append(f"Hypothesis annotation {hid or '?'}: a reply or a note without a place")
            continue
        prints = frozenset(_fingerprints(a))
        if prints not in doc_cache:
            doc = None
            candidates: list[str | None] = [*sorted(prints)] or [None]
            for fp in candidates:
                try:
                    doc = match_document(lib, doc_ref=doc_ref, fingerprint=fp)
                    break
                except UserError:
                    continue
            if doc is None:
                raise UserError("the export's annotations are on a PDF this library does not have "
                                "(no matching pdf.js fingerprint); on the command line, name the document with --doc")
            doc_cache[prints] = doc
        doc = doc_cache[prints]
        by_doc.setdefault(doc.id, (doc, []))[1].append(a)
    parsed = ParsedBundle()
    for doc, anns in by_doc.values():
        parsed.annotations += _place(lib, doc, anns, skipped)
    report = merge_parsed(lib, parsed)
    report.skipped = skipped + report.skipped
    return report


def _place(lib: Library, doc: Document, anns: list[dict], skipped: list[str]) -> list[AnnotationIn]:
    pages = {p.page_no: p for p in records.get_pages(lib.db, doc.id)}
    wanted, shapes = [], []
    for a in anns:
        sels = _selectors(a)
        page_sel = next((s for s in sels if s.get("type") == "PageSelector"), {})
        index = page_sel.get("index")
        hint = index + 1 if isinstance(index, int) and not isinstance(index, bool) else None
        shape = next((s for s in sels if s.get("type") == "ShapeSelector"), None)
        quote = next((s for s in sels if s.get("type") == "TextQuoteSelector"), None)
        if shape is not None and hint in pages:
            shapes.append((a, hint, shape))
        elif quote is not None and _text(quote.get("exact"), MAX_TEXT).strip():
            exact = _text(quote.get("exact"), MAX_TEXT)
            wanted.append((a, (candidate_pages(lib, doc, exact, hint), exact, _text(quote.get("prefix")))))
        else:
            skipped.append(f"Hypothesis annotation {a.get('id')}: no quote or area to place")
    anchors = run_isolated(anchor_quotes, str(lib.document_file(doc)), [w for _, w in wanted], timeout=300) \
        if wanted else []
    out = []
    for (a, _), anchor in zip(wanted, anchors):
        if anchor is None:
            skipped.append(f"Hypothesis annotation {a.get('id')}: its quote is not in '{doc.file_name}'")
            continue
        out.append(_annotation(a, doc, anchor.page_no, anchor.rects, anchor.quote, anchor.prefix, anchor.suffix,
                               False))
    for a, page_no, shape in shapes:
        r, h = shape.get("shape") or {}, pages[page_no].height
        try:
            x0, x1 = sorted((float(r["left"]), float(r["right"])))
            y0, y1 = sorted((h - float(r["top"]), h - float(r["bottom"])))
        except (KeyError, TypeError, ValueError):
            skipped.append(f"Hypothesis annotation {a.get('id')}: its shape is not a rectangle")
            continue
        out.append(_annotation(a, doc, page_no, [[page_no, round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)]],
                               _text(shape.get("text"), MAX_TEXT), "", "", True))
    return out


def _annotation(a: dict, doc: Document, page_no: int, rects: list, quote: str, prefix: str, suffix: str,
                is_area: bool) -> AnnotationIn:
    tags = [_text(t).strip().replace("/", "-") for t in a.get("tags") or [] if isinstance(t, str)]
    tags = [t for t in tags if t]
    role = role_from(*tags) or "comment"
    tags = [t for t in tags if role_from(t) is None]
    created = iso_date(a.get("created"))
    return AnnotationIn(
        id=stable_id("hypothesis", _text(a.get("id"), 100)), sha256=doc.sha256, file_name=doc.file_name,
        page_no=page_no, rects=rects, quote=quote, prefix=prefix, suffix=suffix, role=role, label="",
        note=_text(a.get("text"), MAX_TEXT), color=None, author=_author(a), created=stamp_or_now(created),
        modified=stamp_or_now(iso_date(a.get("updated")), created), is_area=is_area, orphaned=False,
        tags=[(None, t) for t in tags], links=[], raw={},
    )
