"""Merging a bundle into the library (``kanttekening import-bundle``).

The whole merge is one transaction: it all happens or nothing does.

- Documents are matched by SHA-256. Annotations on documents this library
  lacks go to ``pending_annotations`` (as received) and are listed; when the
  document is imported later, ``place_pending`` puts them in place.
- Tags are matched by id, else by name under the same parent (two reviewers
  who both made "capaciteit" get one tag).
- Annotations and links are matched by id (a link also by its
  recommendation-response pair). When both sides hold different versions,
  the one with the newer ``modified`` wins and the difference is reported
  as a conflict, naming the side that was kept. Identical versions are
  left alone, so importing the same bundle twice changes nothing.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from app.changes import Changes
from app.domain import UserError, new_id, now_iso
from app.export.bundle_parse import (
    AnnotationIn,
    BundleError,
    LinkIn,
    ParsedBundle,
    parse_annotation,
    parse_bundle,
)
from app.library import Library
from storage import records
from storage.types import Annotation, Document, Link, PendingAnnotation, Role, Stance, Tag


@dataclass
class MergeReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    pending: list[dict[str, str]] = field(default_factory=list)
    placed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    tags_added: int = 0
    tags_updated: int = 0
    tags_matched: int = 0
    links_added: int = 0
    links_updated: int = 0
    changes: Changes = field(default_factory=Changes)

    pending_written: int = 0  # rows written to pending_annotations

    def to_json(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "placed": len(self.placed),
            "pending": self.pending,
            "conflicts": self.conflicts,
            "skipped": self.skipped,
            "tags": {"added": self.tags_added, "updated": self.tags_updated, "matched": self.tags_matched},
            "links": {"added": self.links_added, "updated": self.links_updated},
        }

    def lines(self) -> list[str]:
        out = [
            f"{len(self.added)} annotation(s) added, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged, {len(self.placed)} placed from earlier bundles",
            f"tags: {self.tags_added} added, {self.tags_updated} updated, {self.tags_matched} matched by name; "
            f"links: {self.links_added} added, {self.links_updated} updated",
        ]
        if self.pending:
            names = sorted({p["document"] or p["sha256"][:12] for p in self.pending})
            out.append(
                f"{len(self.pending)} annotation(s) wait for documents not in this library: {', '.join(names)}"
            )
        out += [f"conflict: {c}" for c in self.conflicts]
        out += [f"skipped: {s}" for s in self.skipped]
        return out


class _Merger:
    def __init__(self, lib: Library, report: MergeReport) -> None:
        self.lib = lib
        self.db = lib.db
        self.report = report
        self.tag_map: dict[str, str] = {}
        self.ann_ids: set[str] = set()
        self.tag_ids: set[str] = set()
        self.link_ids: set[str] = set()
        self.pended: dict[str, tuple[str, str]] = {}  # annotation id -> (sha, file name)

    # --- tags ---------------------------------------------------------------
    def tags(self, parsed: ParsedBundle) -> None:
        by_id = {t.id: t for t in parsed.tags}
        done: set[str] = set()

        def visit(tid: str) -> None:
            if tid in done:
                return
            tag = by_id[tid]
            if tag.parent_id:
                visit(tag.parent_id)
            done.add(tid)
            parent = self.tag_map.get(tag.parent_id) if tag.parent_id else None
            local = records.get_tag(self.db, tag.id)
            if local is not None:
                self.tag_map[tag.id] = tag.id
                theirs = (tag.name, parent, tag.color, tag.description)
                ours = (local.name, local.parent_id, local.color, local.description)
                if theirs == ours:
                    return
                clash = records.tag_by_name(self.db, tag.name, parent)
                if tag.modified > local.modified and (clash is None or clash.id == tag.id):
                    records.update_tag(self.db, tag.id, {
                        "name": tag.name, "parent_id": parent, "color": tag.color,
                        "description": tag.description, "modified": tag.modified,
                    })
                    self.report.tags_updated += 1
                    self.tag_ids.add(tag.id)
                    self.report.conflicts.append(f"tag '{tag.name}': the bundle's newer version was kept")
                else:
                    self.report.conflicts.append(f"tag '{local.name}': this library's version was kept")
                return
            same = records.tag_by_name(self.db, tag.name, parent)
            if same is not None:
                self.tag_map[tag.id] = same.id
                self.report.tags_matched += 1
                return
            records.insert_tag(self.db, Tag(
                id=tag.id, name=tag.name, parent_id=parent, color=tag.color,
                description=tag.description, created=tag.created, modified=tag.modified,
            ))
            self.tag_map[tag.id] = tag.id
            self.tag_ids.add(tag.id)
            self.report.tags_added += 1

        for t in parsed.tags:
            visit(t.id)

    def _tag_by_path(self, path: str, stamp: str) -> str:
        parent: str | None = None
        for name in (p.strip() for p in path.split("/")):
            found = records.tag_by_name(self.db, name, parent)
            if found is None:
                tid = new_id()
                records.insert_tag(self.db, Tag(
                    id=tid, name=name, parent_id=parent, color="#808080",
                    description="", created=stamp, modified=stamp,
                ))
                self.tag_ids.add(tid)
                self.report.tags_added += 1
                parent = tid
            else:
                parent = found.id
        assert parent is not None
        return parent

    def _local_tags(self, ann: AnnotationIn) -> list[str]:
        out = []
        for tid, path in ann.tags:
            if tid is not None and tid in self.tag_map:
                out.append(self.tag_map[tid])
            elif tid is not None and records.get_tag(self.db, tid) is not None:
                out.append(tid)
            else:
                out.append(self._tag_by_path(path, ann.modified))
        return sorted(set(out))

    # --- annotations ------------------------------------------------------------
    def _pend(self, ann: AnnotationIn) -> None:
        payload = json.dumps({"annotation": ann.raw}, ensure_ascii=False, sort_keys=True)
        row = records.get_pending(self.db, ann.id)
        self.pended[ann.id] = (ann.sha256, ann.file_name)
        self.report.pending.append({"id": ann.id, "document": ann.file_name, "sha256": ann.sha256})
        if row is not None:
            if row.payload == payload:
                return
            old = parse_annotation(json.loads(row.payload)["annotation"], "pending annotation")
            if old.modified >= ann.modified:
                self.report.conflicts.append(
                    f"waiting annotation {ann.id[:8]}: the version received earlier is newer and was kept"
                )
                return
            self.report.conflicts.append(f"waiting annotation {ann.id[:8]}: the bundle's newer version was kept")
        records.put_pending(
            self.db, PendingAnnotation(ann.id, ann.sha256, ann.file_name, payload, now_iso())
        )
        self.report.pending_written += 1

    def annotation(self, ann: AnnotationIn, doc: Document | None) -> None:
        local = records.get_annotation(self.db, ann.id)
        if doc is None:
            if local is not None:
                self.report.conflicts.append(
                    f"annotation {ann.id[:8]} is on another document in this library; this library's version was kept"
                )
                return
            self._pend(ann)
            return
        tags = self._local_tags(ann)
        theirs = Annotation(
            id=ann.id, document_id=doc.id, role=Role(ann.role), page_no=ann.page_no,
            rects=tuple(tuple(r) for r in ann.rects), created=ann.created, modified=ann.modified,
            label=ann.label, color=ann.color, note=ann.note, author=ann.author,
            is_area=bool(ann.is_area), quote=ann.quote, prefix=ann.prefix, suffix=ann.suffix,
            orphaned=bool(ann.orphaned), tag_ids=tuple(tags), remarks=tuple(ann.remarks),
        )
        content = ("role", "label", "color", "note", "author", "page_no", "rects", "is_area",
                   "quote", "prefix", "suffix", "orphaned", "remarks")
        fields: dict[str, Any] = {k: getattr(theirs, k) for k in content}
        name = f"annotation {ann.label or ann.id[:8]} ({ann.role}, page {ann.page_no})"
        if local is None:
            records.insert_annotation(self.db, theirs)
            self.report.added.append(ann.id)
            self.ann_ids.add(ann.id)
            return
        if local.document_id != doc.id:
            self.report.conflicts.append(f"{name} is on another document in this library; this library's version was kept")
            return
        # Only the content counts: the same content saved at another time is no conflict.
        same = all(getattr(local, k) == v for k, v in fields.items())
        if same and sorted(local.tag_ids) == tags:
            self.report.unchanged += 1
            return
        if ann.modified > local.modified:
            records.update_annotation(self.db, ann.id, {**fields, "modified": ann.modified})
            records.set_annotation_tags(self.db, ann.id, tags)
            self.report.updated.append(ann.id)
            self.ann_ids.add(ann.id)
            self.report.conflicts.append(f"{name}: the bundle's newer version was kept")
        else:
            self.report.conflicts.append(f"{name}: this library's version is as new or newer and was kept")

    # --- links ------------------------------------------------------------------
    def _pending_sha(self, ann_id: str) -> tuple[str, str] | None:
        if ann_id in self.pended:
            return self.pended[ann_id]
        row = records.get_pending(self.db, ann_id)
        if row is not None and "annotation" in json.loads(row.payload):
            return row.document_sha256, row.document_name
        return None

    def link(self, rec_id: str, link: LinkIn) -> None:
        if link.response_id is not None and records.get_annotation(self.db, link.response_id) is None:
            waiting = self._pending_sha(link.response_id)
            if waiting is None:
                self.report.skipped.append(
                    f"link {link.id[:8]}: its response is in neither the bundle nor this library"
                )
                return
            payload = json.dumps(
                {"link": {**link.__dict__, "recommendation_id": rec_id}}, ensure_ascii=False, sort_keys=True
            )
            row = records.get_pending(self.db, link.id)
            if row is None or row.payload != payload:
                records.put_pending(
                    self.db, PendingAnnotation(link.id, waiting[0], waiting[1], payload, now_iso())
                )
                self.report.pending_written += 1
            return
        local = records.get_link(self.db, link.id) or records.find_link(self.db, rec_id, link.response_id)
        fields: dict[str, Any] = {"stance": Stance(link.stance), "assessment": link.assessment,
                                  "author": link.author}
        if local is None:
            records.insert_link(self.db, Link(
                id=link.id, recommendation_id=rec_id, response_id=link.response_id,
                created=link.created, modified=link.modified, **fields,
            ))
            self.report.links_added += 1
            self.link_ids.add(link.id)
            self.ann_ids.add(rec_id)
            return
        if (local.recommendation_id, local.response_id) != (rec_id, link.response_id):
            self.report.conflicts.append(
                f"link {link.id[:8]} joins other passages in this library; this library's version was kept"
            )
            return
        if all(getattr(local, k) == v for k, v in fields.items()):
            return
        if link.modified > local.modified:
            records.update_link(self.db, local.id, {**fields, "modified": link.modified})
            self.report.links_updated += 1
            self.link_ids.add(local.id)
            self.report.conflicts.append(
                f"link {local.id[:8]} ({local.stance} / {link.stance}): the bundle's newer version was kept"
            )
        else:
            self.report.conflicts.append(
                f"link {local.id[:8]} ({local.stance} / {link.stance}): this library's version was kept"
            )

    def changes(self) -> Changes:
        return Changes.of(annotations=self.ann_ids, tags=self.tag_ids, links=self.link_ids)


def _check_pages(lib: Library, parsed: ParsedBundle) -> dict[str, Document | None]:
    """Documents by hash; refuses annotations on pages the document lacks."""
    docs: dict[str, Document | None] = {}
    for ann in parsed.annotations:
        if ann.sha256 not in docs:
            docs[ann.sha256] = records.document_by_sha(lib.db, ann.sha256)
        doc = docs[ann.sha256]
        if doc is None:
            continue
        pages = [ann.page_no] + [int(r[0]) for r in ann.rects]
        if max(pages) > doc.page_count:
            raise BundleError(
                f"the bundle is refused: annotation {ann.id[:8]} points to page {max(pages)} of "
                f"'{doc.file_name}', which has {doc.page_count} pages; nothing was imported"
            )
    return docs


def _merge(lib: Library, parsed: ParsedBundle, report: MergeReport) -> _Merger:
    merger = _Merger(lib, report)
    docs = _check_pages(lib, parsed)
    merger.tags(parsed)
    for ann in parsed.annotations:
        merger.annotation(ann, docs[ann.sha256])
    for ann in parsed.annotations:
        if ann.id in merger.pended or records.get_annotation(lib.db, ann.id) is None:
            continue  # its links travel with it and are merged when it is placed
        for link in ann.links:
            merger.link(ann.id, link)
    return merger


def import_bundle(lib: Library, path: Path | str) -> MergeReport:
    """Merge the bundle at ``path`` into the library, all or nothing."""
    return merge_parsed(lib, parse_bundle(path))


def merge_parsed(lib: Library, parsed: ParsedBundle,
                 extra_links: Sequence[tuple[str, LinkIn]] = ()) -> MergeReport:
    """Merge annotations already checked (from a bundle, a Hypothesis export or
    a PDF's own annotations) into the library, all or nothing. ``extra_links``
    (recommendation id, link) are merged when both ends are in the library."""
    report = MergeReport()
    try:
        with lib.write():
            merger = _merge(lib, parsed, report)
            for rec_id, link in extra_links:
                if records.get_annotation(lib.db, rec_id) is None or (
                    link.response_id and records.get_annotation(lib.db, link.response_id) is None
                ):
                    report.skipped.append(f"link {link.id[:8]}: the other passage is not in this library yet")
                    continue
                merger.link(rec_id, link)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a constraint the checks missed: nothing is kept
        raise UserError(f"the bundle could not be merged ({exc}); nothing was imported") from exc
    report.changes = merger.changes()
    lib.changed(report.changes)
    return report


def place_pending(lib: Library, doc_id: str) -> MergeReport:
    """Put annotations that waited for this document in place.

    The importer calls this after a document has been added (see
    ``docs/bundle-format.md``). Returns what was placed; a no-op when
    nothing waits for the document.
    """
    report = MergeReport()
    doc = records.get_document(lib.db, doc_id)
    if doc is None:
        return report
    rows = records.list_pending(lib.db, doc.sha256)
    if not rows:
        return report
    parsed = ParsedBundle()
    waiting_links: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        row_id = row.id
        data = json.loads(row.payload)
        if "annotation" in data:
            try:
                parsed.annotations.append(parse_annotation(data["annotation"], f"waiting annotation {row_id[:8]}"))
            except BundleError as exc:
                report.skipped.append(str(exc))
        elif "link" in data:
            waiting_links.append((row_id, data["link"]))
    try:
        merger = _place(lib, parsed, waiting_links, report)
    except UserError as exc:  # a damaged waiting annotation must not break an import
        report.skipped.append(str(exc))
        return report
    report.changes = merger.changes()
    lib.changed(report.changes)
    return report


def _place(lib: Library, parsed: ParsedBundle, waiting_links: list[tuple[str, dict[str, Any]]],
           report: MergeReport) -> _Merger:
    with lib.write():
        ids = [a.id for a in parsed.annotations]
        for ann_id in ids:
            records.delete_pending(lib.db, ann_id)
        merger = _merge(lib, parsed, report)
        report.placed = [i for i in ids if records.get_annotation(lib.db, i) is not None]
        for row_id, link in waiting_links:
            rec, resp = link["recommendation_id"], link["response_id"]
            if records.get_annotation(lib.db, rec) is None or (
                resp and records.get_annotation(lib.db, resp) is None
            ):
                continue
            records.delete_pending(lib.db, row_id)
            merger.link(rec, LinkIn(**{k: v for k, v in link.items() if k != "recommendation_id"}))
    return merger


def pending_summary(lib: Library) -> list[dict[str, Any]]:
    """Annotations waiting for documents, grouped by document."""
    out: dict[str, dict[str, Any]] = {}
    for row in sorted(records.list_pending(lib.db), key=lambda r: r.document_sha256):
        entry = out.setdefault(
            row.document_sha256,
            {"sha256": row.document_sha256, "document": row.document_name, "annotations": 0, "links": 0},
        )
        entry["annotations" if row.payload.startswith('{"annotation"') else "links"] += 1
    return list(out.values())
