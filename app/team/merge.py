"""Reading teammates' files into the library, all in one transaction.

Each file speaks only for its owner (the reviewer folder it is in):

- annotations and tags go through the bundle merge (``bundle_merge``), which
  matches by id, keeps the newer version and reports real conflicts; a
  recommendation another reviewer made that only *carries* the owner's links
  is added when missing and otherwise left alone;
- links are the owner's judgements: matched by id, else by the pair *and*
  the owner, so two reviewers' judgements of the same pair stay two;
- agreed judgements: the newest wins.

``team_files`` remembers each file's hash in the same transaction, so a file
merged once is not read again, and a sync killed half-way merges it again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import sqlite_utils

from app.changes import Changes
from app.domain import STANCES, UserError, now_iso
from app.export.bundle_merge import MergeReport, _check_pages, _Merger
from app.export.bundle_parse import BundleError, LinkIn, ParsedBundle, load_json, parse_bundle_data
from app.library import Library
from app.team import folder as tf
from app.team.identity import creator_id
from app.team.publish import AGREED_KEYS
from storage import records
from storage import team as team_db
from storage.types import Link


@dataclass
class Arrival:
    """What one teammate's files brought."""
    reviewer_id: str
    name: str
    judgements: int = 0  # links added or changed
    withdrawn: int = 0  # links the teammate removed
    annotations: int = 0
    agreed: int = 0
    files: int = 0


@dataclass
class MergeOutcome:
    arrivals: dict[str, Arrival] = field(default_factory=dict)
    conflict_copies: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # files that could not be read
    conflicts: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # file names of documents still missing
    changes: Changes = field(default_factory=Changes)

    def arrival(self, rid: str, name: str) -> Arrival:
        if rid not in self.arrivals:
            self.arrivals[rid] = Arrival(rid, name)
        return self.arrivals[rid]


@dataclass
class _Loaded:
    file: tf.TeamFile
    sha256: str
    parsed: ParsedBundle
    ann_authors: dict[str, str]  # annotation id -> author id
    link_authors: dict[str, str]  # link id -> author id
    agreed: dict[str, dict]  # recommendation id -> agreed judgement


def _uuid_hex(urn: object) -> str | None:
    if isinstance(urn, str) and urn.startswith("urn:uuid:") and len(urn) == 45:
        return urn[9:].replace("-", "")
    return None


def _side_data(doc: dict, owner: str) -> tuple[dict[str, str], dict[str, str], dict[str, dict]]:
    anns: dict[str, str] = {}
    links: dict[str, str] = {}
    agreed: dict[str, dict] = {}
    for item in doc.get("first", {}).get("items", []):
        aid = _uuid_hex(item.get("id"))
        if aid is None:
            continue
        anns[aid] = creator_id(item.get("creator"))
        for body in item.get("body", []) if isinstance(item.get("body"), list) else []:
            if not isinstance(body, dict):
                continue
            lid = _uuid_hex(body.get("linkId"))
            if lid is not None:
                links[lid] = creator_id(body.get("creator")) or owner
            elif AGREED_KEYS["stance"] in body:
                agreed[aid] = body
    return anns, links, agreed


def _load(file: tf.TeamFile, data: bytes) -> _Loaded:
    digest = hashlib.sha256(data).hexdigest()
    doc = load_json(file.path)  # the hardened reader: depth, duplicates, constants
    parsed = parse_bundle_data(doc)  # refuses anything but an AnnotationCollection object
    anns, links, agreed = _side_data(doc, file.owner)
    return _Loaded(file, digest, parsed, anns, links, agreed)


def _text(v: object, limit: int = 20000) -> str:
    return v[:limit] if isinstance(v, str) else ""


