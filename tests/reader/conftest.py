"""Fixtures for the reader's window tests: a real MainWindow on the samples."""
from __future__ import annotations

import pytest


@pytest.fixture
def open_window(qtbot):
    """Build MainWindows on a library; each is closed (render process stopped) at the end."""
    from ui.application import create_application
    from ui.main_window import MainWindow

    create_application()
    windows = []

    def make(lib, size=(1280, 900)):
        window = MainWindow(lib)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # shortcuts need an active window
        windows.append(window)
        return window

    yield make
    for w in windows:
        if w.isVisible():
            w.ops.wait(30000)
            w.close()


def wait_words(qtbot, tab, page_no: int) -> list:
    """Wait until the render process sent the page's word boxes."""
    tab.view.go_to_page(page_no)
    qtbot.waitUntil(lambda: tab.service.words(tab.doc_id, page_no) is not None, timeout=20000)
    return tab.service.words(tab.doc_id, page_no)
