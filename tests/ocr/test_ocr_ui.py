"""OCR in the window: an imported scan is recognised in the background, page
by page, and then its words can be selected, marked and exported."""
from __future__ import annotations

import subprocess

from PySide6.QtCore import QPoint, QPointF, Qt

from app import annotations as uc
from app.anchoring import find_quote
from tests.reader.conftest import wait_words

QUOTE = ("Mensenrechten, democratie en internationale rechtsorde bieden een raamwerk voor "
         "samenwerking en ontwikkeling")


def _point(tab, page_no: int, x: float, y: float) -> QPoint:
    r = tab.view.page_rect(page_no)
    s = tab.view.px_per_pt
    return QPointF(r.x() + x * s, r.y() + y * s).toPoint()


def _drag(qtbot, tab, page_no: int, start: tuple, end: tuple) -> None:
    vp = tab.view.viewport()
    a, b = _point(tab, page_no, *start), _point(tab, page_no, *end)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    qtbot.mouseMove(vp, (a + b) / 2)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def test_imported_scan_is_recognised_in_the_background_then_marked_and_exported(
    qtbot, library, open_window, ocr_pdfs, tmp_path
):
    from app.export.annotated_pdf import export_annotated_pdf

    window = open_window(library)
    ocr = window.features["ui.reader.plugin"].ocr
    with qtbot.waitSignal(ocr.sig_ocr_started, timeout=60000) as started:
        window.import_paths([ocr_pdfs["scan1"]])
    doc_id = started.args[0]
    qtbot.waitUntil(lambda: getattr(window.tabs.currentWidget(), "doc_id", None) == doc_id, timeout=20000)
    tab = window.tabs.currentWidget()
    if doc_id in ocr.running:  # still at work: the page says so, and the reader is usable
        assert tab.view.recognising
        tab.view.zoom_by(1.2)
    with qtbot.waitSignal(ocr.sig_ocr_finished, timeout=240000) as finished:
        pass
    report = finished.args[0]
    assert report.recognised == [1] and report.confidence > 80
    assert not tab.view.recognising
    assert tab.view.pages[0].ocr == "recognised"
    assert tab.view.ocr_badge(tab.view.pages[0]).startswith("Recognised text (OCR), confidence")
    assert tab.page_list.item(0).text().endswith("OCR")

    words = wait_words(qtbot, tab, 1)
    assert len(words) > 100
    anchor = find_quote(library.document_file(library.resolve_document(doc_id)), 1, QUOTE)
    first, last = anchor.rects[0], anchor.rects[-1]
    mid = lambda r: (r[2] + r[4]) / 2  # noqa: E731
    tab.view.go_to_page(1, first[2])
    _drag(qtbot, tab, 1, (first[1] + 1, mid(first)), (last[3] - 1, mid(last)))
    assert tab.view.selection().quote == QUOTE
    window.activateWindow()  # no longer active here (offscreen, after the import); keys need it
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(tab.view, Qt.Key.Key_1)
    rows = uc.list_annotations(library, doc_id)
    assert [(r.role, r.quote) for r in rows] == [("recommendation", QUOTE)]

    out = tmp_path / "scan-annotated.pdf"
    export_annotated_pdf(library, doc_id, out)
    found = []
    for _, x0, y0, x1, y1 in rows[0].rects:
        found += subprocess.run(
            ["pdftotext", "-r", "72", "-x", str(round(x0)), "-y", str(round(y0)),
             "-W", str(round(x1 - x0)), "-H", str(round(y1 - y0)), str(out), "-"],
            capture_output=True, text=True, check=True,
        ).stdout.split()
    assert " ".join(found) == QUOTE


def test_without_tesseract_the_window_says_once_how_to_install_it(
    qtbot, library, open_window, ocr_pdfs, tmp_path, monkeypatch
):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    window = open_window(library)
    ocr = window.features["ui.reader.plugin"].ocr
    with qtbot.waitSignal(ocr.sig_ocr_finished, timeout=60000) as first:
        window.import_paths([ocr_pdfs["scan1"]])
    assert first.args[0].message and not first.args[0].pages
    message = window.statusBar().currentMessage()
    assert "Tesseract is not installed" in message and "apt-get install tesseract-ocr" in message
    window.statusBar().clearMessage()
    tab = window.tabs.currentWidget()
    with qtbot.waitSignal(ocr.sig_ocr_finished, timeout=60000):
        window.tabs.setCurrentWidget(tab)
        ocr.action.trigger()
    assert "Tesseract" not in window.statusBar().currentMessage()  # said once, not again
    assert not tab.view.pages[0].has_text and not tab.view.recognising
