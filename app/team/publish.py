"""Writing this reviewer's own files in the team folder.

One W3C Web Annotation bundle per document (``annotations/<sha>.jsonld``),
made with the bundle export's own ``annotation_item``: the annotations this
reviewer made on that document, and the recommendations on it that this
reviewer judged (carrying only this reviewer's links and agreed judgements).
Creators name the reviewer by id (``urn:kanttekening:reviewer:<id>``). A file
is rewritten, atomically, only when its content changed, so one edit
rewrites one small file.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.export.atomic import atomic_path, write_text_if_changed
from app.export.bundle import CONTEXT, FORMAT_VERSION, GENERATOR, annotation_item, tag_paths, urn_uuid
from app.library import Library
from app.team import folder as tf
from app.team.identity import creator
from storage import records
from storage import team as team_db
from storage.types import Document, Link, Tag

AGREED_KEYS = {
    "stance": "kt:agreedStance",
    "agreed_by": "kt:agreedBy",
    "agreed_at": "kt:agreedAt",
}


@dataclass
class PublishReport:
    written: list[str] = field(default_factory=list)  # document file names
    removed: list[str] = field(default_factory=list)
    pdfs_shared: list[str] = field(default_factory=list)


def agreed_body(row: dict, recorder: str) -> dict:
    body: dict[str, Any] = {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": row["assessment"],
        "format": "text/plain",
        AGREED_KEYS["stance"]: row["stance"],
        AGREED_KEYS["agreed_by"]: row["agreed_by"],
        AGREED_KEYS["agreed_at"]: row["agreed_at"],
        "modified": row["modified"],
    }
    who = creator(row["recorded_by"], recorder)
    if who:
        body["creator"] = who
    return body


def document_bundle(lib: Library, doc: Document, me: str, tags: list[Tag], paths: dict[str, str]) -> dict | None:
    """This reviewer's bundle for one document, or None when there is nothing."""
    db = lib.db
    anns = records.list_annotations(db, document_id=doc.id)
    my_links: dict[str, list[Link]] = {}
    for link in team_db.links_by_author_for_document(db, doc.id, me):
        my_links.setdefault(link.recommendation_id, []).append(link)
    my_agreed = {g["recommendation_id"]: g for g in team_db.agreed_for_document(db, doc.id, me)}
    items = []
    used_tags: set[str] = set()
    for ann in anns:
        mine = ann.author_id == me
        if not (mine or ann.id in my_links or ann.id in my_agreed):
            continue
        links = my_links.get(ann.id, [])
        item = annotation_item(ann, doc, paths, links)
        who = creator(ann.author, ann.author_id)
        if who:
            item["creator"] = who
        else:
            item.pop("creator", None)
        by_link = {urn_uuid(lk.id): lk for lk in links}
        for body in item["body"]:
            found = by_link.get(body.get("linkId", ""))
            if found is not None:
                body["creator"] = creator(found.author, me)
        if ann.id in my_agreed:
            item["body"].append(agreed_body(my_agreed[ann.id], me))
        used_tags.update(ann.tag_ids)
        items.append(item)
    if not items:
        return None
    by_id = {t.id: t for t in tags}
    wanted: set[str] = set()
    for tid in used_tags:
        cur = by_id.get(tid)
        while cur is not None and cur.id not in wanted:
            wanted.add(cur.id)
            cur = by_id.get(cur.parent_id) if cur.parent_id else None
    tag_list = []
    for t in sorted((by_id[t] for t in wanted), key=lambda t: t.id):
        entry: dict[str, Any] = {"id": urn_uuid(t.id), "label": t.name}
        if t.parent_id:
            entry["parent"] = urn_uuid(t.parent_id)
        entry.update(color=t.color, description=t.description, created=t.created, modified=t.modified)
        tag_list.append(entry)
    items.sort(key=lambda it: it["id"])
    documents = [{
        "id": f"urn:sha256:{doc.sha256}", "fileName": doc.file_name, "title": doc.title,
        "kind": str(doc.kind), "pageCount": doc.page_count,
    }]
    content = json.dumps([documents, tag_list, items], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return {
        "@context": CONTEXT,
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sha256:{digest}").urn,
        "type": "AnnotationCollection",
        "label": f"Kanttekening team file of {me}",
        "formatVersion": FORMAT_VERSION,
        "generator": GENERATOR,
        "total": len(items),
        "documents": documents,
        "tags": tag_list,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


LEFTOVER_AGE = 3600.0  # seconds; a write still under way is much younger


def _clear_leftovers(folder: Path) -> None:
    """Temporary files of writes that were killed half-way (own folder only)."""
    now = time.time()
    for path in folder.iterdir():
        if path.name.startswith(".") and path.name.endswith(".part"):
            try:
                if now - path.stat().st_mtime > LEFTOVER_AGE:
                    path.unlink()
            except OSError:
                pass


def _dumps(bundle: dict) -> str:
    # Compact (the C encoder): read by programs; one file per document keeps it small.
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def publish(lib: Library, folder: Path, me: str, *, share_pdfs: bool = True) -> PublishReport:
    """Bring this reviewer's files in the folder up to date with the library."""
    report = PublishReport()
    mine = tf.reviewer_dir(folder, me)
    tf.write_reviewer_card(folder, me, lib.reviewer)
    adir = mine / tf.ANNOTATIONS
    adir.mkdir(parents=True, exist_ok=True)
    tags = records.list_tags(lib.db)
    paths = tag_paths(tags)
    docs = records.list_documents_brief(lib.db)
    prints = team_db.document_fingerprints(lib.db, me)
    try:
        before = json.loads(records.get_meta(lib.db, "team_published") or "{}")
    except ValueError:
        before = {}
    keep: set[str] = set()
    for doc in docs:
        name = f"{doc.sha256}{tf.SUFFIX}"
        fp = prints.get(doc.sha256, "")
        if before.get(doc.sha256) == [fp, name] and (adir / name).is_file():
            keep.add(name)  # nothing in it changed since it was written
            continue
        if before.get(doc.sha256) == [fp, ""] and not (adir / name).exists():
            continue  # nothing of this reviewer on it, as before
        bundle = document_bundle(lib, doc, me, tags, paths)
        if bundle is None:
            before[doc.sha256] = [fp, ""]
            continue
        keep.add(name)
        if write_text_if_changed(adir / name, _dumps(bundle)):
            report.written.append(name)
        before[doc.sha256] = [fp, name]
    _clear_leftovers(adir)
    for path in adir.iterdir():
        # Only this reviewer's own canonical files; conflict copies stay until merged.
        if path.name not in keep and tf._CANONICAL.match(path.name):
            path.unlink(missing_ok=True)
            report.removed.append(path.name)
    known = {d.sha256 for d in docs}
    state = json.dumps({k: v for k, v in sorted(before.items()) if k in known})
    if state != records.get_meta(lib.db, "team_published"):
        with lib.write() as db:
            records.set_meta(db, "team_published", state)
    if share_pdfs:
        shared = tf.shared_pdfs(folder)
        fdir = mine / tf.FILES
        for doc in docs:
            if doc.sha256 in shared:
                continue
            src = lib.document_file(doc)
            if not src.is_file():
                continue
            fdir.mkdir(parents=True, exist_ok=True)
            with atomic_path(fdir / f"{doc.sha256}.pdf") as tmp:
                shutil.copyfile(src, tmp)
            report.pdfs_shared.append(doc.file_name)
    return report
