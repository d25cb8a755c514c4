"""Codebook use cases: a tree of tags with colours and descriptions.

A tag is named by its path ("Thema/Vrijheid van meningsuiting"); sibling
names are unique regardless of case. Deleting and merging return snapshots
so the window can undo them exactly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from app.changes import Changes
from app.domain import UserError, new_id, now_iso
from app.library import Library
from storage import records
from storage.types import Tag

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_TAG_COLOR = "#808080"


@dataclass(frozen=True, slots=True)
class TagNode:
    """A tag in the codebook with its full ``path``, ``usage`` (annotations
    tagged with it directly) and ``total`` (with its descendants)."""

    tag: Tag
    path: str
    usage: int
    total: int
    children: tuple["TagNode", ...] = ()

    @property
    def id(self) -> str:
        return self.tag.id

    @property
    def name(self) -> str:
        return self.tag.name

    @property
    def parent_id(self) -> str | None:
        return self.tag.parent_id

    @property
    def color(self) -> str:
        return self.tag.color

    @property
    def description(self) -> str:
        return self.tag.description


def _split(path: str) -> list[str]:
    parts = [p.strip() for p in (path or "").split("/")]
    if not parts or any(not p for p in parts):
        raise UserError(f"'{path}' is not a tag name (empty part)")
    return parts


def _tag(lib: Library, tag_id: str) -> Tag:
    row = records.get_tag(lib.db, tag_id)
    if row is None:
        raise UserError(f"no tag with id {tag_id}")
    return row


def tag_paths(lib: Library) -> dict[str, str]:
    """Every tag's full path by id."""
    rows = {r.id: r for r in records.list_tags(lib.db)}
    out: dict[str, str] = {}

    def path(tid: str, depth: int = 0) -> str:
        if tid in out:
            return out[tid]
        r = rows[tid]
        parent = r.parent_id
        p = r.name if parent not in rows or depth > 64 else f"{path(parent, depth + 1)}/{r.name}"
        out[tid] = p
        return p

    for tid in rows:
        path(tid)
    return out


def resolve_tag(lib: Library, ref: str) -> Tag:
    """A tag by id, by full path ("A/B"), or by a name that only one tag has."""
    ref = (ref or "").strip()
    row = records.get_tag(lib.db, ref)
    if row:
        return row
    paths = tag_paths(lib)
    by_path = [t for t, p in paths.items() if p.lower() == ref.lower()]
    if not by_path:
        by_path = [t for t, p in paths.items() if p.rsplit("/", 1)[-1].lower() == ref.lower()]
    if len(by_path) == 1:
        return _tag(lib, by_path[0])
    if not by_path:
        raise UserError(f"no tag '{ref}' (see 'kanttekening tags')")
    raise UserError(f"'{ref}' names {len(by_path)} tags; give the full path, e.g. {paths[by_path[0]]}")


