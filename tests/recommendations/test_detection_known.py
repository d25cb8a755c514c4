"""Detection knows what is in the register: run twice, or after marking by
hand, it stores nothing a second time, and says so before Store."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app import annotations as uc
from app.anchoring import find_quote
from storage import records
from tests.conftest import REPORT, doc_by_file
from tests.reader.test_reader_ui import QUOTE_1A


def _detect(qtbot, window, doc_id):
    plugin = window.features["ui.recommendations.plugin"]
    with qtbot.waitSignal(window.ops.sig_finished, timeout=60000):
        plugin.detect(doc_id)
    return plugin.dialog


def test_marked_by_hand_then_detected_twice_stores_each_item_once(qtbot, sample_library, make_window):
    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie")
    anchor = find_quote(REPORT, 91, QUOTE_1A)
    # The reviewer marked 1a by hand on p. 91 (detection finds it on p. 12 too).
    by_hand, _ = uc.create_annotation(lib, report.id, page_no=91, rects=anchor.rects, quote=anchor.quote,
                                      role="recommendation", label="1a")
    window = make_window(lib)
    dialog = _detect(qtbot, window, report.id)
    model = dialog.model
    known = [p for p in model.rows if id(p) in model.known]
    assert [p.label for p in known] == ["1a", "1a"]  # both printings of it
    row = model.rows.index(known[0])
    assert model.index(row, 4).data() == "already in the register"
    assert not model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert len(model.chosen()) == 29
    assert "29 new" in dialog.plan.text() and "2 already there" in dialog.plan.text()
    with qtbot.waitSignal(dialog.sig_stored, timeout=120000) as blocker:
        qtbot.mouseClick(dialog.btn_store, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0].created) == 29
    stored = records.list_annotations(lib.db, role="recommendation")
    assert len(stored) == 30 and [a.id for a in stored if a.label == "1a"] == [by_hand]

    again = _detect(qtbot, window, report.id)
    assert again is not dialog and again.model.chosen() == []
    items = [p for p in again.model.rows if p.kind == "item"]
    assert again.model.known_count() == len(items) >= 30  # every item, both printings
    assert not again.btn_store.isEnabled()
    assert "0 new" in again.plan.text() and f"{len(items)} already there" in again.plan.text()
    # Even if asked directly, the core does not store them twice.
    from app.recommendations.apply import apply_proposals

    result = apply_proposals(lib, report.id, [p for p in again.model.all if p.accept])
    assert result.created == [] and {why for _l, why in result.skipped} == {"already in the register"}
    assert len(records.list_annotations(lib.db, role="recommendation")) == 30


def test_both_printings_asked_at_once_are_stored_once(sample_library):
    from app.recommendations.apply import apply_proposals, detect_document

    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie")
    proposals = detect_document(lib, report.id)
    items = [p for p in proposals if p.kind == "item"]
    assert any(p.twin is not None and proposals[p.twin].label != p.label for p in items)  # e.g. 3c-1 / 3d-1
    result = apply_proposals(lib, report.id, items, all_proposals=proposals)  # twins checked too
    assert len(result.created) == 30
    assert len(records.list_annotations(lib.db, role="recommendation")) == 30
