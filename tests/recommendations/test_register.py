"""The link model's rules, the register, its summary and coverage."""
from __future__ import annotations

import pytest

from app.domain import UserError
from app.recommendations import register as reg
from storage import records


def test_link_rules(linked_library):
    lib, ids = linked_library, linked_library.ids
    with pytest.raises(UserError, match="not a recommendation"):
        reg.link(lib, ids["r1"], ids["a1"], "accepted")  # sides swapped
    with pytest.raises(UserError, match="cannot answer itself"):
        reg.link(lib, ids["r1"], ids["r1"], "accepted")
    with pytest.raises(UserError, match="unknown stance"):
        reg.link(lib, ids["a1"], ids["r1"], "maybe")
    with pytest.raises(UserError, match="no annotation"):
        reg.link(lib, "0" * 32, ids["r1"], "accepted")
    with pytest.raises(UserError, match="only be 'none'"):
        reg.link(lib, None, ids["r1"], "accepted")
    # Any other annotation may answer, also evidence or another recommendation.
    assert reg.link(lib, ids["ev"], ids["r1"], "noted").previous is None
    assert reg.link(lib, ids["r2"], ids["r1"], "noted").previous is None
    assert records.list_links(lib.db, recommendation_id=ids["r1"]).__len__() == 2


def test_linking_a_linked_pair_updates_it(linked_library):
    lib, ids = linked_library, linked_library.ids
    first = reg.link(lib, ids["a1"], ids["r1"], "accepted", "first look")
    again = reg.link(lib, ids["a1"], ids["r1"], "partial", "capacity cut")
    assert again.link_id == first.link_id
    assert again.previous.stance == "accepted" and again.previous.assessment == "first look"
    row = reg.get_link(lib, first.link_id)
    assert (row.stance, row.assessment) == ("partial", "capacity cut")
    assert len(records.list_links(lib.db)) == 1
    # Undo of the update puts the old judgement back.
    reg.restore_link(lib, again.previous)
    assert reg.get_link(lib, first.link_id).stance == "accepted"


def test_update_unlink_restore_and_change_log(linked_library):
    lib, ids = linked_library, linked_library.ids
    seen = []
    lib.subscribe(seen.append)
    seq = records.last_change_seq(lib.db)
    res = reg.link(lib, ids["a1"], ids["r1"], "accepted")
    assert res.changes.links == {res.link_id}
    assert res.changes.annotations == {ids["a1"], ids["r1"]}
    logged = {(r.entity_id, r.op) for r in records.changes_since(lib.db, seq)}
    assert (ids["a1"], "update") in logged and (ids["r1"], "update") in logged
    before, _ = reg.update_link(lib, res.link_id, stance="rejected", assessment="no")
    assert before.stance == "accepted"
    assert reg.get_link(lib, res.link_id).stance == "rejected"
    snapshot, ch = reg.unlink(lib, res.link_id)
    assert records.get_link(lib.db, res.link_id) is None and ch.links == {res.link_id}
    reg.restore_link(lib, snapshot)
    assert reg.get_link(lib, res.link_id).stance == "rejected"
    assert len(seen) == 4
    with pytest.raises(UserError):
        reg.update_link(lib, "nope", stance="noted")
    none_link = reg.link(lib, None, ids["r2"], "none")
    with pytest.raises(UserError, match="only have the stance 'none'"):
        reg.update_link(lib, none_link.link_id, stance="accepted")


def test_register_summary_and_coverage(linked_library):
    lib, ids = linked_library, linked_library.ids
    entries = reg.register(lib)
    assert [e.label for e in entries] == ["1b", "1c", "2b"]
    assert reg.summary(entries)["no_response_yet"] == 3 and reg.summary(entries)["covered"] == 0
    older = reg.link(lib, ids["a1"], ids["r1"], "partial").link_id
    with lib.write():  # make it clearly older than the next link
        lib.db.execute("UPDATE links SET modified = '2020-01-01T00:00:00.000Z' WHERE id = ?", (older,))
    reg.link(lib, ids["a2"], ids["r1"], "accepted")  # newest confirmed answer shows
    reg.link(lib, ids["a2"], ids["r2"], "noted")
    reg.link(lib, None, ids["r3"], "none")  # explicitly no response: not covered
    entries = reg.register(lib)
    by = {e.label: e for e in entries}
    assert by["1b"].stance == "accepted" and len(by["1b"].links) == 2
    assert by["2b"].stance == "none" and not by["2b"].covered
    assert by["1b"].links[0].response.page_no == 2
    s = reg.summary(entries)
    assert s["per_stance"] == {"accepted": 1, "partial": 0, "rejected": 0, "noted": 1, "none": 1}
    assert (s["covered"], s["no_response_yet"], s["coverage"]) == (2, 0, 0.667)
    other = reg.counterparts(lib, ids["a2"])
    assert sorted(c.passage.label for c in other) == ["1b", "1c"]
    assert all(c.side == "recommendation" for c in other)
    # Deleting the response passage removes its links (cascade): coverage drops.
    from app.annotations import delete_annotation

    delete_annotation(lib, ids["a2"])
    s = reg.summary(reg.register(lib))
    assert s["covered"] == 1 and s["per_stance"]["partial"] == 1


def test_search_index_follows_link_changes(library, tmp_path):
    from app import search_service as ss
    from app.importer import import_files
    from tests.recommendations.conftest import add_annotation
    from tests.recommendations.test_detect import _make_pdf

    lib = library
    _make_pdf(tmp_path / "report.pdf", ["Aanbevelingen\n1. Behoud voldoende capaciteit op de posten."])
    _make_pdf(tmp_path / "reply.pdf", ["Het kabinet neemt de aanbeveling gedeeltelijk over."])
    report = import_files(lib, [tmp_path / "report.pdf", tmp_path / "reply.pdf"])
    rep, rpl = (o.document_id for o in report.imported)
    rec = add_annotation(lib, rep, "recommendation", "Behoud voldoende capaciteit op de posten", 1, "1")
    ans = add_annotation(lib, rpl, "response", "Het kabinet neemt de aanbeveling gedeeltelijk over", 1)
    ss.rebuild_index(lib)

    def found(q):
        ss.sync_index(lib)
        outcome = ss.search(lib, q, limit=50)
        assert outcome.source == "index"
        return {h.annotation for h in outcome.hits if h.kind == "annotation"}

    res = reg.link(lib, ans, rec, "partial")
    assert {ans, rec} <= found("stance:partial")
    reg.update_link(lib, res.link_id, stance="rejected")
    assert rec in found("stance:rejected") and rec not in found("stance:partial")
    reg.unlink(lib, res.link_id)
    assert rec not in found("stance:rejected")
    ss.close_engine(lib)
