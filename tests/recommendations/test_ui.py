"""The register, detection review, suggestions and side by side in the window."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.recommendations import register as reg
from storage import records
from tests.conftest import doc_by_file


def _plugin(window):
    return window.features["ui.recommendations.plugin"]


def test_register_table_link_change_unlink_and_undo(qtbot, linked_library, make_window, qtmodeltester):
    lib, ids = linked_library, linked_library.ids
    window = make_window(lib)
    view = _plugin(window).show_register()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 3
    assert "coverage: 0 of 3" in view.summary_bar.text()
    from ui.recommendations import commands as cmd

    assert view.select(ids["r1"])
    cmd.push(window, cmd.Link(lib, ids["a1"], ids["r1"], "partial"))
    row = view.model.row_of(ids["r1"])
    assert view.model.index(row, 2).data() == 1
    assert view.model.index(row, 3).data() == "partly accepted"
    assert "coverage: 1 of 3" in view.summary_bar.text()
    assert view.links.topLevelItemCount() == 1
    # Change the stance through the buttons.
    view.stance_box.setCurrentIndex(view.stance_box.findData("rejected"))
    qtbot.mouseClick(view.btn_stance, Qt.MouseButton.LeftButton)
    assert view.model.index(row, 3).data() == "rejected"
    window.undo_stack.undo()
    assert view.model.index(row, 3).data() == "partly accepted"
    # Unlink with the button; undo and redo.
    view.links.setCurrentItem(view.links.topLevelItem(0))
    qtbot.mouseClick(view.btn_unlink, Qt.MouseButton.LeftButton)
    assert view.model.index(row, 2).data() == 0 and "coverage: 0 of 3" in view.summary_bar.text()
    window.undo_stack.undo()
    assert view.model.index(row, 2).data() == 1
    window.undo_stack.undo()  # the stance change was undone already: this undoes the link
    assert records.list_links(lib.db) == []
    window.undo_stack.redo()
    assert len(records.list_links(lib.db)) == 1
    qtmodeltester.check(view.model)
    # Filters: stance and "no confirmed response yet".
    view.stance_filter.setCurrentIndex(view.stance_filter.findData("partial"))
    assert view.proxy.rowCount() == 1, ([e.stance for e in view.model.entries], view.proxy.stance)
    view.stance_filter.setCurrentIndex(0)
    view.unanswered.setChecked(True)
    assert view.proxy.rowCount() == 2
    view.unanswered.setChecked(False)
    assert view.select(ids["r3"])
    qtbot.mouseClick(view.btn_none, Qt.MouseButton.LeftButton)  # explicitly no response
    assert [l.stance for l in records.list_links(lib.db, recommendation_id=ids["r3"])] == ["none"]
    assert view.model.index(view.model.row_of(ids["r3"]), 3).data() == "no response"


def test_detection_review_merge_drop_store_and_undo(qtbot, sample_library, make_window):
    lib = sample_library
    window = make_window(lib)
    plugin = _plugin(window)
    report = doc_by_file(lib, "iob-evaluatie")
    with qtbot.waitSignal(window.ops.sig_finished, timeout=60000):
        plugin.detect(report.id)
    dialog = plugin.dialog
    assert dialog is not None and dialog.isVisible()
    model = dialog.model
    labels = [p.label for p in model.rows]
    assert labels[:3] == ["1", "1a", "1a-1"] and len(labels) == 66
    assert len(model.chosen()) == 30
    # Drop "1" (the headline) and merge 1a-1 and 1a-2.
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.btn_drop, Qt.MouseButton.LeftButton)
    assert model.rows[0].label == "1a"
    sel = dialog.table.selectionModel()
    dialog.table.selectRow(1)
    sel.select(model.index(2, 0), sel.SelectionFlag.Select | sel.SelectionFlag.Rows)
    qtbot.mouseClick(dialog.btn_merge, Qt.MouseButton.LeftButton)
    assert model.rows[1].label == "1a-1" and model.rows[2].label == "1a-3"
    assert "heldere instructies" in model.rows[1].text
    # Edit a label as a reviewer would.
    model.setData(model.index(0, 1), "1-a")
    assert len(model.chosen()) == 28
    with qtbot.waitSignal(dialog.sig_stored, timeout=120000) as blocker:
        qtbot.mouseClick(dialog.btn_store, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert len(result.created) == 28, result.skipped
    view = plugin.register_view
    assert view is not None and view.model.rowCount() == 28
    assert view.model.entries[0].label == "1-a"
    merged = next(e for e in view.model.entries if e.label == "1a-1")
    assert len({r[2] for r in merged.rects}) >= 2  # both parts highlighted
    window.undo_stack.undo()
    assert records.list_annotations(lib.db, role="recommendation") == []
    assert view.model.rowCount() == 0
    window.undo_stack.redo()
    assert view.model.rowCount() == 28


def test_suggestions_link_a_passage_and_side_by_side_walks(qtbot, linked_library, make_window):
    lib, ids = linked_library, linked_library.ids
    window = make_window(lib)
    plugin = _plugin(window)
    view = plugin.show_register()
    view.select(ids["r1"])
    panel = view.suggestions
    with qtbot.waitSignal(panel.sig_suggestions_ready, timeout=60000) as blocker:
        view.details_tabs.setCurrentWidget(panel)
    assert blocker.args[0] > 0
    first = panel.current_candidate()
    assert first is not None and panel.list.topLevelItemCount() == blocker.args[0]
    panel.stance.setCurrentIndex(panel.stance.findData("noted"))
    with qtbot.waitSignal(panel.sig_linked, timeout=120000):
        qtbot.mouseClick(panel.btn_link, Qt.MouseButton.LeftButton)
    entry = next(e for e in reg.register(lib) if e.id == ids["r1"])
    assert [l.stance for l in entry.links] == ["noted"]
    response = entry.links[0].response
    assert response.page_no == first.page_no and response.role == "response"
    row = view.model.row_of(ids["r1"])
    assert view.model.index(row, 3).data() == "noted without commitment"
    window.undo_stack.undo()
    assert records.list_links(lib.db) == []
    assert records.get_annotation(lib.db, response.id) is None
    window.undo_stack.redo()
    assert len(records.list_links(lib.db)) == 1

    side = plugin.show_side_by_side(ids["r1"])
    assert side.rec.id == ids["r1"]
    assert side.left.doc_id == doc_by_file(lib, "iob-evaluatie").id
    assert side.right.doc_id == doc_by_file(lib, "kabinetsreactie").id
    side.setFocus()
    with qtbot.waitSignal(side.sig_shown, timeout=5000) as shown:
        qtbot.keyClick(side, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert shown.args[0] == ids["r2"] and side.right.doc_id is None
    with qtbot.waitSignal(side.sig_shown, timeout=5000) as shown:
        qtbot.keyClick(side, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert shown.args[0] == ids["r1"]


def test_linked_passages_dock_follows_the_reader(qtbot, linked_library, make_window):
    lib, ids = linked_library, linked_library.ids
    reg.link(lib, ids["a1"], ids["r1"], "partial")
    reg.link(lib, ids["a1"], ids["r2"], "noted")
    window = make_window(lib)
    dock = _plugin(window).linked_dock
    window.open_document(doc_by_file(lib, "kabinetsreactie").id, 2)
    tab = window.tabs.currentWidget()
    with qtbot.waitSignal(dock.sig_shown, timeout=5000) as shown:
        tab.view.sig_annotation_clicked.emit(ids["a1"])  # as a click on the passage does
    assert shown.args == [ids["a1"], 2]
    assert dock.list.count() == 2
    item = next(dock.list.item(i) for i in range(2) if "partly accepted" in dock.list.item(i).text())
    assert "1b" in item.text()
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dock.list.visualItemRect(item).center())
    assert window.tabs.currentWidget().doc_id == doc_by_file(lib, "iob-evaluatie").id
    # The dock now follows the recommendation it opened, and back is one click away.
    assert dock.ann_id == ids["r1"] and dock.list.count() == 1
    # Unlinking elsewhere updates the dock.
    link = records.find_link(lib.db, ids["r1"], ids["a1"])
    with qtbot.waitSignal(dock.sig_shown, timeout=5000) as shown:
        reg.unlink(lib, link.id)
    assert shown.args == [ids["r1"], 0]


def test_closing_and_reopening_the_tabs(qtbot, linked_library, make_window):
    lib, ids = linked_library, linked_library.ids
    window = make_window(lib)
    plugin = _plugin(window)
    side = plugin.show_side_by_side(ids["r2"])
    assert side.rec.id == ids["r2"]
    window._close_tab(window.tabs.indexOf(plugin.register_view))
    window._close_tab(window.tabs.indexOf(side))
    qtbot.waitUntil(lambda: window.tabs.count() == 1)
    side = plugin.show_side_by_side(ids["r3"])
    assert side.rec.id == ids["r3"] and window.tabs.count() == 3
    assert plugin.register_view.current_id() == ids["r3"]
