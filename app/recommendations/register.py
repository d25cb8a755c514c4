"""The register of recommendations and the links that answer them.

Rules for a link (one row of ``links``):
- the recommendation side is an annotation with the role recommendation;
- the response side is any other annotation (not the recommendation itself),
  or nothing: ``response_id=None`` records explicitly that the
  recommendation got no response, and then the stance must be ``none``;
- the stance is one of accepted, partial, rejected, noted, none.
Linking a pair that is already linked *updates* that link's stance and
assessment (the pair stays unique); ``link`` reports whether it created or
updated through ``LinkResult.previous``, so an undo can put the old state back.

Coverage counts recommendations with at least one *confirmed* response: a
link to a response passage whose stance is not ``none``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from app.annotations import tag_paths
from app.changes import Changes
from app.domain import STANCES, UserError, new_id, now_iso
from app.library import Library
from app.messages import user_error
from storage import records
from storage.types import Annotation, Link, Rect, Role, Stance

# How far a stance goes, for the one colour a recommendation gets when
# several passages answer it: the most recent confirmed answer counts.
CONFIRMED = (Stance.ACCEPTED, Stance.PARTIAL, Stance.REJECTED, Stance.NOTED)


@dataclass
class LinkResult:
    link_id: str
    changes: Changes
    previous: Link | None  # the link as it was before, when the pair existed


@dataclass(frozen=True, slots=True)
class Passage:
    """One end of a link as the register shows it."""

    id: str
    document_id: str
    document: str  # its document's title
    page_no: int
    label: str
    role: Role
    quote: str
    rects: tuple[Rect, ...]


@dataclass(frozen=True, slots=True)
class RegisterLink:
    """A link of a recommendation with the passage that answers it (None:
    "no response" recorded)."""

    link: Link
    response: Passage | None

    @property
    def id(self) -> str:
        return self.link.id

    @property
    def response_id(self) -> str | None:
        return self.link.response_id

    @property
    def stance(self) -> Stance:
        return self.link.stance

    @property
    def assessment(self) -> str:
        return self.link.assessment

    @property
    def author(self) -> str:
        return self.link.author

    @property
    def modified(self) -> str:
        return self.link.modified


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """A recommendation with its document's title, its tag paths (in
    ``annotation.tags``), its links, the ``stance`` shown for it (see
    ``overall_stance``; "" when nothing is linked) and whether it is
    ``covered`` (has a confirmed response)."""

    annotation: Annotation
    document: str
    links: tuple[RegisterLink, ...]
    stance: str
    covered: bool
    # Team review: each reviewer's own stance by reviewer id, and the team's
    # agreed judgement (a dict from storage.team) when one was recorded.
    judgements: dict[str, str] = field(default_factory=dict)
    agreed: dict | None = None

    @property
    def id(self) -> str:
        return self.annotation.id

    @property
    def document_id(self) -> str:
        return self.annotation.document_id

    @property
    def label(self) -> str:
        return self.annotation.label

    @property
    def page_no(self) -> int:
        return self.annotation.page_no

    @property
    def quote(self) -> str:
        return self.annotation.quote

    @property
    def note(self) -> str:
        return self.annotation.note

    @property
    def tags(self) -> tuple[str, ...]:
        return self.annotation.tags

    @property
    def rects(self) -> tuple[Rect, ...]:
        return self.annotation.rects


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A passage linked to an annotation, from either ``side``."""

    link: Link
    side: str  # "response" or "recommendation": which end the passage is
    passage: Passage | None


def check_stance(stance: str) -> Stance:
    stance = (stance or "").strip().lower()
    if stance == "partly":
        stance = Stance.PARTIAL
    if stance not in STANCES:
        raise UserError(f"unknown stance '{stance}'; choose one of: {', '.join(STANCES)}")
    return Stance(stance)


def _recommendation(lib: Library, rec_id: str) -> Annotation:
    rec = records.get_annotation(lib.db, rec_id)
    if rec is None:
        raise UserError(f"no annotation with id {rec_id}")
    if rec.role != Role.RECOMMENDATION:
        raise UserError(
            f"annotation {rec_id[:8]} is a {rec.role}, not a recommendation; "
            "give the recommendation second"
        )
    return rec


