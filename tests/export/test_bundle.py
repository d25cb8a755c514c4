"""Bundles: W3C conformance, round trip, merge rules, pending annotations."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from app.export.bundle import build_bundle, export_bundle
from app.export.bundle_merge import import_bundle, pending_summary, place_pending
from app.importer import import_files
from app.usecases import remove_document
from storage import records
from tests.conftest import REPLY, SHARED

CHECKER = SHARED / "conformance" / "check_web_annotation.py"


def register(lib) -> set[tuple]:
    """The recommendations register: (label, quote, page, response quote, page, stance)."""
    anns = {a.id: a for a in records.list_annotations(lib.db)}
    out = set()
    for link in records.list_links(lib.db):
        rec = anns[link.recommendation_id]
        resp = anns.get(link.response_id) if link.response_id else None
        out.add((rec.label, rec.quote, rec.page_no, resp and resp.quote,
                 resp and resp.page_no, link.stance, link.assessment))
    return out


def snapshot(lib) -> tuple:
    db = lib.db
    return (
        records.last_change_seq(db),
        [tuple(r) for r in db.execute("SELECT * FROM annotations ORDER BY id")],
        [tuple(r) for r in db.execute("SELECT * FROM links ORDER BY id")],
        [tuple(r) for r in db.execute("SELECT * FROM tags ORDER BY id")],
        [tuple(r) for r in db.execute("SELECT * FROM annotation_tags ORDER BY 1, 2")],
        [tuple(r) for r in db.execute("SELECT id, payload FROM pending_annotations ORDER BY id")],
    )


def run_checker(path):
    if not CHECKER.exists():
        pytest.skip(f"the shared conformance checks are not at {CHECKER.parent}")
    return subprocess.run([sys.executable, str(CHECKER), str(path)], capture_output=True, text=True, timeout=120)


def test_bundle_passes_the_w3c_checks(linked, tmp_path):
    out = tmp_path / "b.jsonld"
    result = export_bundle(linked.lib, out)
    assert result.counts == {"annotations": 13, "tags": 4, "links": 6}
    check = run_checker(out)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip().splitlines()[-1] == "13 passed, 0 failed"


def test_bundle_shape(linked):
    bundle = build_bundle(linked.lib)
    assert bundle["type"] == "AnnotationCollection" and bundle["total"] == 13
    items = {it["id"]: it for it in bundle["first"]["items"]}
    rec = next(it for it in items.values() if {"purpose": "identifying", "type": "TextualBody", "value": "1b"}
               in it["body"])
    target = rec["target"]
    assert target["source"]["id"] == f"urn:sha256:{linked.report.sha256}"
    assert target["source"]["fileName"] == "iob-evaluatie-mensenrechtenbeleid-2017-2022.pdf"
    by_type = {sel["type"]: sel for sel in target["selector"]}
    assert by_type["FragmentSelector"]["value"] == "page=12"
    assert by_type["FragmentSelector"]["conformsTo"] == "http://tools.ietf.org/rfc/rfc3778"
    assert by_type["PageSelector"]["index"] == 11
    quote = by_type["TextQuoteSelector"]
    assert quote["exact"] == "Behoud voldoende mensenrechtencapaciteit op ambassades en investeer in de kennis"
    assert quote["prefix"].endswith("\nb) ") and target["rects"][0][0] == 12
    purposes = {b["purpose"] for b in rec["body"]}
    assert purposes == {"classifying", "identifying", "tagging", "linking"}
    link = next(b for b in rec["body"] if b["purpose"] == "linking")
    assert link["stance"] == "partial" and link["source"] in items
    assert isinstance(rec["@context"], list) and rec["@context"][0] == "http://www.w3.org/ns/anno.jsonld"


def test_round_trip_gives_the_same_bundle(linked, second_library, tmp_path):
    from tests.export.conftest import add_annotation

    with linked.lib.write():  # an area and an orphaned annotation travel too
        add_annotation(linked.lib, linked.reply, 3, "EU-delegaties worden geacht hun landen", "evidence",
                       is_area=True, note="Kader rond de kop", color="#00aa00")
        lost = add_annotation(linked.lib, linked.reply, 4, "Mensenrechtenfonds en aansturing posten op thema",
                              "comment", label="x")
        records.update_annotation(linked.lib.db, lost, {"orphaned": 1})
    first = tmp_path / "first.jsonld"
    export_bundle(linked.lib, first)
    report = import_bundle(second_library, first)
    assert len(report.added) == 15 and not report.conflicts and not report.skipped and not report.pending
    area = next(a for a in records.list_annotations(second_library.db) if a.is_area)
    assert area.color == "#00aa00" and area.note == "Kader rond de kop"
    assert records.get_annotation(second_library.db, lost).orphaned is True
    assert report.links_added == 6 and report.tags_added == 4
    assert register(second_library) == register(linked.lib)
    again = tmp_path / "again.jsonld"
    export_bundle(second_library, again)
    a, b = first.read_text(encoding="utf-8"), again.read_text(encoding="utf-8")
    assert sorted(a.splitlines()) == sorted(b.splitlines())
    assert a == b  # even in the same order


def test_importing_twice_changes_nothing(linked, second_library, tmp_path):
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    import_bundle(second_library, out)
    before = snapshot(second_library)
    report = import_bundle(second_library, out)
    assert report.unchanged == 13 and not report.added and not report.updated and not report.conflicts
    assert not report.changes
    assert snapshot(second_library) == before
    # and into the library it came from
    before = snapshot(linked.lib)
    report = import_bundle(linked.lib, out)
    assert report.unchanged == 13 and snapshot(linked.lib) == before


def test_newer_version_wins_and_conflicts_are_reported(linked, second_library, tmp_path):
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    import_bundle(second_library, out)
    rec_1b = linked.recs["1b"]
    # Reviewer 2 changes the note later than reviewer 1 did: theirs is newer.
    with second_library.write():
        records.update_annotation(second_library.db, rec_1b, {"note": "mine", "modified": "2026-11-22T09:00:00.000Z"})
    with linked.lib.write():
        records.update_annotation(linked.lib.db, rec_1b, {"note": "theirs", "modified": "2026-11-21T09:00:00.000Z"})
        link_id = linked.responses[2][2]  # 1b's link
        records.update_link(linked.lib.db, link_id, {"stance": "rejected", "modified": "2026-11-23T09:00:00.000Z"})
    export_bundle(linked.lib, out)
    report = import_bundle(second_library, out)
    assert records.get_annotation(second_library.db, rec_1b).note == "mine"  # newer kept
    assert records.get_link(second_library.db, link_id).stance == "rejected"  # newer from the bundle
    assert any("1b" in c and "this library's version" in c for c in report.conflicts)
    assert any(link_id[:8] in c and "bundle's newer version" in c for c in report.conflicts)
    assert report.links_updated == 1 and report.unchanged == 12
    # the same content saved again later is not a conflict
    with second_library.write():
        records.update_annotation(second_library.db, linked.recs["1a"], {"modified": "2026-11-24T09:00:00.000Z"})
    report = import_bundle(second_library, out)
    assert not any("1a" in c for c in report.conflicts) and report.unchanged == 12  # all but 1b


def test_annotations_wait_for_missing_documents(linked, second_library, tmp_path):
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    reply = second_library.resolve_document("kabinetsreactie")
    remove_document(second_library, reply.id)
    report = import_bundle(second_library, out)
    assert len(report.pending) == 5 and {p["document"] for p in report.pending} == {REPLY.name}
    assert len(report.added) == 8
    assert pending_summary(second_library) == [
        {"sha256": reply.sha256, "document": REPLY.name, "annotations": 5, "links": 5}
    ]
    # links whose response is missing wait too; the explicit "no response" link is in place
    assert [l.response_id for l in records.list_links(second_library.db)] == [None]
    before = snapshot(second_library)
    again = import_bundle(second_library, out)
    assert len(again.pending) == 5 and snapshot(second_library) == before
    # the document arrives (as the importer adds it): its annotations and links are put in place
    doc = records.get_document(linked.lib.db, linked.reply.id)
    with second_library.write():
        records.insert_document(second_library.db, doc, records.get_pages(linked.lib.db, doc.id))
    shutil.copy(linked.lib.document_file(doc), second_library.document_file(doc))
    placed = place_pending(second_library, doc.id)
    assert len(placed.placed) == 5 and placed.links_added == 5
    assert set(placed.placed) <= placed.changes.annotations and len(placed.changes.links) == 5
    assert not place_pending(second_library, doc.id).placed  # nothing waits any more
    assert register(second_library) == register(linked.lib)
    assert pending_summary(second_library) == []
    export_a, export_b = tmp_path / "a.jsonld", tmp_path / "c.jsonld"
    export_bundle(linked.lib, export_a)
    export_bundle(second_library, export_b)
    assert export_a.read_text(encoding="utf-8") == export_b.read_text(encoding="utf-8")


def test_importing_the_missing_pdf_places_waiting_annotations(linked, second_library, tmp_path):
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    remove_document(second_library, second_library.resolve_document("kabinetsreactie").id)
    import_bundle(second_library, out)
    imported = import_files(second_library, [REPLY])
    # The importer calls place_pending itself; calling it again is harmless.
    place_pending(second_library, imported.imported[0].document_id)
    assert pending_summary(second_library) == []
    assert register(second_library) == register(linked.lib)


def test_pending_annotations_travel_on(linked, second_library, tmp_path):
    """A library that holds waiting annotations exports them again."""
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    remove_document(second_library, second_library.resolve_document("kabinetsreactie").id)
    import_bundle(second_library, out)
    bundle = build_bundle(second_library)
    assert bundle["total"] == 13
    # the same annotations with the same links, also those still waiting
    assert bundle["first"]["items"] == json.loads(out.read_text(encoding="utf-8"))["first"]["items"]


def test_tags_made_independently_are_matched_by_name(linked, second_library, tmp_path):
    from tests.export.conftest import add_tag

    with second_library.write():
        own = add_tag(second_library, "Capaciteit")  # same name, other case, other id
    out = tmp_path / "b.jsonld"
    export_bundle(linked.lib, out)
    report = import_bundle(second_library, out)
    assert report.tags_matched == 1 and report.tags_added == 3
    ann = records.get_annotation(second_library.db, linked.recs["1b"])
    assert ann.tag_ids == (own,)
