"""Team sync through a plain shared folder, in one process (the real-process
runs with git are in test_processes.py)."""
from __future__ import annotations

import json
import shutil
import uuid

from app.recommendations.register import link, register
from app.team import folder as tf
from app.team.agreed import record_agreed
from app.team.sync import join, status, sync
from storage import records
from tests.conftest import doc_by_file
from tests.team.conftest import add_annotation


def _setup(team):
    anna = team("Anna", "anna")
    report = doc_by_file(anna, "iob-evaluatie").id
    reply = doc_by_file(anna, "kabinetsreactie").id
    ids = {
        "r1": add_annotation(anna, report, "recommendation", "Behoud voldoende capaciteit", 12, "1b"),
        "r2": add_annotation(anna, report, "recommendation", "Breng themacoalities in evenwicht", 12, "1c"),
        "a1": add_annotation(anna, reply, "response", "Volledige uitvoering is niet haalbaar", 2),
    }
    join(anna, team.folder)
    bram = team("Bram", "bram")
    join(bram, team.folder)
    return anna, bram, ids


def _judgements(lib):
    return sorted((l.recommendation_id, l.response_id, l.author_id, l.stance)
                  for l in records.list_links(lib.db))


def test_two_reviewers_judge_the_same_pair_and_both_judgements_stay(team):
    anna, bram, ids = _setup(team)
    assert records.get_annotation(bram.db, ids["r1"]).author_id == "anna"
    link(anna, ids["a1"], ids["r1"], "accepted", "goed")
    link(bram, ids["a1"], ids["r1"], "partial", "half")
    link(bram, None, ids["r2"], "none")
    first = sync(bram)
    assert first.published.written
    got = sync(anna)
    assert got.arrivals_text() == ["2 new judgement(s) from Bram"]
    sync(bram)
    assert _judgements(anna) == _judgements(bram)
    assert len(_judgements(anna)) == 3
    by_author = {(l.author_id, l.stance) for l in records.list_links(anna.db, recommendation_id=ids["r1"])}
    assert by_author == {("anna", "accepted"), ("bram", "partial")}
    # A second sync changes nothing, on either side, and writes no file.
    before = {p: p.read_bytes() for p in team.folder.rglob("*") if p.is_file()}
    for lib in (anna, bram):
        again = sync(lib)
        assert not again.changes and not again.published.written and not again.arrivals_text()
    assert {p: p.read_bytes() for p in team.folder.rglob("*") if p.is_file()} == before
    # The register shows one reviewer, or everyone.
    mine = {e.id: e.stance for e in register(anna, reviewer="bram")}
    assert mine[ids["r1"]] == "partial" and mine[ids["r2"]] == "none"
    entry = next(e for e in register(anna) if e.id == ids["r1"])
    assert entry.judgements == {"anna": "accepted", "bram": "partial"}


def test_a_change_rewrites_one_small_file_and_travels(team):
    anna, bram, ids = _setup(team)
    link(anna, ids["a1"], ids["r1"], "accepted")
    sync(anna)
    sync(bram)
    link(anna, ids["a1"], ids["r1"], "rejected")  # a change of mind
    report = sync(anna)
    assert len(report.published.written) == 1  # the report's file only
    assert sync(bram).arrivals_text() == ["1 new judgement(s) from Anna"]
    (l,) = records.list_links(bram.db, recommendation_id=ids["r1"])
    assert (l.stance, l.author, l.author_id) == ("rejected", "Anna", "anna")


def test_agreed_stance_reaches_every_library_and_is_used_by_the_register(team):
    anna, bram, ids = _setup(team)
    cor = team("Cor", "cor")
    join(cor, team.folder)
    link(anna, ids["a1"], ids["r1"], "accepted")
    link(bram, ids["a1"], ids["r1"], "rejected")
    for lib in (anna, bram, cor, anna):
        sync(lib)
    record_agreed(bram, ids["r1"], "partial", "samen besproken", "Anna, Bram")
    sync(bram)
    for lib in (anna, cor):
        got = sync(lib)
        assert "1 agreed judgement(s)" in " ".join(got.arrivals_text())
        entry = next(e for e in register(lib) if e.id == ids["r1"])
        assert entry.stance == "partial"
        assert entry.agreed["agreed_by"] == "Anna, Bram" and entry.agreed["recorded_by"] == "Bram"
        assert entry.judgements["anna"] == "accepted"  # the own judgements stay apart


def test_conflict_copies_are_read_merged_and_reported(team):
    anna, bram, ids = _setup(team)
    link(anna, ids["a1"], ids["r1"], "accepted")
    sync(anna)
    sync(bram)
    adir = tf.reviewer_dir(team.folder, "anna") / tf.ANNOTATIONS
    (original,) = [p for p in adir.iterdir() if p.name.startswith(doc_by_file(anna, "iob").sha256)]
    # Anna judged r2 on another laptop; the sync tools kept both versions.
    other = json.loads(original.read_text(encoding="utf-8"))
    def item_of(ann_id):
        return next(i for i in other["first"]["items"] if i["id"] == "urn:uuid:" + str(uuid.UUID(hex=ann_id)))

    body = next(b for b in item_of(ids["r1"])["body"] if "linkId" in b)
    item_of(ids["r2"])["body"].append({**body, "linkId": uuid.uuid4().urn, "stance": "noted"})
    names = [
        original.name.replace(".jsonld", ".sync-conflict-20261201-101010-ABCDEFG.jsonld"),
        original.name.replace(".jsonld", " (conflicted copy 2026-12-01 101010).jsonld"),
        original.name.replace(".jsonld", "-LAPTOP-ANNA.jsonld"),
    ]
    for name in names:
        shutil.copyfile(original, adir / name)
    (adir / names[0]).write_text(json.dumps(other), encoding="utf-8")
    st = status(bram)
    assert len(st["conflict_copies"]) == 3
    got = sync(bram)
    assert not got.merged.refused, got.merged.refused
    kinds = " ".join(got.merged.conflict_copies)
    assert "Syncthing" in kinds and "Nextcloud" in kinds and "OneDrive" in kinds
    stances = {l.stance for l in records.list_links(bram.db, recommendation_id=ids["r2"])}
    assert stances == {"noted"}  # the judgement only the conflict copy had is not lost
    assert not sync(bram).merged.conflict_copies  # reported once


