"""Importing the annotations a PDF already holds: highlights, notes and comments
that a colleague made in Acrobat, Okular, Zotero, Preview or Kanttekening.

The PDF is read in a child process (it is untrusted). It belongs to a library
document with the same pdf.js fingerprint or the same text (a marked-up copy
has other bytes than the library's file), or to the one named. Each markup
annotation (highlight, underline, strike-out, squiggly) becomes a text
annotation on the words under it; a note, free text, square, circle, ink or
stamp becomes an area annotation quoting the words inside it; replies (``/IRT``)
are added to their annotation's note. The author is ``/T``, the dates are
``/CreationDate`` and ``/M``, the role the one named by the subject or the
first word of the comment (else "comment").

A PDF exported by Kanttekening (``app.export.annotated_pdf``) names each
annotation by its id (``/NM``) and keeps role, label, note, tags and links in
``/KanttekeningReview``: reading it back gives the same annotations and links.
Everything is merged like a bundle, so importing twice changes nothing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.domain import ROLE_COLORS, ROLES, STANCES, UserError
from app.export.bundle_merge import MergeReport, merge_parsed
from app.export.bundle_parse import MAX_SHORT, MAX_TEXT, AnnotationIn, LinkIn, ParsedBundle
from app.export.foreign import match_document, pdf_date, role_from, stable_id, stamp_or_now
from app.export.isolated import run_isolated
from app.library import Library
from storage.types import Document

MARKUP = {"Highlight", "Underline", "StrikeOut", "Squiggly"}
AREA = {"Text", "FreeText", "Square", "Circle", "Polygon", "PolyLine", "Ink", "Line", "Stamp", "Caret"}
MAX_ANNOTATIONS = 50_000
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def _hex(color: Any) -> str | None:
    if not color or len(color) != 3:
        return None
    return "#" + "".join(f"{max(0, min(255, round(float(c) * 255))):02x}" for c in color)


def read_pdf(path: str) -> dict:
    """Everything the import needs from the PDF. Runs in a child process."""
    import pymupdf

    from app.anchoring import anchor_on_words, area_anchor, norm_text, page_words, words_in_rect
    from app.export.annotated_pdf import REVIEW_KEY
    from app.export.fingerprint import fingerprint
    from app.pdftext import page_texts

    pymupdf.TOOLS.mupdf_display_errors(False)
    out: dict[str, Any] = {"fingerprint": fingerprint(path), "annots": []}
    with pymupdf.open(path) as doc:
        if doc.needs_pass:
            raise UserError("the PDF is encrypted; open it in its reader and save a copy without a password")
        out["page_count"] = doc.page_count
        # The library's own text extraction, so that a copy with other bytes is recognised by its text.
        out["page_norms"] = [norm_text(t).lower() for t in page_texts(doc)[:3]]
        for page in doc:
            words = None
            for annot in page.annots() or []:
                kind = annot.type[1]
                if kind not in MARKUP and kind not in AREA:
                    continue
                if len(out["annots"]) >= MAX_ANNOTATIONS:
                    raise UserError(f"the PDF holds more than {MAX_ANNOTATIONS} annotations")
                words = page_words(page) if words is None else words
                info = annot.info
                kind_review, review = doc.xref_get_key(annot.xref, REVIEW_KEY)
                entry = {
                    "page": page.number + 1, "kind": kind, "xref": annot.xref, "irt": annot.irt_xref or None,
                    "nm": info.get("id", ""), "title": info.get("title", ""), "content": info.get("content", ""),
                    "subject": info.get("subject", ""), "created": info.get("creationDate", ""),
                    "modified": info.get("modDate", ""), "color": _hex(annot.colors.get("stroke")),
                    "review": review if kind_review == "string" else "",
                }
                if kind in MARKUP:
                    verts = annot.vertices or []
                    quads = [pymupdf.Quad(verts[i:i + 4]).rect for i in range(0, len(verts) - 3, 4)]
                    inside = sorted({i for q in quads or [annot.rect] for i in words_in_rect(words, tuple(q))})
                    if inside and inside[-1] - inside[0] + 1 == len(inside):
                        a = anchor_on_words(words, entry["page"], (inside[0], 0),
                                            (inside[-1], len(words[inside[-1]][4]) - 1))
                        entry.update(rects=a.rects, quote=a.quote, prefix=a.prefix, suffix=a.suffix, area=False)
                    else:
                        rects = [[entry["page"], round(q.x0, 2), round(q.y0, 2), round(q.x1, 2), round(q.y1, 2)]
                                 for q in quads or [annot.rect]]
                        quote = " ".join(words[i][4] for i in inside)
                        entry.update(rects=rects, quote=quote, prefix="", suffix="", area=not quote)
                else:
                    a = area_anchor(words, entry["page"], tuple(annot.rect))
                    entry.update(rects=a.rects, quote=a.quote, prefix="", suffix="", area=True)
                out["annots"].append(entry)
    return out


def _clip(text: str, limit: int) -> str:
    return (text or "").replace("\x00", "")[:limit]


def _links(review: dict, where: str) -> list[tuple[str, LinkIn]]:
    out = []
    for link in review.get("links", []) if isinstance(review.get("links"), list) else []:
        try:
            if link["stance"] not in STANCES or not _HEX_ID.match(link["id"]):
                continue
            if not _HEX_ID.match(link["recommendation_id"]):
                continue
            out.append((link["recommendation_id"], LinkIn(
                id=link["id"], response_id=link.get("response_id") or None, stance=link["stance"],
                assessment=_clip(link.get("assessment", ""), MAX_TEXT), author=_clip(link.get("author", ""), MAX_SHORT),
                created=link["created"], modified=link["modified"],
            )))
        except (KeyError, TypeError):
            raise UserError(f"{where}: its Kanttekening data is damaged") from None
    return out


def _rects(value: Any, fallback: list, read: dict) -> list:
    """Rectangles from our own review data, when they are well formed."""
    if not isinstance(value, list) or not value or len(value) > 5000:
        return fallback
    out = []
    for r in value:
        if (not isinstance(r, list) or len(r) != 5 or not isinstance(r[0], int) or isinstance(r[0], bool)
                or not 1 <= r[0] <= read["page_count"]
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) < 1e6 for v in r[1:])):
            return fallback
        out.append([r[0]] + [float(v) for v in r[1:]])
    return out


def _own_remarks(value: Any) -> list[dict]:
    from app.export.bundle_parse import parse_remarks

    try:
        return parse_remarks(value or [], "remarks")
    except UserError:
        return []


def to_annotations(read: dict, doc: Document) -> tuple[ParsedBundle, list[tuple[str, LinkIn]]]:
    """The PDF's annotations as bundle annotations on ``doc``, and the links
    (recommendation id, link) that Kanttekening's own PDFs carry."""
    parsed = ParsedBundle()
    by_xref = {a["xref"]: a for a in read["annots"]}
    replies: dict[int, list[dict]] = {}
    for a in read["annots"]:
        if a["irt"] and a["irt"] in by_xref:
            replies.setdefault(a["irt"], []).append(a)
    ours: dict[str, AnnotationIn] = {}
    links: list[tuple[str, LinkIn]] = []
    for a in read["annots"]:
        if a["irt"] and a["irt"] in by_xref:
            continue
        where = f"the annotation on page {a['page']}"
        base = a["nm"].split("-")[0] if a["nm"] else ""
        if _HEX_ID.match(base) and base in ours and a["nm"] != base:
            continue  # a later page of one of our own annotations: its rectangles came with the first
        review: dict = {}
        if a["review"]:
            try:
                review = json.loads(a["review"])
            except ValueError:
                review = {}
        own = bool(review) and _HEX_ID.match(a["nm"] or "") is not None
        note = review.get("note", "") if own else a["content"]
        for r in replies.get(a["xref"], []):
            note = f"{note}\n— {r['title'] or '?'}: {r['content']}".strip()
        role = review.get("role") if own else None
        if role not in ROLES:
            role = role_from(a["subject"], *a["content"].splitlines()[:1]) or "comment"
        color = a["color"]
        if own and color == ROLE_COLORS.get(role):
            color = None
        ann_id = a["nm"] if own else stable_id("pdf", doc.sha256, a["nm"] or
                                              f"{a['page']}:{a['kind']}:{a['rects']}:{a['content']}")
        created = pdf_date(a["created"]) or pdf_date(a["modified"])
        if own and isinstance(review.get("quote"), str):  # our own: the quote as it was, not as re-read
            a = {**a, "quote": review["quote"], "prefix": str(review.get("prefix", "")),
                 "suffix": str(review.get("suffix", "")), "rects": _rects(review.get("rects"), a["rects"], read)}
        ann = AnnotationIn(
            id=ann_id, sha256=doc.sha256, file_name=doc.file_name, page_no=a["page"], rects=a["rects"],
            quote=_clip(a["quote"], MAX_TEXT), prefix=_clip(a["prefix"], MAX_SHORT),
            suffix=_clip(a["suffix"], MAX_SHORT), role=role,
            label=_clip(review.get("label", "") if own else "", MAX_SHORT), note=_clip(note, MAX_TEXT),
            color=color, author=_clip(a["title"], MAX_SHORT), created=stamp_or_now(created),
            modified=stamp_or_now(pdf_date(a["modified"]), created), is_area=bool(a["area"]), orphaned=False,
            tags=[(None, t) for t in review.get("tags", []) if isinstance(t, str) and t.strip()] if own else [],
            links=[], raw={},
            remarks=_own_remarks(review.get("remarks")) if own else [],
        )
        if own:
            ours[ann_id] = ann
            links += _links(review, where)
        parsed.annotations.append(ann)
    return parsed, links


def import_pdf_annotations(lib: Library, path: Path | str, *, doc_ref: str | None = None) -> MergeReport:
    """Merge the annotations inside the PDF at ``path`` into its library document."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"{path} is not a file")
    read = run_isolated(read_pdf, str(path), timeout=300)
    doc = match_document(lib, doc_ref=doc_ref, fingerprint=read["fingerprint"],
                         page_norms=read["page_norms"], page_count=read["page_count"])
    if read["page_count"] != doc.page_count:
        raise UserError(f"the PDF has {read['page_count']} pages and '{doc.file_name}' has "
                        f"{doc.page_count}; they are not the same document")
    parsed, links = to_annotations(read, doc)
    return merge_parsed(lib, parsed, extra_links=links)
