"""Detecting recommendations in a library document and storing the accepted ones.

``detect_document`` proposes (nothing is stored); ``apply_proposals`` anchors
each accepted proposal on its page with ``app.anchoring`` and stores it as a
recommendation annotation, all in one transaction. Items already stored as
recommendations of the document (same page, same text) are skipped, so
applying twice does not duplicate the register.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from app import annotations as annotation_uc
from app.anchoring import find_quote_in_words, load_words, norm_text
from app.changes import Changes
from app.domain import Role, UserError
from app.library import Library
from app.messages import user_error
from app.recommendations.detect import Proposal, detect_in_pages
from app.recommendations.register import LinkResult, check_stance, link
from app.recommendations.suggest import Candidate
from storage import records


def detect_document(lib: Library, doc_id: str) -> list[Proposal]:
    """Proposed recommendations of a document, read from its stored page text."""
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise user_error("doc.gone")
    pages = records.get_pages(lib.db, doc_id)
    if not any(p.has_text for p in pages):
        raise user_error("detect.no_text", title=doc.title)
    return detect_in_pages(pages)


@dataclass
class ApplyResult:
    created: list[str] = field(default_factory=list)  # annotation ids, in proposal order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (label, why)
    changes: Changes = field(default_factory=Changes)


def _words_for(pdf: Path, page_nos: Sequence[int], in_child: bool) -> dict[int, list]:
    if not in_child:
        return load_words(pdf, page_nos)[1]
    # The window keeps PyMuPDF off its threads: the words come from a child process.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(load_words, pdf, list(page_nos)).result(timeout=300)[1]


_TWIN_NOTE = {
    "nl": "Ook afgedrukt op pagina {page} als {label}.",
    "en": "Also printed on page {page} as {label}.",
}


def _note_for(p: Proposal, props: Sequence[Proposal], language: str = "en") -> str:
    # The note is the reviewer's text from then on: written in the document's language.
    parts = []
    if p.context:
        parts.append(p.context)
    if p.twin is not None and 0 <= p.twin < len(props):
        twin = props[p.twin]
        parts.append(_TWIN_NOTE.get(language, _TWIN_NOTE["en"]).format(page=twin.page_no, label=twin.label))
    return "\n".join(parts)


def _overlap(a: str, b: str) -> bool:
    """Whether two normalised texts are the same passage (one holds the
    start of the other: a hand-made selection is often a little shorter)."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ or short[:80] == long_[:80] or (len(short) >= 40 and short[:40] in long_)


def existing_matches(lib: Library, doc_id: str, proposals: Sequence[Proposal],
                     everything: Sequence[Proposal] | None = None) -> dict[int, str]:
    """Which proposals are already in the register: index -> the id of the
    recommendation stored for this document with the same label, or with
    overlapping text on the same page, a page the item spans, or the page of
    its twin (the same item printed elsewhere). ``everything`` is the full
    detected list that twins are numbered in (default ``proposals``)."""
    everything = everything if everything is not None else proposals
    stored = records.list_annotations(lib.db, document_id=doc_id, role="recommendation")

    def match(p: Proposal, pages: set[int]) -> str | None:
        text = norm_text(p.quote or p.text)
        label = p.label.strip().lower()
        for a in stored:
            if (label and a.label.strip().lower() == label) or (
                    a.page_no in pages and _overlap(text, norm_text(a.quote))):
                return a.id
        return None

    found: dict[int, str] = {}
    for i, p in enumerate(proposals):
        if p.kind != "item":
            continue
        twin = everything[p.twin] if p.twin is not None and 0 <= p.twin < len(everything) else None
        pages = {p.page_no, *p.pages} | ({twin.page_no, *twin.pages} if twin else set())
        # The twin may carry another label ("3c-1" printed again as "3d-1").
        ann_id = match(p, pages) or (match(twin, pages) if twin is not None else None)
        if ann_id is not None:
            found[i] = ann_id
    return found


