"""A copy of a document's PDF with the annotations as real PDF annotations.

Text annotations become Highlight annotations over their rectangles (one
annotation per page the passage touches), area annotations become Square
annotations; colour per role (or the annotation's own colour), the author as
the title. The content carries the review in words: a response names its
recommendation, stance and assessment, a recommendation its responses (or
"not judged yet"), then the note and tags. Other PDF readers (Acrobat,
Okular, browsers, poppler) show them as their own.

``/NM`` (the annotation's name) is the library annotation's id (with
``-2``, ``-3`` for its parts on later pages), and a private key
``/KanttekeningReview`` holds the role, label, tags and links as JSON, so
that reading the PDF back (``app.export.pdf_annotations``) recovers them.

The library's file is only read: the copy is made by PyMuPDF in a child
process and written to a temporary file beside the target.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from app.domain import ROLE_COLORS, UserError
from app.export import ExportResult, ProgressFn, no_progress
from app.export.atomic import atomic_path
from app.export.i18n import Labels, catalogue, remark_lines
from app.export.isolated import run_isolated
from app.export.text import display
from app.library import Library
from storage import records
from storage.types import Annotation, Document, Link


REVIEW_KEY = "KanttekeningReview"


@dataclass
class Mark:
    """What the child process needs to draw one annotation."""

    id: str
    rects: tuple[tuple[float, ...], ...]
    color: str
    title: str
    content: str
    subject: str
    is_area: bool
    created: str
    modified: str
    review: str = ""  # JSON for /KanttekeningReview


def _rgb(hex_color: str) -> tuple[float, float, float]:
    h = hex_color.lstrip("#")
    if len(h) != 6:
        h = "f5c542"
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _pdf_date(iso: str) -> str:
    # "2026-11-20T10:00:00.000Z" -> "D:20261120100000Z" (PDF date string)
    digits = "".join(ch for ch in iso[:19] if ch.isdigit())
    return f"D:{digits}Z" if len(digits) == 14 else ""


def draw_marks(source: str, out_path: str, marks: list[Mark]) -> int:
    """Copy ``source`` to ``out_path`` with ``marks`` drawn; returns the count
    of PDF annotations made. Runs in a child process (PyMuPDF)."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    made = 0
    with pymupdf.open(source) as doc:
        for mark in marks:
            by_page: dict[int, list[pymupdf.Rect]] = {}
            for page_no, x0, y0, x1, y1 in mark.rects:
                if 1 <= int(page_no) <= doc.page_count:
                    by_page.setdefault(int(page_no), []).append(pymupdf.Rect(x0, y0, x1, y1))
            for part, (page_no, rects) in enumerate(sorted(by_page.items())):
                page = doc[page_no - 1]
                if mark.is_area:
                    box = rects[0]
                    for r in rects[1:]:
                        box |= r
                    annot = page.add_rect_annot(box)
                    annot.set_colors(stroke=_rgb(mark.color))
                    annot.set_border(width=1.5)
                else:
                    annot = page.add_highlight_annot(quads=[r.quad for r in rects])
                    annot.set_colors(stroke=_rgb(mark.color))
                annot.set_info(
                    title=mark.title,
                    content=mark.content,
                    subject=mark.subject,
                    creationDate=_pdf_date(mark.created),
                    modDate=_pdf_date(mark.modified),
                )
                annot.update()
                name = mark.id if part == 0 else f"{mark.id}-{part + 1}"
                doc.xref_set_key(annot.xref, "NM", pymupdf.get_pdf_str(name))
                if mark.review and part == 0:
                    doc.xref_set_key(annot.xref, REVIEW_KEY, pymupdf.get_pdf_str(mark.review))
                made += 1
        doc.save(out_path, garbage=1, deflate=True)
    return made


