"""Annotation use cases: create, edit, delete (and restore for undo), list.

Each use case is one transaction (``with lib.write():``), then
tells listeners through ``lib.changed`` and returns the ``Changes``. The
window wraps these in undo commands; the command line calls them directly.
Tag (codebook) use cases live in ``app/tags.py`` and are re-exported here.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Sequence

from app.changes import Changes
from app.domain import ROLES, Role, UserError, new_id, now_iso
from app.library import Library
from app.tags import (  # noqa: F401 - re-exported: one import for callers
    create_tag,
    delete_tag,
    list_tags,
    merge_tags,
    move_tag,
    rename_tag,
    resolve_tag,
    restore_tag,
    tag_paths,
    tag_usage,
    unmerge_tags,
    update_tag,
    ensure_tags,
)
from storage import records
from storage.types import Annotation, Document, Link, Rect

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
EDITABLE = ("role", "label", "note", "color", "tags")
# Fields re-anchoring may change; not offered to users directly.
PLACEMENT = ("page_no", "rects", "quote", "prefix", "suffix", "is_area", "orphaned")


def _check_role(role: str) -> Role:
    role = (role or "").strip().lower()
    if role not in ROLES:
        raise UserError(f"unknown role '{role}'; choose one of: {', '.join(ROLES)}")
    return Role(role)


def _check_color(color: str | None) -> str | None:
    if color in (None, ""):
        return None
    if not _COLOR.match(color):
        raise UserError(f"'{color}' is not a colour; use #rrggbb")
    return color.lower()


def _check_rects(rects: Sequence[Sequence[float]], page_count: int) -> tuple[Rect, ...]:
    out: list[Rect] = []
    for r in rects:
        if len(r) != 5:
            raise UserError("a rectangle is [page, x0, y0, x1, y1]")
        page, x0, y0, x1, y1 = (float(v) for v in r)
        if not 1 <= page <= page_count or page != int(page):
            raise UserError(f"rectangle on page {page:g}, which does not exist")
        out.append((int(page), min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return tuple(out)


def _document(lib: Library, doc_id: str) -> Document:
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        raise UserError(f"no document with id {doc_id}")
    return doc


def create_annotation(
    lib: Library,
    doc_id: str,
    *,
    page_no: int,
    rects: Sequence[Sequence[float]],
    quote: str,
    prefix: str = "",
    suffix: str = "",
    role: str,
    label: str = "",
    note: str = "",
    tags: Iterable[str] = (),
    color: str | None = None,
    is_area: bool = False,
    author: str | None = None,
    ann_id: str | None = None,
) -> tuple[str, Changes]:
    """Store a new annotation; tag names that do not exist yet become tags
    ("Parent/Child" makes the hierarchy)."""
    role = _check_role(role)
    color = _check_color(color)
    ann_id = ann_id or new_id()
    with lib.write():
        doc = _document(lib, doc_id)
        if not 1 <= int(page_no) <= doc.page_count:
            raise UserError(f"page {page_no} does not exist; the document has {doc.page_count} pages")
        clean_rects = _check_rects(rects, doc.page_count)
        if not clean_rects:
            raise UserError("an annotation needs at least one rectangle")
        tag_ids, new_tags = ensure_tags(lib, tags)
        stamp = now_iso()
        records.insert_annotation(
            lib.db,
            Annotation(
                id=ann_id,
                document_id=doc_id,
                role=role,
                label=label.strip(),
                color=color,
                note=note,
                author=lib.reviewer if author is None else author,
                author_id=lib.reviewer_id,
                created=stamp,
                modified=stamp,
                page_no=int(page_no),
                rects=clean_rects,
                is_area=bool(is_area),
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                orphaned=False,
                tag_ids=tuple(tag_ids),
            ),
        )
    changes = Changes.of(annotations=[ann_id], documents=[doc_id], tags=new_tags)
    return ann_id, lib.changed(changes)


def update_annotation(lib: Library, ann_id: str, **fields: Any) -> Changes:
    """Change role, label, note, colour and/or tags (a list of names, replacing
    the current ones). Placement fields are for re-anchoring."""
    bad = set(fields) - set(EDITABLE) - set(PLACEMENT)
    if bad:
        raise UserError(f"cannot change {', '.join(sorted(bad))} of an annotation")
    row: dict[str, Any] = {}
    if "role" in fields:
        row["role"] = _check_role(fields["role"])
    if "label" in fields:
        row["label"] = (fields["label"] or "").strip()
    if "note" in fields:
        row["note"] = fields["note"] or ""
    if "color" in fields:
        row["color"] = _check_color(fields["color"])
    for key in PLACEMENT:
        if key in fields:
            row[key] = fields[key]
    for key in ("is_area", "orphaned"):
        if key in row:
            row[key] = bool(row[key])
    new_tags: list[str] = []
    with lib.write():
        current = records.get_annotation(lib.db, ann_id)
        if current is None:
            raise UserError(f"no annotation with id {ann_id}")
        if "rects" in row:
            row["rects"] = _check_rects(row["rects"], _document(lib, current.document_id).page_count)
        if "tags" in fields:
            tag_ids, new_tags = ensure_tags(lib, fields["tags"] or ())
            records.set_annotation_tags(lib.db, ann_id, tag_ids)
        row["modified"] = now_iso()
        records.update_annotation(lib.db, ann_id, row)
    changes = Changes.of(annotations=[ann_id], documents=[current.document_id], tags=new_tags)
    return lib.changed(changes)


def _with_tag_names(ann: Annotation, paths: dict[str, str]) -> Annotation:
    names = sorted((paths[t] for t in ann.tag_ids if t in paths), key=str.lower)
    return replace(ann, tags=tuple(names))


def get_annotation(lib: Library, ann_id: str) -> Annotation:
    """One annotation with its tag names (``tags``, full paths) and ``tag_ids``."""
    row = records.get_annotation(lib.db, ann_id)
    if row is None:
        raise UserError(f"no annotation with id {ann_id}")
    return _with_tag_names(row, tag_paths(lib))


def resolve_annotation(lib: Library, ref: str) -> Annotation:
    """An annotation by id, unique label (``1a``), or unique id prefix (4+ characters)."""
    raw = ref.strip()
    if not raw:
        raise UserError("no annotation given")
    if records.get_annotation(lib.db, raw.lower()) is not None:
        return get_annotation(lib, raw.lower())
    hits = records.annotation_ids_by_label(lib.db, raw)
    if not hits and len(raw) >= 4:
        hits = records.annotation_ids_by_prefix(lib.db, raw)
    if len(hits) != 1:
        raise UserError(
            f"no annotation matches '{raw}'"
            if not hits
            else f"'{raw}' matches several annotations; give (a prefix of) the id"
        )
    return get_annotation(lib, hits[0])


def list_annotations(
    lib: Library, doc_id: str | None = None, role: str | None = None, tag: str | None = None
) -> list[Annotation]:
    """Annotations in document and page order, each with its tag names."""
    role = _check_role(role) if role else None
    tag_id = resolve_tag(lib, tag).id if tag else None
    rows = records.list_annotations(lib.db, document_id=doc_id, role=role, tag_id=tag_id)
    paths = tag_paths(lib)
    return [_with_tag_names(r, paths) for r in rows]


def delete_annotation(lib: Library, ann_id: str) -> tuple[dict[str, Any], Changes]:
    """Delete an annotation; returns a snapshot that ``restore_annotation``
    puts back with the same id, tags and links."""
    with lib.write():
        row = records.get_annotation(lib.db, ann_id)
        if row is None:
            raise UserError(f"no annotation with id {ann_id}")
        links = records.list_links(lib.db, recommendation_id=ann_id) + records.list_links(
            lib.db, response_id=ann_id
        )
        records.delete_annotation(lib.db, ann_id)
    snapshot = {"annotation": row, "links": links}
    changes = Changes.of(
        annotations=[ann_id], documents=[row.document_id], links=[l.id for l in links]
    )
    return snapshot, lib.changed(changes)


def restore_annotation(lib: Library, snapshot: dict[str, Any]) -> Changes:
    """Undo a delete: the annotation comes back with its id, its tags (those
    still in the codebook) and its links (those whose other end still exists)."""
    ann: Annotation = snapshot["annotation"]
    with lib.write():
        if records.get_annotation(lib.db, ann.id) is not None:
            raise UserError("that annotation exists already")
        _document(lib, ann.document_id)
        restored = _insert_snapshot(lib, snapshot)
    changes = Changes.of(annotations=[ann.id], documents=[ann.document_id], links=restored)
    return lib.changed(changes)


def move_to_edition(
    lib: Library, old_doc_id: str, new_doc_id: str
) -> tuple[dict[str, list[str]], Changes]:
    """Move every annotation of a document to a new edition of it, found again
    by its quote (exact first, then fuzzy). Ids, tags and links are kept. An
    annotation that cannot be placed is moved all the same, marked orphaned
    (its old page and rectangles kept), and listed: nothing is dropped."""
    from app.anchoring import reanchor

    if old_doc_id == new_doc_id:
        raise UserError("choose two different documents")
    old, new = _document(lib, old_doc_id), _document(lib, new_doc_id)
    anns = records.list_annotations(lib.db, document_id=old_doc_id)
    text_anns = [a for a in anns if not a.is_area]
    anchors = reanchor(lib.stored_file(new), text_anns) if text_anns else {}
    outcome: dict[str, list[str]] = {"exact": [], "fuzzy": [], "orphaned": []}
    links: list[str] = []
    with lib.write():
        for a in anns:
            anchor = anchors.get(a.id)
            links_of_a = records.list_links(lib.db, recommendation_id=a.id) + records.list_links(
                lib.db, response_id=a.id
            )
            records.delete_annotation(lib.db, a.id)
            row = replace(a, document_id=new_doc_id, modified=now_iso())
            if anchor is not None:
                row = replace(row, page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote,
                              prefix=anchor.prefix, suffix=anchor.suffix, orphaned=False)
                outcome["exact" if anchor.score >= 1.0 else "fuzzy"].append(a.id)
            else:
                last = new.page_count
                row = replace(row, page_no=min(a.page_no, last), orphaned=True,
                              rects=tuple((min(int(r[0]), last), *r[1:]) for r in a.rects))
                outcome["orphaned"].append(a.id)
            snapshot = {"annotation": row, "links": links_of_a}
            _insert_snapshot(lib, snapshot)
            links += [lk.id for lk in links_of_a]
    changes = Changes.of(annotations=[a.id for a in anns], documents=[old.id, new.id],
                         links=links)
    return outcome, lib.changed(changes)


def _insert_snapshot(lib: Library, snapshot: dict[str, Any]) -> list[str]:
    """Insert an annotation snapshot with its tags and links (inside a transaction)."""
    ann: Annotation = snapshot["annotation"]
    live = [t for t in ann.tag_ids if records.get_tag(lib.db, t) is not None]
    records.insert_annotation(lib.db, ann, live)
    restored = []
    link: Link
    for link in snapshot.get("links", []):
        ends = [link.recommendation_id, link.response_id]
        if any(e and records.get_annotation(lib.db, e) is None for e in ends):
            continue
        if records.get_link(lib.db, link.id) or records.find_link(
            lib.db, link.recommendation_id, link.response_id, (link.author_id,)
        ):
            continue
        records.insert_link(lib.db, link)
        restored.append(link.id)
    return restored


def annotation_json(row: Annotation) -> dict[str, Any]:
    """The public JSON form of an annotation (command line, exports)."""
    return {
        "id": row.id,
        "document": row.document_id,
        "page": row.page_no,
        "role": row.role,
        "label": row.label,
        "quote": row.quote,
        "note": row.note,
        "tags": list(row.tags),
        "color": row.color,
        "rects": [list(r) for r in row.rects],
        "is_area": bool(row.is_area),
        "orphaned": bool(row.orphaned),
        "author": row.author,
        "author_id": row.author_id,
        "created": row.created,
        "modified": row.modified,
    }
