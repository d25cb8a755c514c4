"""Fixtures for team review: several libraries (one per reviewer) and a team folder."""
from __future__ import annotations

import shutil

import pytest

from app.domain import new_id, now_iso
from storage import records
from storage.types import Annotation, Role


def add_annotation(lib, doc_id: str, role: str, quote: str, page_no: int = 1, label: str = "") -> str:
    ann_id = new_id()
    stamp = now_iso()
    with lib.write() as db:
        records.insert_annotation(db, Annotation(
            id=ann_id, document_id=doc_id, role=Role(role), label=label, color=None,
            note="", author=lib.reviewer, created=stamp, modified=stamp, page_no=page_no,
            rects=((page_no, 10, 10, 100, 20),), is_area=False, quote=quote, prefix="",
            suffix="", orphaned=False, author_id=lib.reviewer_id,
        ))
    return ann_id


@pytest.fixture
def team(_sample_library_template, tmp_path, monkeypatch):
    """make(name) opens a new reviewer's library (the six samples); all share tmp/team."""
    from app.library import Library
    from app.team.identity import set_identity

    monkeypatch.delenv("KANTTEKENING_AUTHOR", raising=False)
    libs = []

    def make(name: str, short_id: str, *, samples: bool = True):
        root = tmp_path / name
        if samples:
            shutil.copytree(_sample_library_template, root)
        lib = Library.open(root)
        set_identity(lib, name, short_id)
        libs.append(lib)
        return lib

    make.folder = tmp_path / "team"
    make.folder.mkdir()
    yield make
    for lib in libs:
        lib.close()