def apply_proposals(
    lib: Library,
    doc_id: str,
    proposals: Sequence[Proposal],
    *,
    all_proposals: Sequence[Proposal] | None = None,
    in_child: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> ApplyResult:
    """Store ``proposals`` (those the reviewer accepted) as recommendation
    annotations. ``all_proposals`` (the full detected list) lets notes name
    an item's twin printed elsewhere."""
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise user_error("doc.gone")
    result = ApplyResult()
    wanted = [p for p in proposals if p.text.strip()]
    if not wanted:
        return result
    page_nos = sorted({n for p in wanted
                       for n in (p.page_no, p.page_no + 1, *p.pages, *(m[0] for m in p.merged),
                                 *(m[0] + 1 for m in p.merged))
                       if 1 <= n <= doc.page_count})
    words = _words_for(lib.stored_file(doc), page_nos, in_child)
    existing = {
        (a.page_no, norm_text(a.quote))
        for a in records.list_annotations(lib.db, document_id=doc_id, role=Role.RECOMMENDATION)
    }
    everything = all_proposals or proposals
    known = existing_matches(lib, doc_id, wanted, everything)
    labels_now: set[str] = set()
    printed_now: set[tuple[int, str]] = set()  # (page, label) stored by this call
    anchored = []
    for n, p in enumerate(wanted):
        twin = everything[p.twin] if p.twin is not None and 0 <= p.twin < len(everything) else None
        if n in known or (p.label and p.label.strip().lower() in labels_now) or (
                twin is not None and (twin.page_no, twin.label) in printed_now):
            result.skipped.append((p.label, "already in the register"))
            continue
        if progress:
            progress(n, len(wanted), p.label)
        tries = [p.quote]
        if len(p.pages) > 1:
            tries.append(p.lines_by_page.get(p.page_no, ""))  # the part on its first page
        anchor, why = _first_anchor(words, p.page_no, tries)
        if anchor is None:
            result.skipped.append((p.label, f"not found on page {p.page_no}: {why}"))
            continue
        for page_no, quote in p.merged:
            try:
                extra = find_quote_in_words(words, page_no, quote)
            except UserError:
                continue  # the merged text is kept in the quote; its highlight is not
            anchor = replace(
                anchor,
                rects=anchor.rects + tuple(r for r in extra.rects if r not in anchor.rects),
                quote=anchor.quote + " " + extra.quote,
                suffix=extra.suffix,
            )
        if (anchor.page_no, norm_text(anchor.quote)) in existing:
            result.skipped.append((p.label, "already in the register"))
            continue
        existing.add((anchor.page_no, norm_text(anchor.quote)))
        if p.label:
            labels_now.add(p.label.strip().lower())
        printed_now.add((p.page_no, p.label))
        anchored.append((p, anchor))
    changes = Changes()
    with lib.write():
        for p, anchor in anchored:
            ann_id, ch = annotation_uc.create_annotation(
                lib,
                doc_id,
                page_no=anchor.page_no,
                rects=anchor.rects,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                role=Role.RECOMMENDATION,
                label=p.label,
                note=_note_for(p, all_proposals or proposals, doc.language or "en"),
            )
            result.created.append(ann_id)
            changes = changes | ch
    result.changes = changes
    return result


def link_candidate(
    lib: Library,
    rec_id: str,
    candidate: Candidate,
    stance: str,
    assessment: str = "",
    *,
    in_child: bool = False,
) -> tuple[str, bool, LinkResult]:
    """Store a suggested passage as a response annotation and link it to the
    recommendation, in one transaction. An existing annotation with the same
    text on that page is reused. Returns (annotation id, whether it was
    created, the link result)."""
    doc = records.get_document(lib.db, candidate.document_id)
    if doc is None:
        raise user_error("doc.gone")
    check_stance(stance)
    pages = sorted({candidate.page_no, candidate.page_no + 1} & set(range(1, doc.page_count + 1)))
    words = _words_for(lib.stored_file(doc), pages, in_child)
    tries = [candidate.text]
    if len(candidate.lines_by_page) > 1:
        tries.append(candidate.lines_by_page.get(candidate.page_no, ""))
    anchor, why = _first_anchor(words, candidate.page_no, tries)
    if anchor is None:
        raise UserError(f"could not place the passage on page {candidate.page_no}: {why}")
    key = norm_text(anchor.quote)
    with lib.write():
        same = [a for a in records.list_annotations(lib.db, document_id=doc.id)
                if a.page_no == anchor.page_no and norm_text(a.quote) == key
                and a.role != Role.RECOMMENDATION]
        created = not same
        if same:
            ann_id = same[0].id
        else:
            ann_id, made = annotation_uc.create_annotation(
                lib, doc.id, page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote,
                prefix=anchor.prefix, suffix=anchor.suffix, role=Role.RESPONSE,
            )
        result = link(lib, ann_id, rec_id, stance, assessment)
        if created:
            result.changes = result.changes | made
    return ann_id, created, result


def _first_anchor(words, page_no: int, tries: list[str]):  # noqa: ANN001 - page words as find_quote_in_words takes them
    """The anchor of the first quote in ``tries`` found on the page, or
    (None, why the last one failed)."""
    why = "no text to anchor"
    for quote in tries:
        if not norm_text(quote):
            continue
        try:
            return find_quote_in_words(words, page_no, quote), ""
        except UserError as exc:
            why = str(exc)
    return None, why