def _changes(link: Link) -> Changes:
    anns = [link.recommendation_id] + ([link.response_id] if link.response_id else [])
    return Changes.of(links=[link.id], annotations=anns)


def link(
    lib: Library,
    response_id: str | None,
    rec_id: str,
    stance: str,
    assessment: str = "",
    *,
    author: str | None = None,
) -> LinkResult:
    """Link a response passage (or ``None``: no response) to a recommendation."""
    stance = check_stance(stance)
    if response_id is None and stance != Stance.NONE:
        raise UserError("without a response passage the stance can only be 'none' (no response)")
    with lib.write():
        _recommendation(lib, rec_id)
        if response_id is not None:
            if response_id == rec_id:
                raise user_error("link.self")
            if records.get_annotation(lib.db, response_id) is None:
                raise UserError(f"no annotation with id {response_id}")
        stamp = now_iso()
        # In a team each reviewer judges a pair separately: only this
        # reviewer's own link (or one nobody claimed yet) is updated.
        existing = records.find_link(lib.db, rec_id, response_id, (lib.reviewer_id, ""))
        if existing is not None:
            records.update_link(
                lib.db,
                existing.id,
                {"stance": stance, "assessment": assessment, "modified": stamp,
                 "author": lib.reviewer if author is None else author},
            )
            row = existing
        else:
            row = Link(
                id=new_id(),
                recommendation_id=rec_id,
                response_id=response_id,
                stance=stance,
                assessment=assessment,
                author=lib.reviewer if author is None else author,
                author_id=lib.reviewer_id,
                created=stamp,
                modified=stamp,
            )
            records.insert_link(lib.db, row)
    return LinkResult(row.id, lib.changed(_changes(row)), existing)


def update_link(
    lib: Library, link_id: str, *, stance: str | None = None, assessment: str | None = None
) -> tuple[Link, Changes]:
    """Change a link's stance and/or assessment; returns the link as it was."""
    fields: dict[str, Any] = {}
    if stance is not None:
        fields["stance"] = check_stance(stance)
    if assessment is not None:
        fields["assessment"] = assessment
    with lib.write():
        before = records.get_link(lib.db, link_id)
        if before is None:
            raise UserError("that link no longer exists")
        if before.response_id is None and fields.get("stance", "none") != "none":
            raise UserError("a 'no response' record can only have the stance 'none'")
        if fields:
            fields["modified"] = now_iso()
            records.update_link(lib.db, link_id, fields)
    return before, lib.changed(_changes(before))


def unlink(lib: Library, link_id: str) -> tuple[Link, Changes]:
    """Remove a link; the returned snapshot lets ``restore_link`` undo it."""
    with lib.write():
        row = records.get_link(lib.db, link_id)
        if row is None:
            raise UserError("that link no longer exists")
        records.delete_link(lib.db, link_id)
    return row, lib.changed(_changes(row))


def restore_link(lib: Library, snapshot: Link) -> Changes:
    """Put a link back as it was (for undo): re-inserted when gone, its
    stance and assessment restored when it still exists."""
    with lib.write():
        for end in (snapshot.recommendation_id, snapshot.response_id):
            if end and records.get_annotation(lib.db, end) is None:
                raise UserError("a passage of that link no longer exists")
        current = records.get_link(lib.db, snapshot.id)
        if current is None:
            clash = records.find_link(
                lib.db, snapshot.recommendation_id, snapshot.response_id, (snapshot.author_id,)
            )
            if clash is not None:
                records.delete_link(lib.db, clash.id)
            records.insert_link(lib.db, snapshot)
        else:
            records.update_link(
                lib.db,
                snapshot.id,
                {"stance": snapshot.stance, "assessment": snapshot.assessment,
                 "author": snapshot.author, "modified": snapshot.modified},
            )
    return lib.changed(_changes(snapshot))


def find_link(lib: Library, response_id: str | None, rec_id: str) -> Link | None:
    """This reviewer's link of the pair (else anyone's)."""
    return records.find_link(lib.db, rec_id, response_id, (lib.reviewer_id, "")) or records.find_link(
        lib.db, rec_id, response_id
    )


def get_link(lib: Library, link_id: str) -> Link:
    row = records.get_link(lib.db, link_id)
    if row is None:
        raise UserError("that link no longer exists")
    return row


