"""The window at a laptop's and a monitor's size, in English and Dutch: no
widget is squeezed below the size it needs, and with the longest passage of
the samples selected the list, the register and the page stay usable.

Each state is also saved as a screenshot under pytest's temporary folder
(``--basetemp`` to keep them), to be looked at when this test fails.
"""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app import annotations as uc
from app.recommendations.apply import detect_document
from tests.conftest import doc_by_file


def squeezed(root: QWidget) -> list[str]:
    """Widgets on screen that are smaller than their minimum size hint."""
    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.visibleRegion().isEmpty() or w.objectName().startswith("qt_"):
            continue  # hidden, covered (a tab behind another), or Qt's own inner part
        parent, scrolled = w.parentWidget(), False
        while parent is not None and parent is not root:
            if isinstance(parent, QAbstractScrollArea):
                scrolled = True  # what is inside a scroll area scrolls instead
                break
            parent = parent.parentWidget()
        hint = w.minimumSizeHint()
        if scrolled or not hint.isValid():
            continue
        if w.width() + 1 < hint.width() or w.height() + 1 < hint.height():
            text = w.text() if hasattr(w, "text") and callable(w.text) else w.objectName()
            found.append(f"{type(w).__name__} {text!r}: {w.width()}x{w.height()} < "
                         f"{hint.width()}x{hint.height()}")
    return found


@pytest.fixture
def interface_language(qapp, request):
    from ui.i18n import install_translators

    install_translators(qapp, request.param)
    yield request.param
    install_translators(qapp, "en")


@pytest.mark.parametrize("interface_language", ["en", "nl"], indirect=True)
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_nothing_is_squeezed_with_the_longest_passage_selected(
        qtbot, sample_library, make_window, interface_language, size, tmp_path):
    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie")
    # The longest recommendation of the samples, stored as the reviewer would.
    longest = max(detect_document(lib, report.id), key=lambda p: len(p.quote))
    ann_id, _ = uc.create_annotation(lib, report.id, page_no=longest.page_no,
                                     rects=[[longest.page_no, 60, 100, 540, 400]], quote=longest.quote,
                                     role="recommendation", label=longest.label,
                                     note="Een notitie " * 40)
    window = make_window(lib)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])

    def check(name: str) -> None:
        qtbot.wait(50)  # one round of layout after the last change
        window.grab().save(str(tmp_path / f"{interface_language}-{size[0]}-{name}.png"))
        assert squeezed(window) == [], name

    check("library")
    window.open_document(report.id, longest.page_no)
    tab = window.tabs.currentWidget()
    tab.panel.select(ann_id)
    check("reader")
    lines = tab.panel.list.fontMetrics().lineSpacing()
    assert tab.panel.list.height() >= 6 * lines  # the list keeps several rows
    assert tab.view.width() >= 0.3 * window.width()  # the page stays the main thing

    recs = window.features["ui.recommendations.plugin"]
    register = recs.show_register()
    register.select(ann_id)
    check("register")
    em = register.text.fontMetrics().averageCharWidth()
    assert register.text.width() >= 30 * em  # no words broken in a narrow detail pane
    assert register.search.width() >= 15 * em  # the filter box shows what it is for

    recs.show_side_by_side(ann_id)
    check("side-by-side")


@pytest.mark.parametrize("interface_language", ["nl"], indirect=True)  # the longer notice
def test_side_by_side_shares_the_width_when_nothing_is_linked(qtbot, sample_library, make_window,
                                                             interface_language):
    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie")
    ann_id, _ = uc.create_annotation(lib, report.id, page_no=12, rects=[[12, 60, 100, 540, 140]],
                                     quote="Bevorder de uitvoering", role="recommendation", label="1")
    window = make_window(lib)
    window.resize(1280, 800)
    side = window.features["ui.recommendations.plugin"].show_side_by_side(ann_id)
    qtbot.wait(50)
    left, right = side.left.width(), side.right.width()
    assert abs(left - right) <= 0.2 * (left + right), (left, right)
