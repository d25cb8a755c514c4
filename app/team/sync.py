"""Joining a team folder, one sync, and the team's status.

A sync: (git: clear what a killed sync left) -> write this reviewer's own
files -> (git: commit them, pull, push) -> bring in PDFs teammates'
annotations need -> merge what teammates wrote (one transaction). Offline,
the folder simply holds what it holds; the next sync catches up.
"""
from __future__ import annotations

import hashlib
import socket
from dataclasses import dataclass, field
from pathlib import Path

from app.changes import Changes
from app.domain import UserError, now_iso
from app.importer import import_files, sha256_of
from app.library import Library
from app.team import folder as tf
from app.team import gitsync
from app.team.identity import ensure_id
from app.team.merge import MergeOutcome, merge_files, read_changed, vanished
from app.team.publish import PublishReport, publish
from storage import records
from storage import team as team_db


@dataclass
class SyncReport:
    folder: Path
    reviewer_id: str
    git: bool = False
    pulled: bool = False
    pushed: bool = False
    committed: bool = False
    recovered: list[str] = field(default_factory=list)
    published: PublishReport = field(default_factory=PublishReport)
    merged: MergeOutcome = field(default_factory=MergeOutcome)
    documents_fetched: list[str] = field(default_factory=list)
    documents_missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        return self.merged.changes

    def arrivals_text(self) -> list[str]:
        out = []
        for a in sorted(self.merged.arrivals.values(), key=lambda a: a.name.lower()):
            if a.judgements or a.annotations or a.agreed or a.withdrawn:
                out.append(
                    f"{a.judgements} new judgement(s) from {a.name}"
                    + (f", {a.annotations} annotation(s)" if a.annotations else "")
                    + (f", {a.agreed} agreed judgement(s)" if a.agreed else "")
                    + (f", {a.withdrawn} withdrawn" if a.withdrawn else "")
                )
        return out

    def lines(self) -> list[str]:
        out = [f"team folder {self.folder} ({'git' if self.git else 'shared folder'}), you are {self.reviewer_id}"]
        out += self.recovered
        if self.published.written or self.published.removed:
            out.append(f"wrote {len(self.published.written)} of your file(s), removed {len(self.published.removed)}")
        if self.published.pdfs_shared:
            out.append(f"shared {len(self.published.pdfs_shared)} PDF(s): {', '.join(self.published.pdfs_shared)}")
        if self.git:
            out.append(
                ("pulled" if self.pulled else "not pulled (offline or no remote)")
                + ", " + ("pushed" if self.pushed else "not pushed")
            )
        if self.documents_fetched:
            out.append(f"imported {len(self.documents_fetched)} document(s) from the team folder: "
                       + ", ".join(self.documents_fetched))
        if self.documents_missing:
            out.append("annotations wait for documents nobody shared yet: " + ", ".join(self.documents_missing))
        out += self.arrivals_text() or ["nothing new from teammates"]
        out += [f"conflict copy merged: {c}" for c in self.merged.conflict_copies]
        out += [f"could not read {r}" for r in self.merged.refused]
        out += [f"conflict: {c}" for c in self.merged.conflicts]
        out += self.notes
        return out

    def to_json(self) -> dict:
        return {
            "folder": str(self.folder),
            "reviewer_id": self.reviewer_id,
            "git": self.git,
            "pulled": self.pulled,
            "pushed": self.pushed,
            "written": self.published.written,
            "removed": self.published.removed,
            "pdfs_shared": self.published.pdfs_shared,
            "documents_fetched": self.documents_fetched,
            "documents_missing": self.documents_missing,
            "arrivals": [
                {"reviewer_id": a.reviewer_id, "name": a.name, "judgements": a.judgements,
                 "withdrawn": a.withdrawn,
                 "annotations": a.annotations, "agreed": a.agreed, "files": a.files}
                for a in self.merged.arrivals.values()
            ],
            "conflict_copies": self.merged.conflict_copies,
            "refused": self.merged.refused,
            "conflicts": self.merged.conflicts,
        }


def _fetch_documents(lib: Library, folder: Path, wanted: dict[str, str], report: SyncReport) -> None:
    """Import the PDFs (by SHA-256, else by file name) that teammates annotated."""
    missing = {sha: name for sha, name in wanted.items() if records.document_by_sha(lib.db, sha) is None}
    if not missing:
        return
    shared = tf.shared_pdfs(folder)
    paths = []
    for sha, name in sorted(missing.items()):
        candidates = ([shared[sha]] if sha in shared else []) + tf.find_by_name(folder, name)
        found = next((p for p in candidates if sha256_of(p) == sha), None)
        if found is None:
            report.documents_missing.append(name or sha[:12])
        else:
            paths.append(found)
    if paths:
        result = import_files(lib, paths)
        report.documents_fetched += [o.title or o.path.name for o in result.imported]
        for o in result.failed:
            report.documents_missing.append(f"{o.path.name} ({o.message})")