def _review_lines(a: Annotation, links_of: dict[str, list[Link]], anns: dict[str, Annotation],
                  docs: dict[str, Document], words: Labels) -> list[str]:
    def where(ann_id: str | None) -> str:
        other = anns.get(ann_id or "")
        if other is None:
            return "?"
        return words.where.format(docs[other.document_id].title, other.page_no)

    lines: list[str] = []
    mine = links_of.get(a.id, [])
    if a.role == "response":
        for link in mine:
            if link.response_id == a.id:
                rec = anns.get(link.recommendation_id)
                label = rec.label if rec is not None and rec.label else words.no_label
                lines.append(words.response_to.format(label, where(link.recommendation_id),
                                                      words.stance_name(link.stance)))
                if link.assessment:
                    lines.append(f"{words.assessment}: {display(link.assessment)}")
    elif a.role == "recommendation":
        judged = [link for link in mine if link.recommendation_id == a.id]
        if not judged:
            lines.append(words.not_judged)
        for link in judged:
            if link.response_id:
                lines.append(words.answered_by.format(where(link.response_id), words.stance_name(link.stance)))
            else:
                lines.append(words.no_response)
            if link.assessment:
                lines.append(f"{words.assessment}: {display(link.assessment)}")
    return lines


def _marks(lib: Library, doc_id: str, role_colors: dict[str, str], words: Labels) -> list[Mark]:
    import json

    from app.export.summary import _tag_paths

    tags = _tag_paths(records.list_tags(lib.db))
    docs = {d.id: d for d in records.list_documents(lib.db)}
    all_anns = {a.id: a for a in records.list_annotations(lib.db)}
    links_of: dict[str, list[Link]] = {}
    for link in records.list_links(lib.db):
        for end in (link.recommendation_id, link.response_id):
            if end:
                links_of.setdefault(end, []).append(link)
    out = []
    for a in records.list_annotations(lib.db, document_id=doc_id):
        if not a.rects:
            continue
        role = words.role_name(a.role)
        head = role + (f" {a.label}" if a.label else "")
        tag_list = sorted(tags[t] for t in a.tag_ids if t in tags)
        tag_line = ", ".join(tag_list)
        review = _review_lines(a, links_of, all_anns, docs, words) + remark_lines(list(a.remarks), words)
        content = "\n".join(
            part for part in (head, *review, a.note, f"{words.tags}: {tag_line}" if tag_line else "") if part
        )
        data = {
            "format": 1, "role": str(a.role), "label": a.label, "note": a.note, "tags": tag_list,
            "quote": a.quote, "prefix": a.prefix, "suffix": a.suffix, "rects": [list(r) for r in a.rects],
            "remarks": list(a.remarks),
            "links": [
                {k: str(v) if k == "stance" else v
                 for k, v in ((k, getattr(link, k)) for k in ("id", "recommendation_id", "response_id", "stance",
                                                               "assessment", "author", "created", "modified"))}
                for link in links_of.get(a.id, [])
            ],
        }
        out.append(
            Mark(
                id=a.id,
                rects=a.rects,
                color=a.color or role_colors.get(a.role) or ROLE_COLORS.get(a.role, "#f5c542"),
                title=display(a.author) or lib.reviewer,
                content=content,
                subject=role,
                is_area=a.is_area,
                created=a.created,
                modified=a.modified,
                review=json.dumps(data, ensure_ascii=True, sort_keys=True),
            )
        )
    return out


def export_annotated_pdf(
    lib: Library,
    doc_ref: str,
    path: Path | str,
    *,
    role_colors: dict[str, str] | None = None,
    language: str = "en",
    progress: ProgressFn = no_progress,
) -> ExportResult:
    """``role_colors`` overrides the default colour per role (the window passes
    the colours the reviewer chose in the settings). ``language`` ("en" or
    "nl") is that of the role names and "Tags:" in each annotation's text."""
    words = catalogue(language)
    start = time.perf_counter()
    doc = lib.resolve_document(doc_ref)
    source = lib.stored_file(doc)
    path = Path(path).expanduser()
    if path.exists() and path.resolve() == source.resolve():
        raise UserError("that is the library's own copy of the PDF; choose another file name")
    progress(0, 1, "drawing annotations")
    marks = _marks(lib, doc.id, role_colors or {}, words)
    with atomic_path(path) as tmp:
        made = run_isolated(draw_marks, str(source), str(tmp), marks)
    progress(1, 1, "done")
    return ExportResult(
        path, "annotated PDF", time.perf_counter() - start,
        {"annotations": len(marks), "PDF annotations": made},
    )
