"""Every key declared in ui.actions, pressed in a real window, fires its action."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app import annotations as uc
from tests.conftest import doc_by_file


@pytest.fixture
def active_window(qtbot, make_window):
    def make(lib):
        window = make_window(lib)
        window.resize(1280, 800)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # shortcuts need an active window
        return window

    return make


def _press(qtbot, widget, key: str) -> None:
    combo = QKeySequence(key)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def test_every_declared_key_fires_its_action_once(qtbot, sample_library, active_window):
    from ui.actions import ACTIONS

    window = active_window(sample_library)
    window.open_document(doc_by_file(sample_library, "iob-evaluatie").id)
    tab = window.tabs.currentWidget()
    tab.view.setFocus()
    qtbot.waitUntil(tab.view.hasFocus)

    keyed = [s for s in ACTIONS if s.keys and s.window_wide]
    assert {"undo", "redo", "link", "debate", "annotate_recommendation", "keys"} <= {s.name for s in keyed}
    fired: dict[str, int] = {}
    for spec in keyed:
        action = window.actions.get(spec.name)
        assert action is not None, f"{spec.name} is declared but no feature made it"
        # Only the key routing is under test here: the slots (dialogs, debate
        # mode, the undo stack) are taken off, and the action is enabled.
        action.triggered.disconnect()
        action.triggered.connect(lambda *_, n=spec.name: fired.__setitem__(n, fired.get(n, 0) + 1))
        action.setEnabled(True)
    for spec in keyed:
        for key in spec.keys:
            before = fired.get(spec.name, 0)
            _press(qtbot, tab.view, key)
            assert fired.get(spec.name, 0) == before + 1, f"{key} did not fire {spec.name}"
    assert not [s.name for s in ACTIONS if s.keys and window.actions.get(s.name) is None]


def test_no_two_actions_share_a_key(qtbot, sample_library, active_window):
    window = active_window(sample_library)
    seen: dict[int, str] = {}
    for name, action in window.actions.actions.items():
        for seq in action.shortcuts():
            combined = seq[0].toCombined()
            assert combined not in seen, f"{seq.toString()} is both {seen[combined]} and {name}"
            seen[combined] = name


def test_undo_right_after_marking_and_redo_by_both_keys(qtbot, sample_library, active_window):
    from tests.reader.test_reader_ui import QUOTE_1A, _select_quote

    lib = sample_library
    window = active_window(lib)
    doc = doc_by_file(lib, "iob-evaluatie")
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()
    _select_quote(qtbot, tab, 91, QUOTE_1A)
    qtbot.keyClick(tab.view, Qt.Key.Key_1)
    assert len(uc.list_annotations(lib, doc.id)) == 1
    assert tab.panel.label.hasFocus()  # ready for a label, yet Ctrl+Z is the window's undo

    _press(qtbot, tab.panel.label, "Ctrl+Z")
    assert uc.list_annotations(lib, doc.id) == []
    _press(qtbot, tab.panel.label, "Ctrl+Shift+Z")
    assert len(uc.list_annotations(lib, doc.id)) == 1
    _press(qtbot, tab.view, "Ctrl+Z")
    assert uc.list_annotations(lib, doc.id) == []
    _press(qtbot, tab.view, "Ctrl+Y")
    rows = uc.list_annotations(lib, doc.id)
    assert len(rows) == 1

    # Typing not stored yet is the field's own to undo.
    tab.panel.select(rows[0].id)
    tab.panel.label.setFocus()
    qtbot.keyClicks(tab.panel.label, "1a")
    _press(qtbot, tab.panel.label, "Ctrl+Z")
    assert tab.panel.label.text() == "" and len(uc.list_annotations(lib, doc.id)) == 1


def test_help_lists_every_key_and_opens_the_guides(qtbot, sample_library, active_window):
    from ui.actions import ACTIONS, native_keys
    from ui.help import GuideDialog, KeysDialog

    window = active_window(sample_library)
    _press(qtbot, window.tabs.currentWidget(), "F1")
    dialog = window.findChild(KeysDialog)
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    listed = {table.item(r, 1).text() for r in range(table.rowCount())}
    assert {native_keys(s) for s in ACTIONS if s.keys} <= listed
    assert "Shift+drag" in listed
    dialog.close()

    guides = window.menu_guides.actions()
    assert len(guides) == 4
    guides[0].trigger()
    guide = window.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    assert "annotat" in guide.browser.toPlainText().lower()
    guide.close()