def ensure_tags(lib: Library, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Ids for tag paths, creating the missing ones. Call inside a transaction.
    Returns (ids in the given order, ids created)."""
    ids: list[str] = []
    created: list[str] = []
    for name in names:
        parent: str | None = None
        for part in _split(name):
            row = records.tag_by_name(lib.db, part, parent)
            if row is None:
                stamp = now_iso()
                tid = new_id()
                records.insert_tag(
                    lib.db,
                    Tag(id=tid, name=part, parent_id=parent, color=DEFAULT_TAG_COLOR,
                        description="", created=stamp, modified=stamp),
                )
                created.append(tid)
                parent = tid
            else:
                parent = row.id
        assert parent is not None
        ids.append(parent)
    return list(dict.fromkeys(ids)), created


def create_tag(
    lib: Library, name: str, parent_id: str | None = None, color: str | None = None,
    description: str = "",
) -> tuple[str, Changes]:
    """A new tag; ``name`` may be a path. Refused when it exists already."""
    if color and not _COLOR.match(color):
        raise UserError(f"'{color}' is not a colour; use #rrggbb")
    with lib.write():
        prefix = tag_paths(lib)[_tag(lib, parent_id).id] + "/" if parent_id else ""
        parts = _split(name)
        leaf_parent = parent_id
        for part in parts[:-1]:
            row = records.tag_by_name(lib.db, part, leaf_parent)
            leaf_parent = row.id if row else None
            if row is None:
                break
        else:
            if records.tag_by_name(lib.db, parts[-1], leaf_parent):
                raise UserError(f"the tag '{prefix}{name}' exists already")
        ids, created = ensure_tags(lib, [prefix + "/".join(parts)])
        fields: dict[str, str] = {"description": description, "modified": now_iso()}
        if color:
            fields["color"] = color.lower()
        records.update_tag(lib.db, ids[0], fields)
    return ids[0], lib.changed(Changes.of(tags=created))


def _check_sibling(lib: Library, name: str, parent_id: str | None, tag_id: str) -> None:
    other = records.tag_by_name(lib.db, name, parent_id)
    if other and other.id != tag_id:
        raise UserError(f"there is already a tag '{name}' there; merge the two instead")


def _uses(lib: Library, tag_ids: Iterable[str]) -> dict[str, list[str]]:
    return {t: records.annotation_ids_with_tag(lib.db, t) for t in tag_ids}


def _subtree(lib: Library, tag_id: str) -> list[Tag]:
    """The tag and its descendants, parents before children (without ``usage``)."""
    rows = records.list_tags(lib.db)
    out, frontier = [], [tag_id]
    by_parent: dict[str | None, list[Tag]] = {}
    for r in rows:
        by_parent.setdefault(r.parent_id, []).append(r)
    out.append(_tag(lib, tag_id))
    while frontier:
        nxt = []
        for t in frontier:
            for child in by_parent.get(t, []):
                out.append(replace(child, usage=None))
                nxt.append(child.id)
        frontier = nxt
    return out


def _touched(lib: Library, tag_ids: Iterable[str]) -> list[str]:
    return sorted({a for anns in _uses(lib, tag_ids).values() for a in anns})


def rename_tag(lib: Library, tag_id: str, name: str) -> Changes:
    name = (name or "").strip()
    if not name or "/" in name:
        raise UserError("a tag name must not be empty or contain '/'")
    with lib.write():
        tag = _tag(lib, tag_id)
        _check_sibling(lib, name, tag.parent_id, tag_id)
        records.update_tag(lib.db, tag_id, {"name": name, "modified": now_iso()})
        anns = _touched(lib, [t.id for t in _subtree(lib, tag_id)])
    return lib.changed(Changes.of(tags=[tag_id], annotations=anns))


def move_tag(lib: Library, tag_id: str, parent_id: str | None) -> Changes:
    """Put a tag (with its children) under another tag, or at the top (None)."""
    with lib.write():
        tag = _tag(lib, tag_id)
        subtree = _subtree(lib, tag_id)
        if parent_id is not None:
            _tag(lib, parent_id)
            if parent_id in {t.id for t in subtree}:
                raise UserError("a tag cannot be moved under itself or one of its children")
        _check_sibling(lib, tag.name, parent_id, tag_id)
        records.update_tag(lib.db, tag_id, {"parent_id": parent_id, "modified": now_iso()})
        anns = _touched(lib, [t.id for t in subtree])
    return lib.changed(Changes.of(tags=[tag_id], annotations=anns))


def update_tag(lib: Library, tag_id: str, *, color: str | None = None,
               description: str | None = None) -> Changes:
    fields: dict[str, str] = {}
    if color is not None:
        if not _COLOR.match(color):
            raise UserError(f"'{color}' is not a colour; use #rrggbb")
        fields["color"] = color.lower()
    if description is not None:
        fields["description"] = description
    with lib.write():
        _tag(lib, tag_id)
        records.update_tag(lib.db, tag_id, {**fields, "modified": now_iso()})
    return lib.changed(Changes.of(tags=[tag_id]))


def tag_usage(lib: Library, tag_id: str) -> dict[str, int]:
    """How many annotations use the tag directly, and with its descendants."""
    subtree = _subtree(lib, tag_id)
    uses = _uses(lib, [t.id for t in subtree])
    total = {a for anns in uses.values() for a in anns}
    return {"direct": len(uses[tag_id]), "total": len(total), "descendants": len(subtree) - 1}


def delete_tag(lib: Library, tag_id: str) -> tuple[dict, Changes]:
    """Delete a tag, its descendants and their uses. The snapshot (with
    ``usage``: annotations that lose a tag) lets ``restore_tag`` undo it."""
    with lib.write():
        subtree = _subtree(lib, tag_id)
        uses = _uses(lib, [t.id for t in subtree])
        records.delete_tag(lib.db, tag_id)
    anns = sorted({a for v in uses.values() for a in v})
    snapshot = {"tags": subtree, "uses": uses, "usage": len(anns)}
    return snapshot, lib.changed(Changes.of(tags=[t.id for t in subtree], annotations=anns))


def restore_tag(lib: Library, snapshot: dict) -> Changes:
    """Undo ``delete_tag``: the tags come back with their ids and uses (on the
    annotations that still exist)."""
    with lib.write():
        for row in snapshot["tags"]:
            records.insert_tag(lib.db, row)
        anns = set()
        for tid, ann_ids in snapshot["uses"].items():
            for a in ann_ids:
                if records.get_annotation(lib.db, a) is not None:
                    records.add_annotation_tag(lib.db, a, tid)
                    anns.add(a)
    return lib.changed(Changes.of(tags=[t.id for t in snapshot["tags"]], annotations=anns))


def merge_tags(lib: Library, from_id: str, into_id: str) -> tuple[dict, Changes]:
    """Give every annotation of ``from_id`` the tag ``into_id`` instead, move
    its children under ``into_id`` and delete it. Undo with ``unmerge_tags``."""
    if from_id == into_id:
        raise UserError("choose two different tags to merge")
    with lib.write():
        source = _tag(lib, from_id)
        target = _tag(lib, into_id)
        if into_id in {t.id for t in _subtree(lib, from_id)}:
            raise UserError("a tag cannot be merged into one of its own children")
        children = [r.id for r in records.list_tags(lib.db) if r.parent_id == from_id]
        for c in children:
            _check_sibling(lib, _tag(lib, c).name, into_id, c)
        uses = _uses(lib, [from_id, into_id])
        records.retag(lib.db, from_id, into_id)
        records.delete_tag(lib.db, from_id)
        records.update_tag(lib.db, into_id, {"modified": now_iso()})
    snapshot = {"tag": source, "into": target.id, "uses": uses[from_id],
                "had_into": uses[into_id], "children": children}
    anns = set(uses[from_id])
    return snapshot, lib.changed(Changes.of(tags=[from_id, into_id, *children], annotations=anns))


def unmerge_tags(lib: Library, snapshot: dict) -> Changes:
    """Undo ``merge_tags`` exactly: the source tag, its uses and its children."""
    source: Tag = snapshot["tag"]
    into: str = snapshot["into"]
    had_into = set(snapshot["had_into"])
    with lib.write():
        records.insert_tag(lib.db, source)
        for a in snapshot["uses"]:
            if records.get_annotation(lib.db, a) is None:
                continue
            records.add_annotation_tag(lib.db, a, source.id)
            if a not in had_into:
                records.remove_annotation_tag(lib.db, a, into)
        for c in snapshot["children"]:
            if records.get_tag(lib.db, c) is not None:
                records.update_tag(lib.db, c, {"parent_id": source.id})
    changes = Changes.of(tags=[source.id, into, *snapshot["children"]], annotations=snapshot["uses"])
    return lib.changed(changes)


def list_tags(lib: Library, *, flat: bool = False) -> list[TagNode]:
    """The codebook as a tree (roots with nested ``children``). ``flat``:
    every tag in path order, without nesting (``children`` empty)."""
    rows = records.list_tags(lib.db)
    paths = tag_paths(lib)
    uses = _uses(lib, [r.id for r in rows])
    children: dict[str | None, list[Tag]] = {}
    known = {r.id for r in rows}
    for r in rows:
        children.setdefault(r.parent_id if r.parent_id in known else None, []).append(r)

    def build(tag: Tag, seen: frozenset[str]) -> tuple[TagNode, set[str]]:
        anns = set(uses[tag.id])
        nodes = []
        for child in children.get(tag.id, []):
            if child.id in seen:  # a cycle cannot be stored; stay safe all the same
                continue
            node, sub = build(child, seen | {child.id})
            nodes.append(node)
            anns |= sub
        usage = tag.usage if tag.usage is not None else len(uses[tag.id])
        return TagNode(replace(tag, usage=None), paths[tag.id], usage, len(anns), tuple(nodes)), anns

    roots = [build(r, frozenset({r.id}))[0] for r in children.get(None, [])]
    if flat:
        out: list[TagNode] = []

        def walk(node: TagNode) -> None:
            out.append(replace(node, children=()))
            for child in node.children:
                walk(child)

        for root in roots:
            walk(root)
        return sorted(out, key=lambda n: n.path.lower())
    return roots
