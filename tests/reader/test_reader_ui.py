"""The reader in a real window, driven with real mouse and key events."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication

from app import annotations as uc
from app.anchoring import find_quote
from app.library import Library
from tests.conftest import REPORT, doc_by_file
from tests.reader.conftest import wait_words

QUOTE_1A = ("Stuur vanuit BZ (DMM) de ambassades gerichter aan om de uitvoering van internationale "
            "mensenrechtenrichtlijnen en de inzet van de bijbehorende instrumenten te bevorderen en te monitoren.")


def _point(tab, page_no: int, x: float, y: float) -> QPoint:
    r = tab.view.page_rect(page_no)
    s = tab.view.px_per_pt
    return QPointF(r.x() + x * s, r.y() + y * s).toPoint()


def _drag(qtbot, tab, page_no: int, start: tuple, end: tuple, modifier=Qt.KeyboardModifier.NoModifier):
    vp = tab.view.viewport()
    a, b = _point(tab, page_no, *start), _point(tab, page_no, *end)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modifier, a)
    qtbot.mouseMove(vp, (a + b) / 2)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, b)


def _select_quote(qtbot, tab, page_no: int, quote: str):
    anchor = find_quote(REPORT, page_no, quote)
    words = wait_words(qtbot, tab, page_no)
    tab.view.go_to_page(page_no, anchor.rects[0][2])
    first, last = anchor.rects[0], anchor.rects[-1]
    mid = lambda r: (r[2] + r[4]) / 2  # noqa: E731
    _drag(qtbot, tab, page_no, (first[1] + 1, mid(first)), (last[3] - 1, mid(last)))
    assert words
    return anchor


def test_select_press_key_label_tag_restart_and_undo(qtbot, sample_library, open_window, qtmodeltester):
    lib = sample_library
    root = lib.root
    window = open_window(lib)
    doc = doc_by_file(lib, "iob-evaluatie")
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()
    assert tab.doc_id == doc.id

    anchor = _select_quote(qtbot, tab, 91, QUOTE_1A)
    assert tab.view.selection().quote == anchor.quote
    qtbot.keyClick(tab.view, Qt.Key.Key_1)  # the key for "recommendation"
    rows = uc.list_annotations(lib, doc.id)
    assert [(r.role, r.quote, r.page_no) for r in rows] == [("recommendation", anchor.quote, 91)]
    ann_id = rows[0].id
    assert tab.panel.current.id == ann_id and tab.panel.label.hasFocus()

    qtbot.keyClicks(tab.panel.label, "1a")
    qtbot.keyClick(tab.panel.label, Qt.Key.Key_Return)
    qtbot.mouseClick(tab.panel.tags, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.panel.tags, "Thema/Multilateraal")
    qtbot.keyClick(tab.panel.tags, Qt.Key.Key_Return)
    qtbot.mouseClick(tab.panel.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.panel.note, "<b>niet vet</b>")
    tab.panel.list.setFocus()  # leaving the note stores it
    stored = uc.get_annotation(lib, ann_id)
    assert (stored.label, stored.tags, stored.note) == ("1a", ("Thema/Multilateraal",), "<b>niet vet</b>")
    qtmodeltester.check(tab.panel.model)
    qtmodeltester.check(tab.panel.proxy)

    # Undo the note, tags, label and the creation; redo them all.
    stack = window.undo_stack
    assert stack.count() == 4
    for _ in range(4):
        stack.undo()
    assert uc.list_annotations(lib, doc.id) == []
    assert tab.panel.model.rowCount() == 0
    for _ in range(4):
        stack.redo()
    again = uc.get_annotation(lib, ann_id)
    assert (again.label, again.tags, again.note) == ("1a", ("Thema/Multilateraal",), "<b>niet vet</b>")

    # Close the app, start it again: the annotation is there, painted in place.
    window.close()
    lib.close()
    lib2 = Library.open(root)
    try:
        window2 = open_window(lib2)
        tab2 = window2.features["ui.reader.plugin"].open_document(doc.id, page=91)
        assert [a.id for a in tab2.view.annotations] == [ann_id]
        assert tab2.panel.model.rowCount() == 1
        r = again.rects[0]
        tab2.view.go_to_page(91, r[2])
        scale = tab2.view.px_per_pt * tab2.view.devicePixelRatioF()
        qtbot.waitUntil(lambda: tab2.service.image(tab2.doc_id, 91, scale) is not None, timeout=20000)
        shot = tab2.view.viewport().grab().toImage()
        # A point between two words of the first line: paper white tinted by the role colour.
        px = QColor(shot.pixel(_point(tab2, 91, r[1] + 1, r[4] - 1)))
        assert px.blue() < 200 < px.red(), px.name()
    finally:
        window2.close()
        lib2.close()


def test_click_annotation_selects_it_and_panel_selects_back(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    a = find_quote(REPORT, 91, QUOTE_1A)
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=91, rects=a.rects, quote=a.quote,
                                     role="recommendation", note="hover <i>note</i>")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id, page=91)
    r = a.rects[0]
    tab.view.go_to_page(91, r[2])
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=_point(tab, 91, (r[1] + r[3]) / 2, (r[2] + r[4]) / 2))
    assert tab.panel.current.id == ann_id
    assert tab.view.selected_annotation == ann_id
    tab.panel.list.clearSelection()
    tab.view.select_annotation(None)
    tab.view.go_to_page(1)
    idx = tab.panel.proxy.index(0, 0)
    qtbot.mouseClick(tab.panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.panel.list.visualRect(idx).center())
    assert tab.view.selected_annotation == ann_id
    assert tab.view.current_page == 91
    # Delete from the list with the Delete key; Ctrl+Z brings it back with its id.
    qtbot.keyClick(tab.panel.list, Qt.Key.Key_Delete)
    assert uc.list_annotations(lib, doc.id) == []
    window.undo_stack.undo()
    assert uc.get_annotation(lib, ann_id).note == "hover <i>note</i>"


def test_area_double_click_copy_and_filters(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    words = wait_words(qtbot, tab, 1)
    w = words[5]
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=_point(tab, 1, (w[0] + w[2]) / 2, (w[1] + w[3]) / 2))
    assert tab.view.selection().quote == w[4]
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == w[4]
    qtbot.keyClick(tab.view, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == f"“{w[4]}” ({doc.title}, p. 1)"

    # Shift+drag: an area around the first three words, annotated as evidence (key 3).
    box = (min(x[0] for x in words[:3]) - 2, min(x[1] for x in words[:3]) - 2,
           max(x[2] for x in words[:3]) + 2, max(x[3] for x in words[:3]) + 2)
    _drag(qtbot, tab, 1, box[:2], box[2:], Qt.KeyboardModifier.ShiftModifier)
    assert tab.view.selection_is_area()
    qtbot.keyClick(tab.view, Qt.Key.Key_3)
    (area,) = uc.list_annotations(lib, doc.id)
    assert area.is_area and area.role == "evidence"
    assert area.quote == " ".join(x[4] for x in words[:3])

    wait_words(qtbot, tab, 2)
    _drag(qtbot, tab, 2, (60, 100), (400, 160))
    qtbot.keyClick(tab.view, Qt.Key.Key_4)
    assert tab.panel.model.rowCount() == 2
    tab.panel.role_filter.setCurrentIndex(tab.panel.role_filter.findData("comment"))
    assert tab.panel.proxy.rowCount() == 1
    tab.panel.text_filter.setText("zzzz")
    assert tab.panel.proxy.rowCount() == 0


def test_zoom_keys_fit_and_no_text_notice(qtbot, sample_library, open_window):
    lib = sample_library
    window = open_window(lib)
    scan = doc_by_file(lib, "beleidsnota-mensenrechten-democratie-rechtsorde-scan")
    tab = window.features["ui.reader.plugin"].open_document(scan.id)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))  # focus
    z = tab.view.zoom
    qtbot.keyClick(tab.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.zoom > z
    qtbot.keyClick(tab.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.zoom == 1.0 and tab.zoom_label.text() == "100 %"
    qtbot.keyClick(tab.view, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert tab.view.page_rect(1).height() <= tab.view.viewport().height()
    qtbot.keyClick(tab.view, Qt.Key.Key_End)
    assert tab.view.current_page == len(tab.view.pages)
    qtbot.keyClick(tab.view, Qt.Key.Key_Home)
    assert tab.view.current_page == 1
    # Pressing a role key without a selection explains what to do and stores nothing.
    qtbot.keyClick(tab.view, Qt.Key.Key_1)
    assert "Select text first" in window.statusBar().currentMessage()
    # (The status bar message may have changed the height: fit page zoom follows.)
    qtbot.waitUntil(lambda: tab.service.image(
        tab.doc_id, 1, tab.view.px_per_pt * tab.view.devicePixelRatioF()) is not None, timeout=20000)
    shot = tab.view.viewport().grab().toImage()
    r = tab.view.page_rect(1)
    banner = QColor(shot.pixel(QPointF(r.x() + 12, r.y() + 12).toPoint()))
    assert (banner.red(), banner.green()) > (240, 220) and banner.blue() < 200


def test_tag_type_ahead_completes_from_the_codebook(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    uc.create_tag(lib, "Thema/Multilateraal")
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=[[1, 50, 50, 200, 60]],
                                     quote="x", role="comment", tags=["urgent"])
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    tab.panel.select(ann_id)
    qtbot.mouseClick(tab.panel.tags, Qt.MouseButton.LeftButton)
    tab.panel.tags.end(False)
    qtbot.keyClicks(tab.panel.tags, ", multi")
    popup = tab.panel.tags.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert tab.panel.tags.text() == "urgent, Thema/Multilateraal"
    qtbot.keyClick(tab.panel.tags, Qt.Key.Key_Return)
    assert uc.get_annotation(lib, ann_id).tags == ("Thema/Multilateraal", "urgent")


def test_render_process_killed_is_started_again(qtbot, sample_library, open_window):
    import os
    import signal

    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    service = tab.service
    qtbot.waitUntil(lambda: tab.view.complete_frames > 0, timeout=20000)
    old_pid = service.pid
    with qtbot.waitSignal(service.sig_failed, timeout=10000):
        os.kill(old_pid, signal.SIGKILL)
    tab.view.go_to_page(40)  # pages never rendered before: only a new process can draw them
    qtbot.waitUntil(lambda: service.image(doc.id, 40, tab.view.px_per_pt * tab.view.devicePixelRatioF())
                    is not None, timeout=20000)
    assert service.pid != old_pid


def test_open_document_at_a_page_with_highlights(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    a = find_quote(REPORT, 91, QUOTE_1A)
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=91, rects=a.rects, quote=a.quote,
                                     role="recommendation")
    window = open_window(lib)
    window.open_document(doc.id, page=12, highlight=["aanbevelingen"])
    tab = window.tabs.currentWidget()
    assert tab.view.current_page == 12
    words = wait_words(qtbot, tab, 12)
    hit = next(w for w in words if w[4].lower().startswith("aanbevelingen"))
    tab.view.go_to_page(12, hit[1])
    qtbot.waitUntil(lambda: tab.service.image(doc.id, 12, tab.view.px_per_pt * tab.view.devicePixelRatioF())
                    is not None, timeout=20000)
    shot = tab.view.viewport().grab().toImage()
    # The middle of the word's height, beside its first letter (between the
    # strokes): inside the mark at any zoom the window's width gives the page.
    px = QColor(shot.pixel(_point(tab, 12, hit[0] + 0.3, (hit[1] + hit[3]) / 2)))
    assert px.red() > 200 and px.blue() < 150, px.name()  # marked orange
    # Rects of an annotation: the same tab scrolls there and selects it (one click from a link).
    window.open_document(doc.id, highlight=a.rects)
    assert window.tabs.count() == 2  # the library and this one document
    assert tab.view.current_page == 91 and tab.panel.current.id == ann_id


def test_delete_and_role_keys_type_into_editor_fields(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=[[1, 50, 50, 200, 60]],
                                     quote="x", role="comment", note="ab")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    tab.panel.select(ann_id)
    qtbot.mouseClick(tab.panel.note, Qt.MouseButton.LeftButton)
    tab.panel.note.moveCursor(tab.panel.note.textCursor().MoveOperation.Start)
    qtbot.keyClick(tab.panel.note, Qt.Key.Key_Delete)  # deletes a character, not the annotation
    qtbot.keyClicks(tab.panel.note, "1")  # types a digit, does not annotate
    tab.panel.list.setFocus()
    assert uc.get_annotation(lib, ann_id).note == "1b"
    assert len(uc.list_annotations(lib, doc.id)) == 1


def test_delete_key_on_the_page_deletes_the_clicked_annotation(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=[[1, 60, 60, 300, 80]],
                                     quote="x", role="evidence")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=_point(tab, 1, 100, 70))
    assert tab.view.selected_annotation == ann_id
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert uc.list_annotations(lib, doc.id) == []
    qtbot.keyClick(tab.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.id for a in uc.list_annotations(lib, doc.id)] == [ann_id]


def test_hover_shows_the_note_as_plain_text(qtbot, sample_library, open_window):
    from PySide6.QtWidgets import QToolTip

    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    uc.create_annotation(lib, doc.id, page_no=1, rects=[[1, 60, 60, 300, 80]], quote="x",
                         role="comment", note="<img src=x> & <b>vet</b>")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    qtbot.mouseMove(tab.view.viewport(), _point(tab, 1, 120, 70))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    assert "&lt;img src=x&gt; &amp; &lt;b&gt;vet&lt;/b&gt;" in QToolTip.text()


def test_drag_to_the_bottom_edge_scrolls_and_selects_across_the_page_break(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    window = open_window(lib)
    tab = window.features["ui.reader.plugin"].open_document(doc.id)
    words = wait_words(qtbot, tab, 1)
    w = words[-20]
    tab.view.go_to_page(1, w[1])
    vp = tab.view.viewport()
    start = _point(tab, 1, w[0] + 1, (w[1] + w[3]) / 2)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    edge = QPoint(start.x(), vp.height() - 5)
    qtbot.mouseMove(vp, edge)  # then hold still at the edge
    qtbot.waitUntil(lambda: tab.view.selection() is not None
                    and {r[0] for r in tab.view.selection().rects} >= {1, 2}, timeout=10000)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=edge)
    assert tab.view.selection().quote.startswith(w[4])
