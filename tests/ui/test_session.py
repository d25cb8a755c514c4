"""Quitting and starting again brings back the tabs, their pages and zoom,
the selected annotation and the current tab."""
from __future__ import annotations

from app import annotations as uc
from app.library import Library
from tests.conftest import doc_by_file


def test_tabs_pages_zoom_and_selection_come_back(qtbot, sample_library, make_window):
    lib = sample_library
    root = lib.root
    report, reply = doc_by_file(lib, "iob-evaluatie"), doc_by_file(lib, "kabinetsreactie")
    ann_id, _ = uc.create_annotation(lib, report.id, page_no=40, rects=[[40, 60, 100, 500, 140]],
                                     quote="iets", role="comment")
    window = make_window(lib)
    reader = window.features["ui.reader.plugin"]
    tab = reader.open_document(report.id)
    tab.view.set_zoom(1.5)
    tab.view.go_to_page(40)
    tab.panel.select(ann_id)
    tab.view.select_annotation(ann_id)
    other = reader.open_document(reply.id)
    other.view.set_fit("page")
    other.view.go_to_page(3)
    window.features["ui.recommendations.plugin"].show_register()
    window.tabs.setCurrentWidget(tab)
    window.close()
    lib.close()

    lib2 = Library.open(root)
    try:
        window2 = make_window(lib2)
        tabs = window2.tabs
        qtbot.waitUntil(lambda: tabs.count() == 4, timeout=10000)
        docs = [getattr(tabs.widget(i), "doc_id", None) for i in range(tabs.count())]
        assert docs[1:3] == [report.id, reply.id]
        assert tabs.widget(3).objectName() == "register"
        again = tabs.widget(1)
        assert tabs.currentWidget() is again
        assert again.view.fit is None and abs(again.view.zoom - 1.5) < 0.01
        qtbot.waitUntil(lambda: again.view.current_page == 40, timeout=5000)
        assert again.view.selected_annotation == ann_id and again.panel.current.id == ann_id
        second = tabs.widget(2)
        assert second.view.fit == "page" and second.view.current_page == 3
    finally:
        window2.close()
        lib2.close()


def test_a_document_removed_meanwhile_is_left_out(qtbot, sample_library, make_window):
    from app import usecases

    lib = sample_library
    root = lib.root
    report = doc_by_file(lib, "iob-evaluatie")
    window = make_window(lib)
    window.features["ui.reader.plugin"].open_document(report.id)
    window.close()
    usecases.remove_document(lib, report.id)
    lib.close()
    lib2 = Library.open(root)
    try:
        window2 = make_window(lib2)
        qtbot.wait(100)  # the session is restored once the window is up
        assert window2.tabs.count() == 1 and window2.isVisible()
    finally:
        window2.close()
        lib2.close()


def test_a_language_switch_asks_once_and_reopens_with_the_tabs(qtbot, sample_library, make_window):
    from ui import settings
    from ui.settings_dialog import SettingsDialog

    lib = sample_library
    window = make_window(lib)
    window.features["ui.reader.plugin"].open_document(doc_by_file(lib, "iob-evaluatie").id)
    before = settings.get("language")
    try:
        dialog = SettingsDialog(window)
        dialog.language.setCurrentIndex(dialog.language.findData("nl" if before != "nl" else "en"))
        dialog.accept()  # OK: no second question, the window closes to reopen
        assert window.restart_root == lib.root and not window.isVisible()
        saved = settings.qsettings().value(window._session_key())
        assert doc_by_file(lib, "iob-evaluatie").id in saved
    finally:
        settings.set("language", before)
