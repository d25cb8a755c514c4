"""Debate mode stays on its screen, says how to leave, and gives the keyboard back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.search.test_search_ui import RESULTS_TIMEOUT, feature_of


def test_debate_mode_fits_its_screen_and_returns_the_focus(qtbot, search_window):
    window = search_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    feature = feature_of(window)
    feature.panel.field.setFocus()
    qtbot.waitUntil(feature.panel.field.hasFocus)
    qtbot.keyClick(feature.panel.field, Qt.Key.Key_F11)
    debate = feature.debate
    screen = window.screen().geometry()
    assert debate.isVisible() and debate.width() <= screen.width()
    assert debate.leave_hint.isVisible() and "Esc" in debate.leave_hint.text()

    with qtbot.waitSignal(debate.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(debate.field, "mensenrechten")
    longest = max(range(len(debate._hits)), key=lambda i: len(debate._hits[i].plain))
    debate.results.setCurrentRow(longest)
    with qtbot.waitSignal(debate.sig_copied, timeout=5000):
        qtbot.keyClick(debate.field, Qt.Key.Key_Return)
    qtbot.wait(50)  # a round of layout with the long "Copied: …" line
    assert debate.width() <= screen.width() and debate.status.width() <= screen.width()

    qtbot.keyClick(debate.field, Qt.Key.Key_Escape)
    assert not debate.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is feature.panel.field, timeout=5000)
    assert window.isActiveWindow()
