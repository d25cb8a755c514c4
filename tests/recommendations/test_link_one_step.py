"""Linking in one step: select text, Ctrl+Shift+J, filter, stance, Enter."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app import annotations as uc
from app.anchoring import find_quote
from storage import records
from tests.conftest import REPLY, REPORT, doc_by_file
from tests.reader.test_reader_ui import QUOTE_1A, _drag


def test_selected_text_is_linked_with_its_stance_in_one_dialog(qtbot, sample_library, make_window):
    from tests.reader.conftest import wait_words


    lib = sample_library
    report, reply = doc_by_file(lib, "iob-evaluatie"), doc_by_file(lib, "kabinetsreactie")
    anchor = find_quote(REPORT, 91, QUOTE_1A)
    rec_1a, _ = uc.create_annotation(lib, report.id, page_no=91, rects=anchor.rects, quote=anchor.quote,
                                     role="recommendation", label="1a")
    uc.create_annotation(lib, report.id, page_no=91, rects=[[91, 60, 600, 500, 620]], quote="Iets anders",
                         role="recommendation", label="2b")
    window = make_window(lib)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.open_document(reply.id, 2)
    tab = window.tabs.currentWidget()
    wait_words(qtbot, tab, 2)
    quote = "noteert het kabinet het volgende."
    target = find_quote(REPLY, 2, quote)
    r = target.rects[0]
    _drag(qtbot, tab, 2, (r[1] + 1, (r[2] + r[4]) / 2), (target.rects[-1][3] - 1, (r[2] + r[4]) / 2))
    selected = tab.view.selection()
    assert selected is not None and selected.quote

    qtbot.keyClick(tab.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    plugin = window.features["ui.recommendations.plugin"]
    dialog = plugin.link_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.filter.hasFocus, timeout=5000)  # typing filters at once
    assert dialog.proxy.rowCount() == 2
    qtbot.keyClicks(dialog.filter, "1a")
    assert dialog.proxy.rowCount() == 1
    dialog.stance.setCurrentIndex(dialog.stance.findData("partial"))
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert not dialog.isVisible()

    links = records.list_links(lib.db, recommendation_id=rec_1a)
    assert [l.stance for l in links] == ["partial"]
    response = records.get_annotation(lib.db, links[0].response_id)
    assert response.role == "response" and response.quote == selected.quote
    assert plugin.linked_dock.isVisible() and plugin.linked_dock.ann_id == response.id
    assert plugin.linked_dock.list.count() == 1

    # One undo takes back both the link and the new response.
    window.undo_stack.undo()
    assert records.list_links(lib.db) == []
    assert records.get_annotation(lib.db, response.id) is None
    window.undo_stack.redo()
    assert len(records.list_links(lib.db)) == 1

    # The same passage again: the dialog says what it is linked to already.
    tab.panel.select(response.id)
    tab.view.select_annotation(response.id)
    plugin.link_selected()
    again = plugin.link_dialog
    texts = [again.proxy.index(r, 0).data() for r in range(again.proxy.rowCount())]
    assert any("1a" in t and "linked already" in t for t in texts)
    again.reject()


def test_a_suggestion_opened_is_marked_on_its_page_and_shown_linked_once_linked(
        qtbot, linked_library, make_window):
    from tests.reader.conftest import wait_words

    lib, ids = linked_library, linked_library.ids
    window = make_window(lib)
    plugin = window.features["ui.recommendations.plugin"]
    view = plugin.show_register()
    view.select(ids["r1"])
    panel = view.suggestions
    with qtbot.waitSignal(panel.sig_suggestions_ready, timeout=60000):
        view.details_tabs.setCurrentWidget(panel)
    first = panel.current_candidate()
    assert panel.list.topLevelItem(0).text(1) != "linked already"
    panel.open_candidate(panel.list.topLevelItem(0))
    tab = window.tabs.currentWidget()
    assert tab.doc_id == first.document_id
    wait_words(qtbot, tab, first.page_no)
    tab.view.viewport().repaint()
    qtbot.waitUntil(lambda: any(int(r[0]) == first.page_no for r in tab.view._highlight_rects), timeout=10000)

    window.tabs.setCurrentWidget(view)
    with qtbot.waitSignal(panel.sig_linked, timeout=120000):
        panel.link_current()
    with qtbot.waitSignal(panel.sig_suggestions_ready, timeout=60000):
        panel.refresh()
    linked = [panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())
              if panel.list.topLevelItem(i).text(1) == "linked already"]
    assert len(linked) == 1 and linked[0].data(0, Qt.ItemDataRole.UserRole + 20).page_no == first.page_no


def test_side_by_side_offers_the_suggestions(qtbot, linked_library, make_window):
    lib, ids = linked_library, linked_library.ids
    window = make_window(lib)
    plugin = window.features["ui.recommendations.plugin"]
    side = plugin.show_side_by_side(ids["r1"])
    assert side.btn_suggest.isVisible()
    view = plugin.register_view
    with qtbot.waitSignal(view.suggestions.sig_suggestions_ready, timeout=60000) as blocker:
        qtbot.mouseClick(side.btn_suggest, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is view and view.current_id() == ids["r1"]
    assert view.details_tabs.currentWidget() is view.suggestions and blocker.args[0] > 0