def test_a_reviewer_without_the_pdfs_gets_them_from_the_folder(team):
    anna, bram, ids = _setup(team)
    link(anna, ids["a1"], ids["r1"], "accepted")
    sync(anna)
    cor = team("Cor", "cor", samples=False)
    got = join(cor, team.folder).sync
    assert len(got.documents_fetched) == 2
    assert {l.stance for l in records.list_links(cor.db)} == {"accepted"}
    assert records.get_annotation(cor.db, ids["a1"]) is not None


def test_author_from_the_environment_and_rows_from_before_the_team(team, monkeypatch):
    lib = team("Settings Name", "dana")
    monkeypatch.setenv("KANTTEKENING_AUTHOR", "Dana uit een script")
    assert lib.reviewer == "Dana uit een script"
    monkeypatch.delenv("KANTTEKENING_AUTHOR")
    assert lib.reviewer == "Settings Name"
    doc = doc_by_file(lib, "iob").id
    with lib.write() as db:  # a row from before authorship ids existed
        db.execute("UPDATE library_meta SET value = '' WHERE key = 'reviewer_id'")
    old = add_annotation(lib, doc, "recommendation", "oud", 12, "9")
    assert records.get_annotation(lib.db, old).author_id == ""
    from app.team.identity import set_identity

    set_identity(lib, short_id="dana")
    assert records.get_annotation(lib.db, old).author_id == "dana"


def test_summary_exports_carry_the_agreement_and_the_agreed_stance(team, tmp_path):
    import csv

    from app.export import export_summary

    anna, bram, ids = _setup(team)
    link(anna, ids["a1"], ids["r1"], "accepted")
    link(bram, ids["a1"], ids["r1"], "rejected")
    link(anna, None, ids["r2"], "none")
    link(bram, None, ids["r2"], "none")
    sync(bram)
    sync(anna)
    record_agreed(anna, ids["r1"], "partial", "na overleg <b>samen</b>", "Anna & Bram")
    md = tmp_path / "s.md"
    export_summary(anna, md, fmt="md")
    text = md.read_text(encoding="utf-8")
    assert "## Agreement between reviewers" in text
    assert "plain agreement 50.0 %" in text and "Cohen's kappa" in text
    assert "**Agreed by the team: partly accepted (Anna &amp; Bram, 20" in text  # '&' made literal
    html = tmp_path / "s.html"
    export_summary(anna, html, fmt="html", language="nl")
    page = html.read_text(encoding="utf-8")
    assert "Overeenstemming tussen beoordelaars" in page
    assert "&lt;b&gt;samen&lt;/b&gt;" in page and "<b>samen" not in page  # escaped
    table = tmp_path / "s.csv"
    export_summary(anna, table, fmt="csv")
    with open(table, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    agreed = {r["agreed_stance"] for r in rows if r["recommendation_id"] == ids["r1"]}
    assert agreed == {"partial"}


def test_a_judgement_the_teammate_removes_goes_from_every_library(team):
    from app.recommendations.register import unlink

    anna, bram, ids = _setup(team)
    link(bram, ids["a1"], ids["r1"], "partial")
    link(bram, None, ids["r2"], "none")
    sync(bram)
    sync(anna)
    assert len(records.list_links(anna.db)) == 2
    mine = records.find_link(bram.db, ids["r1"], ids["a1"])
    unlink(bram, mine.id)
    sync(bram)
    got = sync(anna)
    assert "1 withdrawn" in got.arrivals_text()[0]
    assert [l.recommendation_id for l in records.list_links(anna.db)] == [ids["r2"]]
    none = records.find_link(bram.db, ids["r2"], None)
    unlink(bram, none.id)  # the last judgement on that document: Bram's file goes
    assert sync(bram).published.removed
    sync(anna)
    assert records.list_links(anna.db) == []
    assert not sync(anna).changes


def test_a_judgement_whose_response_arrives_later_is_merged_when_it_does(team, tmp_path):
    anna, bram, ids = _setup(team)
    link(bram, ids["a1"], ids["r1"], "partial")
    sync(bram)
    cor = team("Cor", "cor")
    # The sync tool has delivered Bram's files but not yet Anna's file of the reply.
    reply_sha = doc_by_file(anna, "kabinetsreactie").sha256
    held = tf.reviewer_dir(team.folder, "anna") / tf.ANNOTATIONS / f"{reply_sha}.jsonld"
    aside = tmp_path / "held-back.jsonld"
    shutil.move(held, aside)
    join(cor, team.folder)
    assert records.list_links(cor.db) == []
    shutil.move(aside, held)
    got = sync(cor)
    assert "1 new judgement(s) from Bram" in got.arrivals_text()
    assert [(l.author_id, l.stance) for l in records.list_links(cor.db)] == [("bram", "partial")]
    assert not status(cor)["not_merged_yet"]