# --- reading the register ------------------------------------------------------

def _passage(ann: Annotation | None, titles: dict[str, str]) -> Passage | None:
    if ann is None:
        return None
    return Passage(
        id=ann.id,
        document_id=ann.document_id,
        document=titles.get(ann.document_id, ""),
        page_no=ann.page_no,
        label=ann.label,
        role=ann.role,
        quote=ann.quote,
        rects=ann.rects,
    )


def overall_stance(links: Sequence[Link | RegisterLink]) -> str:
    """The stance shown for a recommendation: the most recently changed
    confirmed answer; ``none`` when only "no response" was recorded; ``""``
    when nothing is linked yet."""
    confirmed = [(l.modified, n, l) for n, l in enumerate(links)
                 if l.response_id and l.stance in CONFIRMED]
    if confirmed:
        # Ties within a millisecond go to the later created link (list order).
        return str(max(confirmed, key=lambda c: (c[0], c[1]))[2].stance)
    return "none" if links else ""


def register(
    lib: Library, *, document_id: str | None = None, reviewer: str | None = None
) -> list[RegisterEntry]:
    """Every recommendation (of one document, or all) with its links, in
    document and page order. In a team: ``reviewer`` (an id) keeps only that
    reviewer's links; otherwise the team's agreed judgement, when recorded,
    is the stance shown."""
    from storage import team as team_db

    agreed = {g["recommendation_id"]: g for g in team_db.list_agreed(lib.db)}
    recs = records.list_annotations(lib.db, document_id=document_id, role=Role.RECOMMENDATION)
    titles = {d.id: d.title for d in records.list_documents(lib.db)}
    paths = tag_paths(lib)
    cache: dict[str, Annotation | None] = {}

    def ann(aid: str) -> Annotation | None:
        if aid not in cache:
            cache[aid] = records.get_annotation(lib.db, aid)
        return cache[aid]

    out = []
    for rec in recs:
        links = records.list_links(lib.db, recommendation_id=rec.id)
        by_reviewer: dict[str, list[Link]] = {}
        for lk in links:
            by_reviewer.setdefault(lk.author_id, []).append(lk)
        if reviewer is not None:
            links = by_reviewer.get(reviewer, [])
        shown = overall_stance(links)
        if reviewer is None and rec.id in agreed:
            shown = agreed[rec.id]["stance"]
        tags = sorted((paths[t] for t in rec.tag_ids if t in paths), key=str.lower)
        out.append(RegisterEntry(
            annotation=replace(rec, tags=tuple(tags)),
            document=titles.get(rec.document_id, ""),
            links=tuple(
                RegisterLink(lk, _passage(ann(lk.response_id), titles) if lk.response_id else None)
                for lk in links
            ),
            stance=shown,
            covered=any(bool(lk.response_id) and lk.stance in CONFIRMED for lk in links),
            judgements={rid: overall_stance(ls) for rid, ls in by_reviewer.items()},
            agreed=agreed.get(rec.id),
        ))
    return out


def summary(entries: Sequence[RegisterEntry]) -> dict[str, Any]:
    """Counts per stance (of each recommendation's shown stance), how many
    have no link yet, and coverage."""
    counts = {s: 0 for s in STANCES}
    unanswered = 0
    for e in entries:
        if e.stance:
            counts[e.stance] += 1
        else:
            unanswered += 1
    covered = sum(1 for e in entries if e.covered)
    return {
        "recommendations": len(entries),
        "per_stance": counts,
        "no_response_yet": unanswered,
        "covered": covered,
        "coverage": round(covered / len(entries), 3) if entries else 0.0,
    }


def counterparts(lib: Library, ann_id: str) -> list[Counterpart]:
    """The passages linked to an annotation, from either side, with the link."""
    titles = {d.id: d.title for d in records.list_documents(lib.db)}
    out = []
    for l in records.list_links(lib.db, recommendation_id=ann_id):
        other = records.get_annotation(lib.db, l.response_id) if l.response_id else None
        out.append(Counterpart(l, "response", _passage(other, titles)))
    for l in records.list_links(lib.db, response_id=ann_id):
        other = records.get_annotation(lib.db, l.recommendation_id)
        out.append(Counterpart(l, "recommendation", _passage(other, titles)))
    return out