class _TeamMerger(_Merger):
    def owner_link(self, rec_id: str, link: LinkIn, owner: str, arrival: Arrival) -> bool:
        """Merge one of the owner's links; False when it must wait (its
        response passage has not arrived yet: the file is read again)."""
        if link.response_id is not None and records.get_annotation(self.db, link.response_id) is None:
            self.report.skipped.append(f"link {link.id[:8]}: its response passage has not arrived yet")
            return False
        local = records.get_link(self.db, link.id) or team_db.find_link_of_author(
            self.db, rec_id, link.response_id, owner
        )
        fields = {"stance": link.stance, "assessment": link.assessment, "author": link.author}
        if local is None:
            team_db.insert_link(self.db, {
                "id": link.id, "recommendation_id": rec_id, "response_id": link.response_id,
                "created": link.created, "modified": link.modified, "author_id": owner, **fields,
            })
        elif (local.recommendation_id, local.response_id) != (rec_id, link.response_id):
            self.report.conflicts.append(f"link {link.id[:8]} joins other passages here; this library's version was kept")
            return True
        elif all(getattr(local, k) == v for k, v in fields.items()) and local.author_id == owner:
            return True
        elif link.modified > local.modified:
            records.update_link(self.db, local.id, {**fields, "modified": link.modified, "author_id": owner})
        else:
            return True
        arrival.judgements += 1
        self.link_ids.add(link.id if local is None else local.id)
        self.ann_ids.add(rec_id)
        return True

    def agreed(self, rec_id: str, body: dict, arrival: Arrival) -> None:
        stance = body.get(AGREED_KEYS["stance"])
        modified = _text(body.get("modified"), 40)
        if stance not in STANCES or not modified or records.get_annotation(self.db, rec_id) is None:
            return
        recorder = creator_id(body.get("creator")) or arrival.reviewer_id
        cur = team_db.get_agreed(self.db, rec_id)
        if cur is not None and cur["modified"] >= modified:
            return
        raw = body.get("creator")
        who: dict = raw if isinstance(raw, dict) else {}
        team_db.put_agreed(self.db, {
            "recommendation_id": rec_id, "stance": stance, "assessment": _text(body.get("value")),
            "agreed_by": _text(body.get(AGREED_KEYS["agreed_by"]), 500),
            "agreed_at": _text(body.get(AGREED_KEYS["agreed_at"]), 40) or modified,
            "recorded_by": _text(who.get("name"), 200), "recorded_by_id": recorder, "modified": modified,
        })
        arrival.agreed += 1
        self.ann_ids.add(rec_id)


def read_changed(lib: Library, folder: Path, me: str) -> tuple[list[_Loaded], list[str]]:
    """Teammates' files (and any conflict copy) not merged in this version yet."""
    seen = team_db.merged_files(lib.db)
    loaded, refused = [], []
    for file in tf.team_files(folder):
        if file.owner == me and not file.conflict:
            continue  # our own file: the library is its source
        try:
            data = file.path.read_bytes()
        except OSError:
            continue  # vanished between listing and reading (a sync tool at work)
        if seen.get(file.rel) == hashlib.sha256(data).hexdigest():
            continue
        try:
            loaded.append(_load(file, data))
        except (BundleError, UserError, ValueError) as exc:
            refused.append(f"{file.rel}: {exc}")
    return loaded, refused


def _withdrawn(db: sqlite_utils.Database, item: _Loaded, merger: "_TeamMerger", arrival: Arrival) -> None:
    """Links the owner removed: theirs on this document, no longer in their file."""
    sha = item.file.document_sha
    doc_id = team_db.document_by_sha(db, sha) if sha else None
    if doc_id is None:
        return
    present = set(item.link_authors)
    gone = [lk for lk in team_db.links_by_author_for_document(db, doc_id, item.file.owner) if lk.id not in present]
    _drop(db, gone, merger, arrival)


def _withdrawn_all(
    db: sqlite_utils.Database, owner: str, sha: str, merger: "_TeamMerger", arrival: Arrival
) -> None:
    """The owner's file for a document is gone: so are their links on it."""
    doc_id = team_db.document_by_sha(db, sha)
    if doc_id is not None:
        _drop(db, team_db.links_by_author_for_document(db, doc_id, owner), merger, arrival)


