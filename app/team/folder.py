"""The team folder's layout. Every reviewer writes only below their own
folder, so no two apps ever write the same file:

    <team folder>/
      reviewers/<id>/reviewer.json            name and id of the reviewer
      reviewers/<id>/annotations/<sha>.jsonld  one W3C bundle per document
      reviewers/<id>/files/<sha>.pdf          PDFs nobody shared before

A sync tool that still makes a conflict copy (Syncthing's
``.sync-conflict-``, Nextcloud's ``(conflicted copy``, OneDrive's
``-<computer name>``) leaves it beside the file; it is read and merged like
the original and reported.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from app.domain import UserError
from app.export.atomic import write_text_if_changed
from app.library import Library
from storage import records

REVIEWERS = "reviewers"
ANNOTATIONS = "annotations"
FILES = "files"
SUFFIX = ".jsonld"
_CANONICAL = re.compile(r"^[0-9a-f]{64}\.jsonld$")
_SHA_START = re.compile(r"^([0-9a-f]{64})")
_PDF = re.compile(r"^([0-9a-f]{64})\.pdf$")


def team_folder(lib: Library) -> Path | None:
    value = records.get_meta(lib.db, "team_folder")
    return Path(value) if value else None


def require_folder(lib: Library) -> Path:
    folder = team_folder(lib)
    if folder is None:
        raise UserError("this library is not in a team; use 'kanttekening team join DIR' first")
    if not folder.is_dir():
        raise UserError(
            f"the team folder {folder} is not there (a network drive not connected?); "
            "your work is kept and is shared at the next sync"
        )
    return folder


def is_git(folder: Path) -> bool:
    return (folder / ".git").exists()


def reviewer_dir(folder: Path, author_id: str) -> Path:
    return folder / REVIEWERS / author_id


def write_reviewer_card(folder: Path, author_id: str, name: str) -> bool:
    """reviewer.json; rewritten only when the name changed. True if written."""
    path = reviewer_dir(folder, author_id) / "reviewer.json"
    data = {"id": author_id, "name": name, "formatVersion": 1}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return write_text_if_changed(path, text)


def read_reviewer_name(folder: Path, author_id: str) -> str:
    try:
        data = json.loads((reviewer_dir(folder, author_id) / "reviewer.json").read_text(encoding="utf-8"))
        name = data.get("name", "") if isinstance(data, dict) else ""
        return name if isinstance(name, str) else ""
    except (OSError, ValueError):
        return ""


@dataclass(frozen=True)
class TeamFile:
    owner: str  # reviewer id (the folder it is in)
    path: Path
    rel: str  # path relative to the team folder, with '/'
    conflict: str  # '' for the file itself, else which tool made the copy

    @property
    def document_sha(self) -> str | None:
        m = _SHA_START.match(self.path.name)
        return m.group(1) if m else None


def conflict_kind(name: str) -> str:
    if ".sync-conflict-" in name:
        return "Syncthing"
    if "conflicted copy" in name.lower():
        return "Nextcloud/Dropbox"
    if re.match(r"^[0-9a-f]{64}-[^.]+\.jsonld$", name):
        return "OneDrive"
    return "copy"


def team_files(folder: Path) -> list[TeamFile]:
    """Every annotation file in the folder (everyone's, with conflict copies)."""
    out: list[TeamFile] = []
    base = folder / REVIEWERS
    if not base.is_dir():
        return out
    for rdir in sorted(p for p in base.iterdir() if p.is_dir()):
        adir = rdir / ANNOTATIONS
        if not adir.is_dir():
            continue
        for path in sorted(adir.iterdir()):
            name = path.name
            if name.startswith(".") or not path.is_file() or SUFFIX not in name:
                continue  # our own temporary files start with '.'
            conflict = "" if _CANONICAL.match(name) else conflict_kind(name)
            out.append(TeamFile(rdir.name, path, path.relative_to(folder).as_posix(), conflict))
    return out


def shared_pdfs(folder: Path) -> dict[str, Path]:
    """SHA-256 -> a PDF somebody shared in the folder."""
    out: dict[str, Path] = {}
    base = folder / REVIEWERS
    if not base.is_dir():
        return out
    for rdir in sorted(p for p in base.iterdir() if p.is_dir()):
        fdir = rdir / FILES
        if fdir.is_dir():
            for path in sorted(fdir.iterdir()):
                m = _PDF.match(path.name)
                if m and path.is_file():
                    out.setdefault(m.group(1), path)
    return out


def find_by_name(folder: Path, file_name: str) -> list[Path]:
    """PDFs anywhere in the team folder with this file name (a team that keeps
    its documents in a shared folder of their own)."""
    if not file_name:
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if file_name in files:
            found.append(Path(root) / file_name)
    return found
