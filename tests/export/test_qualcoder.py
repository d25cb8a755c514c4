"""The .qdpx opened by QualCoder's own importer (a real peer, in its own environment).

``make test`` first builds ``.venv-qualcoder`` (PyQt6, PyMuPDF, Pillow, lxml,
openpyxl; see the Makefile); this test runs ``tests/export/qualcoder_import.py``
there on QualCoder's source in ``../shared/clients/qualcoder`` and compares
what QualCoder stored with the library.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from app.anchoring import Anchor, find_quote
from app.domain import STANCE_LABELS, new_id
from app.export.qdpx import export_qdpx
from storage import records
from storage.types import Annotation, Role
from tests.conftest import ROOT, SHARED
from tests.export.conftest import AUTHOR

QUALCODER_SOURCE = SHARED / "clients" / "qualcoder"
QUALCODER_PYTHON = Path(os.environ.get("KANTTEKENING_QUALCODER_PYTHON",
                                       ROOT / ".venv-qualcoder" / "bin" / "python"))
# On report page 10 this runs on into page 11, past the footer "10".
ACROSS = "een belangrijke beperkende factor. De strategische aansturing"


def _insert(lib, doc, anchor, role, *, note="", is_area=False, label="") -> str:
    ann_id = new_id()
    with lib.write():
        records.insert_annotation(lib.db, Annotation(
            id=ann_id, document_id=doc.id, role=Role(role), label=label, note=note, author=AUTHOR,
            created="2026-11-21T09:00:00.000Z", modified="2026-11-21T09:05:00.000Z", page_no=anchor.page_no,
            rects=tuple(tuple(r) for r in anchor.rects), is_area=is_area, quote=anchor.quote,
            prefix=anchor.prefix, suffix=anchor.suffix,
        ))
    return ann_id


def run_qualcoder(qdpx: Path, workdir: Path) -> dict:
    if not (QUALCODER_SOURCE / "qualcoder" / "refi.py").is_file():
        pytest.skip(f"QualCoder's source is not at {QUALCODER_SOURCE}")
    if not QUALCODER_PYTHON.exists():
        pytest.skip(f"QualCoder's environment is missing: run `make .venv-qualcoder/.installed` "
                    f"(looked for {QUALCODER_PYTHON})")
    env = {**os.environ, "QUALCODER_SOURCE": str(QUALCODER_SOURCE), "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(workdir)}
    done = subprocess.run(
        [str(QUALCODER_PYTHON), str(Path(__file__).with_name("qualcoder_import.py")), str(qdpx), str(workdir)],
        capture_output=True, text=True, timeout=300, env=env, cwd=workdir,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((workdir / "result.json").read_text(encoding="utf-8"))


@pytest.fixture
def imported(linked, tmp_path):
    lib = linked.lib
    across = find_quote(lib.document_file(linked.report), 10, ACROSS)
    assert {r[0] for r in across.rects} == {10, 11}
    linked.across = _insert(lib, linked.report, across, "evidence", note="Loopt door over de paginagrens.")
    area = Anchor(3, [[3, 90.0, 300.0, 400.0, 420.0]], "", "", "")
    linked.area = _insert(lib, linked.reply, area, "comment", note="Een vlak met een opmerking.", is_area=True)
    out = tmp_path / "project.qdpx"
    result = export_qdpx(lib, out)
    assert result.counts["passages without a text position"] == 0
    work = tmp_path / "qualcoder"
    work.mkdir()
    return linked, run_qualcoder(out, work)


def test_qualcoder_imports_every_document_as_a_source(imported):
    linked, qc = imported
    docs = records.list_documents(linked.lib.db)
    assert sorted(s["name"] for s in qc["sources"]) == sorted(d.file_name for d in docs)
    for s in qc["sources"]:
        assert s["fulltext"] and s["mediapath"] == f"/docs/{s['name']}"
    # the PDFs themselves are copied into the project
    assert {d.file_name for d in docs} <= set(qc["documents"])


def test_every_passage_is_coded_at_its_exact_quote(imported):
    linked, qc = imported
    lib = linked.lib
    source_of = {s["name"]: s for s in qc["sources"]}
    by_doc = {d.id: d for d in records.list_documents(lib.db)}
    tag_names = {t.id: t.name for t in records.list_tags(lib.db)}
    text_codings = 0
    for a in records.list_annotations(lib.db):
        if a.is_area:
            continue
        src = source_of[by_doc[a.document_id].file_name]
        rows = [r for r in qc["code_text"] if r["fid"] == src["id"] and r["seltext"] == a.quote]
        codes = {r["code"] for r in rows}
        assert a.role in codes, a.quote
        assert {tag_names[t] for t in a.tag_ids} <= codes
        for r in rows:
            assert src["fulltext"][r["pos0"]:r["pos1"]] == a.quote
            assert r["owner"] == a.author
        text_codings += len(rows)
    assert text_codings == len(qc["code_text"])
    across = [r for r in qc["code_text"] if r["seltext"] == ACROSS]
    assert across, "the passage over the page break lost a part"


def test_areas_are_on_their_pages_with_the_quote(imported):
    linked, qc = imported
    report = next(s for s in qc["sources"] if s["name"] == linked.report.file_name)
    across = [r for r in qc["code_image"] if r["fid"] == report["id"] and r["memo"] == ACROSS]
    assert {r["pdf_page"] for r in across} == {9, 10}  # both pages of the passage, 0-based
    rec = records.get_annotation(linked.lib.db, linked.recs["1b"])
    rows = [r for r in qc["code_image"] if r["memo"] == rec.quote]
    assert rows and {r["pdf_page"] for r in rows} == {11}


def test_stances_and_not_judged_yet(imported):
    linked, qc = imported
    lib = linked.lib

    def codes_of(ann_id):
        quote = records.get_annotation(lib.db, ann_id).quote
        return {r["code"] for r in qc["code_text"] if r["seltext"] == quote}

    assert "not judged yet" in codes_of(linked.recs["1d"]) and "none" not in codes_of(linked.recs["1d"])
    assert "none" in codes_of(linked.recs["2"]) and "not judged yet" not in codes_of(linked.recs["2"])
    assert "partial" in codes_of(linked.recs["1b"])
    label, resp, _ = next(r for r in linked.responses if r[0] == "10")
    assert {"response", "rejected"} <= codes_of(resp)


def test_every_note_and_link_arrives(imported):
    linked, qc = imported
    lib = linked.lib
    report = next(s for s in qc["sources"] if s["name"] == linked.report.file_name)
    # passage notes become QualCoder annotations at the passage
    for ann_id in (linked.evidence, linked.comment, linked.across):
        a = records.get_annotation(lib.db, ann_id)
        row = next(r for r in qc["annotations"] if r["memo"] == a.note)
        assert row["fid"] == report["id"] and report["fulltext"][row["pos0"]:row["pos1"]] == a.quote
        assert row["owner"] == a.author
    # an area's note and every link (with stance and assessment) become journal entries
    journals = "\n".join(j["jentry"] for j in qc["journals"])
    assert "Een vlak met een opmerking." in journals
    links = records.list_links(lib.db)
    assert len([j for j in qc["journals"] if j["name"].startswith("Link ")]) == len(links)
    for link in links:
        entry = next(j["jentry"] for j in qc["journals"] if f"Stance: {STANCE_LABELS[link.stance]}" in j["jentry"]
                     and (not link.assessment or link.assessment in j["jentry"]))
        assert entry
    assert all(j["date"] and j["owner"] != "default" for j in qc["journals"])