def _drop(db: sqlite_utils.Database, links: list[Link], merger: "_TeamMerger", arrival: Arrival) -> None:
    if not links:
        return
    team_db.delete_links(db, [lk.id for lk in links])
    arrival.withdrawn += len(links)
    for lk in links:
        merger.link_ids.add(lk.id)
        merger.ann_ids.add(lk.recommendation_id)
        if lk.response_id:
            merger.ann_ids.add(lk.response_id)


def vanished(lib: Library, folder: Path, me: str) -> list[tuple[str, str, str]]:
    """Teammates' files merged before that are no longer in the folder:
    (path, owner, document SHA-256)."""
    present = {f.rel for f in tf.team_files(folder)}
    out = []
    for rel in team_db.merged_files(lib.db):
        parts = rel.split("/")
        if rel in present or len(parts) != 4 or parts[1] == me or not tf._CANONICAL.match(parts[3]):
            continue
        out.append((rel, parts[1], parts[3][:64]))
    return out


def merge_files(
    lib: Library, folder: Path, loaded: list[_Loaded], gone: Sequence[tuple[str, str, str]] = ()
) -> MergeOutcome:
    """Merge the loaded files in one transaction through the write gateway;
    ``gone``: files merged before that their owner removed."""
    outcome = MergeOutcome()
    if not loaded and not gone:
        return outcome
    report = MergeReport()
    stamp = now_iso()
    try:
        with lib.write() as db:
            merger = _TeamMerger(lib, report)
            merger.db = db
            refused: set[str] = set()
            incomplete: set[str] = set()  # read again at the next sync
            for item in loaded:
                owner = item.file.owner
                arrival = outcome.arrival(owner, tf.read_reviewer_name(folder, owner) or owner)
                arrival.files += 1
                if item.file.conflict:
                    outcome.conflict_copies.append(f"{item.file.rel} ({item.file.conflict})")
                try:
                    docs = _check_pages(lib, item.parsed)
                except BundleError as exc:
                    outcome.refused.append(f"{item.file.rel}: {exc}")
                    refused.add(item.file.rel)
                    continue
                merger.tags(item.parsed)
                for ann in item.parsed.annotations:
                    author = item.ann_authors.get(ann.id, "")
                    exists = records.get_annotation(db, ann.id) is not None
                    if docs[ann.sha256] is None:
                        outcome.waiting.append(ann.file_name or ann.sha256[:12])
                        incomplete.add(item.file.rel)
                        continue
                    if exists and author != owner:
                        continue  # a carrier of the owner's links; its author speaks for it
                    before = len(report.added) + len(report.updated)
                    merger.annotation(ann, docs[ann.sha256])
                    if len(report.added) + len(report.updated) > before:
                        # Without an id in the file, the file's owner speaks for it.
                        team_db.set_annotation_author_id(db, ann.id, author or owner)
                        arrival.annotations += 1
            for item in loaded:  # links after every file's annotations: responses arrive first
                if item.file.rel in refused:
                    continue
                owner = item.file.owner
                arrival = outcome.arrivals[owner]
                for ann in item.parsed.annotations:
                    if records.get_annotation(db, ann.id) is None:
                        continue
                    for link in ann.links:
                        if item.link_authors.get(link.id, owner) != owner:
                            continue  # somebody else's judgement: their own file has it
                        if not merger.owner_link(ann.id, link, owner, arrival):
                            incomplete.add(item.file.rel)
                for rec_id, body in item.agreed.items():
                    merger.agreed(rec_id, body, arrival)
                if not item.file.conflict:
                    _withdrawn(db, item, merger, arrival)
                if item.file.rel not in incomplete:
                    team_db.mark_merged(db, item.file.rel, item.sha256, stamp)
            for rel, owner, sha in gone:
                name = tf.read_reviewer_name(folder, owner) or owner
                _withdrawn_all(db, owner, sha, merger, outcome.arrival(owner, name))
                team_db.forget_file(db, rel)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a constraint: nothing of this merge is kept
        raise UserError(f"the teammates' work could not be merged ({exc}); nothing was changed") from exc
    outcome.conflicts = [c for c in report.conflicts]
    outcome.waiting = sorted(set(outcome.waiting))
    outcome.changes = merger.changes()
    lib.changed(outcome.changes)
    return outcome