def sync(lib: Library) -> SyncReport:
    folder = tf.require_folder(lib)
    me = ensure_id(lib)
    report = SyncReport(folder, me, git=tf.is_git(folder))
    with lib.write() as db:  # rows made since the last sync get this reviewer's id
        team_db.claim_unattributed(db, me)
    if report.git:
        report.recovered = gitsync.recover(folder)
    report.published = publish(lib, folder, me)
    if report.git:
        host = socket.gethostname() or "localhost"
        report.committed = gitsync.commit_own(
            folder, tf.reviewer_dir(folder, me), f"Kanttekening: work of {lib.reviewer} ({me})",
            lib.reviewer, f"{me}@{host}.kanttekening",
        )
        report.pulled = gitsync.pull(folder)
        report.pushed = gitsync.push(folder) if report.pulled or report.committed else False
    loaded, refused = read_changed(lib, folder, me)
    wanted: dict[str, str] = {}
    for item in loaded:
        wanted.update(item.parsed.documents)
        for ann in item.parsed.annotations:
            wanted.setdefault(ann.sha256, ann.file_name)
    _fetch_documents(lib, folder, wanted, report)
    report.merged = merge_files(lib, folder, loaded, vanished(lib, folder, me))
    report.merged.refused = refused + report.merged.refused
    with lib.write() as db:
        records.set_meta(db, "team_last_sync", now_iso())
    return report


@dataclass
class JoinReport:
    folder: Path
    reviewer_id: str
    teammates: list[tuple[str, str]]
    sync: SyncReport


def join(lib: Library, directory: Path | str) -> JoinReport:
    folder = Path(directory).expanduser().absolute()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is not a folder")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise UserError(f"{folder.parent} does not exist; give the team's shared folder")
        folder.mkdir()
    if (folder / tf.REVIEWERS).exists() and not (folder / tf.REVIEWERS).is_dir():
        raise UserError(f"{folder / tf.REVIEWERS} is not a folder; this is not a team folder")
    if (folder / "library.sqlite").exists() or folder.resolve() == lib.root.resolve():
        raise UserError("that is a library folder; give the team's shared folder instead")
    me = ensure_id(lib)
    with lib.write() as db:
        old = records.get_meta(db, "team_folder")
        if old != str(folder):
            team_db.forget_merged(db)  # another folder: read everything in it
        records.set_meta(db, "team_folder", str(folder))
    return JoinReport(folder, me, teammates(folder, me), sync(lib))


def leave(lib: Library) -> None:
    with lib.write() as db:
        team_db.delete_meta(db, ("team_folder", "team_last_sync"))
        team_db.forget_merged(db)


def teammates(folder: Path, me: str) -> list[tuple[str, str]]:
    base = folder / tf.REVIEWERS
    if not base.is_dir():
        return []
    return [(p.name, tf.read_reviewer_name(folder, p.name) or p.name)
            for p in sorted(base.iterdir()) if p.is_dir() and p.name != me]


def status(lib: Library) -> dict:
    folder = tf.team_folder(lib)
    me = lib.reviewer_id
    out: dict = {
        "folder": str(folder) if folder else None,
        "reviewer": {"id": me, "name": lib.reviewer},
        "last_sync": records.get_meta(lib.db, "team_last_sync"),
    }
    if folder is None:
        return out
    out["reachable"] = folder.is_dir()
    out["git"] = folder.is_dir() and tf.is_git(folder)
    if not out["reachable"]:
        return out
    seen = team_db.merged_files(lib.db)
    unmerged, copies = [], []
    per_owner: dict[str, int] = {}
    for f in tf.team_files(folder):
        per_owner[f.owner] = per_owner.get(f.owner, 0) + 1
        if f.conflict:
            copies.append(f.rel)
        if f.owner == me and not f.conflict:
            continue
        try:
            digest = hashlib.sha256(f.path.read_bytes()).hexdigest()
        except OSError:
            continue
        if seen.get(f.rel) != digest:
            unmerged.append(f.rel)
    out["teammates"] = [{"id": rid, "name": name, "files": per_owner.get(rid, 0)}
                        for rid, name in teammates(folder, me)]
    out["your_files"] = per_owner.get(me, 0)
    out["not_merged_yet"] = unmerged
    out["conflict_copies"] = copies
    if out["git"]:
        st = gitsync.run(folder, "status", "--porcelain", "--", tf.reviewer_dir(folder, me).relative_to(folder).as_posix(),
                         check=False)
        out["uncommitted"] = len([l for l in st.stdout.splitlines() if l.strip()])
    return out
