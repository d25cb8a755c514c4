"""One neutral summary of a library, from which every summary format is written.

The model holds plain text only (nothing escaped); each writer escapes for
its own format. Building it reads the library once; the writers never touch
the database, so the PDF writer can run in a child process with a pickled
copy of the model.

Order and grouping:
- recommendations in natural label order (1a < 1b < 2 < 10); unlabelled ones
  after the labelled, in document and page order;
- each recommendation's responses in link-creation order; a recommendation
  without any link, or with only an explicit "no response" link, is listed
  as having no response;
- the coverage table counts recommendation-response pairs per stance (a
  recommendation without a response counts once under "none"), so it adds
  up to the rows of the CSV and XLSX exports;
- the other annotations (evidence, comments, and responses not linked to a
  shown recommendation) grouped by tag path; untagged ones last.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable

from app.domain import ROLES, STANCE_LABELS, STANCES, UserError
from app.library import Library
from storage import records
from storage.types import Annotation, Link, Tag

NO_TAG = ""  # group key of untagged annotations


@dataclass
class DocumentInfo:
    id: str
    title: str
    kind: str
    file_name: str
    pages: int
    sha256: str


@dataclass
class Passage:
    """An annotation as a summary shows it."""

    id: str
    document_id: str
    document_title: str
    document_file: str
    page: int
    role: str
    label: str
    quote: str
    note: str
    tags: list[str]
    author: str
    is_area: bool


@dataclass
class Response:
    link_id: str
    stance: str
    assessment: str
    author: str
    passage: Passage | None  # None: an explicit "no response" link

    @property
    def stance_label(self) -> str:
        return STANCE_LABELS.get(self.stance, self.stance)


@dataclass
class Agreed:
    """The team's agreed judgement (app.team.agreed), apart from the responses'."""

    stance: str
    assessment: str
    agreed_by: str
    agreed_at: str


@dataclass
class Recommendation:
    passage: Passage
    responses: list[Response] = field(default_factory=list)
    agreed: Agreed | None = None

    @property
    def answered(self) -> list[Response]:
        return [r for r in self.responses if r.passage is not None]

    @property
    def has_response(self) -> bool:
        return bool(self.answered)


@dataclass
class TagGroup:
    tag: str  # full path, or NO_TAG
    passages: list[Passage]


@dataclass
class PairRow:
    """One recommendation-response pair: a row of the CSV and XLSX exports."""

    recommendation: Passage
    response: Response | None
    agreed: Agreed | None = None  # the team's agreed judgement of the recommendation


@dataclass
class Summary:
    library: str
    generated: str  # date, YYYY-MM-DD (UTC)
    reviewers: list[str]
    documents: list[DocumentInfo]
    recommendations: list[Recommendation]
    other_groups: list[TagGroup]
    filters: list[str]  # human-readable description of --doc/--tag/--role
    language: str = "en"  # of the headings and labels (app.export.i18n)
    agreement: dict | None = None  # app.team.agreement.agreement(), when two reviewers judged

    def pairs(self) -> list[PairRow]:
        rows: list[PairRow] = []
        for rec in self.recommendations:
            answered = rec.answered
            if not answered:
                explicit = [r for r in rec.responses if r.passage is None]
                rows.append(PairRow(rec.passage, explicit[0] if explicit else None, rec.agreed))
            for resp in answered:
                rows.append(PairRow(rec.passage, resp, rec.agreed))
        return rows

    def coverage(self) -> dict[str, int]:
        counts = {s: 0 for s in STANCES}
        for row in self.pairs():
            stance = row.response.stance if row.response is not None else "none"
            counts[stance] = counts.get(stance, 0) + 1
        return counts

    @property
    def without_response(self) -> list[Recommendation]:
        return [r for r in self.recommendations if not r.has_response]


_CHUNK = re.compile(r"(\d+)")


def natural_key(label: str) -> tuple:
    """Sort key for labels: 1a < 1b < 2 < 10 < b; empty labels last."""
    label = label.strip().lower()
    if not label:
        return (1,)
    parts: list[tuple[int, object]] = []
    for chunk in _CHUNK.split(label):
        if not chunk:
            continue
        parts.append((0, int(chunk)) if chunk.isdigit() else (1, chunk))
    return (0, tuple(parts))


def _tag_paths(tags: list[Tag]) -> dict[str, str]:
    by_id = {t.id: t for t in tags}
    out: dict[str, str] = {}
    for tid in by_id:
        names, seen, cur = [], set(), by_id.get(tid)
        while cur is not None and cur.id not in seen:  # guard against cycles
            seen.add(cur.id)
            names.append(cur.name)
            cur = by_id.get(cur.parent_id) if cur.parent_id else None
        out[tid] = "/".join(reversed(names))
    return out


def _subtree(tags: list[Tag], root_ids: set[str]) -> set[str]:
    children: dict[str, list[str]] = {}
    for t in tags:
        if t.parent_id:
            children.setdefault(t.parent_id, []).append(t.id)
    out, todo = set(), list(root_ids)
    while todo:
        tid = todo.pop()
        if tid in out:
            continue
        out.add(tid)
        todo.extend(children.get(tid, []))
    return out


def _resolve_tags(tags: list[Tag], paths: dict[str, str], wanted: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for ref in wanted:
        ref_l = ref.strip().lower()
        hits = [tid for tid, p in paths.items() if p.lower() == ref_l or tid == ref.strip()]
        if not hits:
            hits = [t.id for t in tags if t.name.lower() == ref_l]
        if not hits:
            raise UserError(f"no tag named '{ref}'")
        out |= set(hits)
    return _subtree(tags, out)


def build_summary(
    lib: Library,
    *,
    docs: Iterable[str] = (),
    tags: Iterable[str] = (),
    roles: Iterable[str] = (),
    language: str = "en",
) -> Summary:
    """Read the library into a ``Summary``.

    ``docs`` (references as the command line accepts them), ``tags`` (paths
    or names; a tag includes its sub-tags) and ``roles`` narrow which
    annotations are shown. A shown recommendation keeps all its responses,
    wherever they are, so that a summary of the report alone still shows
    what the reply says. ``language`` ("en" or "nl") is the language of the
    headings and labels the writers use, and of the filter descriptions.
    """
    from app.export.i18n import catalogue

    words = catalogue(language)
    db = lib.db
    all_docs = {d.id: d for d in records.list_documents(db)}
    doc_ids = {lib.resolve_document(ref).id for ref in docs}
    role_set = {r.strip().lower() for r in roles}
    bad = role_set - set(ROLES)
    if bad:
        raise UserError(f"unknown role '{sorted(bad)[0]}'; choose one of {', '.join(ROLES)}")
    tag_rows = records.list_tags(db)
    paths = _tag_paths(tag_rows)
    tag_ids = _resolve_tags(tag_rows, paths, tags) if tags else set()

    anns = records.list_annotations(db)
    by_id = {a.id: a for a in anns}

    def passage(a: Annotation) -> Passage:
        d = all_docs[a.document_id]
        return Passage(
            id=a.id,
            document_id=a.document_id,
            document_title=d.title,
            document_file=d.file_name,
            page=int(a.page_no),
            role=a.role,
            label=a.label,
            quote=a.quote,
            note=a.note,
            tags=sorted((paths[t] for t in a.tag_ids if t in paths), key=str.lower),
            author=a.author,
            is_area=a.is_area,
        )

    def selected(a: Annotation) -> bool:
        if doc_ids and a.document_id not in doc_ids:
            return False
        if role_set and a.role not in role_set:
            return False
        if tag_ids and not (set(a.tag_ids) & tag_ids):
            return False
        return True

    links_by_rec: dict[str, list[Link]] = {}
    for link in records.list_links(db):
        links_by_rec.setdefault(link.recommendation_id, []).append(link)

    from storage import team as team_db

    agreed = {g["recommendation_id"]: g for g in team_db.list_agreed(db)}
    recs: list[Recommendation] = []
    shown_responses: set[str] = set()
    for a in anns:
        if a.role != "recommendation" or not selected(a):
            continue
        g = agreed.get(a.id)
        rec = Recommendation(passage(a), agreed=Agreed(
            g["stance"], g["assessment"], g["agreed_by"], g["agreed_at"][:10]) if g else None)
        for link in links_by_rec.get(a.id, []):
            resp = by_id.get(link.response_id) if link.response_id else None
            rec.responses.append(
                Response(
                    link_id=link.id,
                    stance=link.stance,
                    assessment=link.assessment,
                    author=link.author,
                    passage=passage(resp) if resp is not None else None,
                )
            )
            if resp is not None:
                shown_responses.add(resp.id)
        recs.append(rec)
    order = {a.id: i for i, a in enumerate(anns)}  # document, page, position
    recs.sort(key=lambda r: (natural_key(r.passage.label), order[r.passage.id]))

    groups: dict[str, list[Passage]] = {}
    for a in anns:
        if a.role == "recommendation" or a.id in shown_responses or not selected(a):
            continue
        p = passage(a)
        names = [paths[t] for t in a.tag_ids if t in paths and (not tag_ids or t in tag_ids)]
        for name in names or [NO_TAG]:
            groups.setdefault(name, []).append(p)
    other = [
        TagGroup(name, groups[name])
        for name in sorted(groups, key=lambda n: (n == NO_TAG, n.lower()))
    ]

    reviewers = sorted(
        {a.author for a in anns if a.author}
        | {r.author for rec in recs for r in rec.responses if r.author},
        key=str.lower,
    ) or [lib.reviewer]
    shown_docs = [all_docs[i] for i in all_docs if not doc_ids or i in doc_ids]
    filters = []
    if doc_ids:
        filters.append(words.filter_documents.format("; ".join(all_docs[i].title for i in sorted(doc_ids))))
    if tags:
        filters.append(words.filter_tags.format(", ".join(sorted(tags))))
    if role_set:
        filters.append(words.filter_roles.format(", ".join(sorted(words.role_name(r) for r in role_set))))
    return Summary(
        library=records.get_meta(db, "name") or lib.root.name,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        reviewers=reviewers,
        documents=[
            DocumentInfo(d.id, d.title, d.kind, d.file_name, d.page_count, d.sha256)
            for d in shown_docs
        ],
        recommendations=recs,
        other_groups=other,
        filters=filters,
        language=words.language,
        agreement=_agreement(lib),
    )


def _agreement(lib: Library) -> dict | None:
    from app.team.agreement import agreement

    data = agreement(lib)
    return data if data["units"] else None
