"""Failures in the window are one sentence: a full disk while annotating, a
missing PDF, an exception that escapes a slot (details in the log file)."""
from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from app import annotations as uc
from app.importer import import_files
from app.library import Library
from tests.conftest import mounted_tmpfs, REPORT, doc_by_file
from tests.reader.test_reader_ui import QUOTE_1A, _select_quote


def _boxes(window) -> list[str]:
    return [b.text() for b in window.findChildren(QMessageBox) if b.isVisible()]


@pytest.fixture
def small_disk(tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "8m") as where:
        yield where


def test_disk_full_while_annotating_in_the_window(qtbot, small_disk, open_window):
    lib = Library.open(small_disk / "lib")
    assert not import_files(lib, [REPORT]).failed
    window = open_window(lib)
    doc = doc_by_file(lib, "iob-evaluatie")
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()
    _select_quote(qtbot, tab, 91, QUOTE_1A)
    filler = small_disk / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    try:
        qtbot.keyClick(tab.view, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: bool(_boxes(window)), timeout=5000)
    finally:
        filler.unlink()
    [text] = _boxes(window)
    assert "disk is full" in text and "Traceback" not in text
    assert uc.list_annotations(lib, doc.id) == []
    assert window.undo_stack.count() == 0
    for box in window.findChildren(QMessageBox):
        box.close()
    anchor = _select_quote(qtbot, tab, 91, QUOTE_1A)  # space freed: the same again works
    qtbot.keyClick(tab.view, Qt.Key.Key_1)
    assert [r.quote for r in uc.list_annotations(lib, doc.id)] == [anchor.quote]


def test_a_missing_pdf_says_which_and_how_to_bring_it_back(qtbot, sample_library, open_window):
    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    lib.document_file(doc).unlink()
    window = open_window(lib)
    count = window.tabs.count()
    window.open_document(doc.id)
    [text] = _boxes(window)
    assert doc.file_name in text and "import the same PDF again" in text
    assert window.tabs.count() == count


def test_an_exception_in_a_slot_is_one_sentence_and_a_log_entry(qtbot, tmp_path):
    from app import logs
    from ui.application import create_application
    from ui.failures import Hooks

    create_application()
    hooks = Hooks(tmp_path).install()
    try:
        def slot() -> None:
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: bool(hooks.shown), timeout=5000)
    finally:
        hooks.uninstall()
    [text] = hooks.shown
    log = logs.log_file()
    assert str(log) in text and "Traceback" not in text
    assert "a bug in a slot" in log.read_text() and "Traceback" in log.read_text()
    for box in __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
