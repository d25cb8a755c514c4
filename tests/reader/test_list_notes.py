"""The annotation list shows the reviewer's note under the passage."""
from __future__ import annotations

from PySide6.QtCore import Qt


def test_notes_are_shown_in_the_list(qapp, qtmodeltester, sample_library):
    from app import annotations as uc
    from tests.conftest import doc_by_file
    from ui.reader.models import AnnotationListModel

    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    for y, quote, note in ((100, "Stuur de ambassades gerichter aan.", "Zie ook\nde reactie, p. 4"),
                           (200, "Zonder notitie.", "")):
        uc.create_annotation(lib, doc.id, page_no=3, rects=[[3, 60, y, 500, y + 20]], quote=quote,
                             role="recommendation", label="1a", note=note)
    model = AnnotationListModel()
    model.set_rows(uc.list_annotations(lib, doc.id))
    qtmodeltester.check(model)
    first = model.index(0).data(Qt.ItemDataRole.DisplayRole)
    assert first.splitlines()[-1] == "Note: Zie ook de reactie, p. 4"
    assert "Note:" not in model.index(1).data(Qt.ItemDataRole.DisplayRole)
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Stuur de ambassades" in tip and "Zie ook" in tip


def test_pages_tab_shows_thumbnails_of_the_pages_in_sight(qtbot, sample_library, open_window):
    from tests.conftest import doc_by_file

    window = open_window(sample_library)
    doc = doc_by_file(sample_library, "iob-evaluatie")
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()
    thumbs = tab.page_list
    assert not thumbs.opened  # nothing is rendered for a tab not looked at
    tab.side.setCurrentWidget(thumbs)
    qtbot.waitUntil(lambda: not thumbs.item(0).icon().isNull(), timeout=20000)
    in_sight = thumbs.visible_pages()
    assert 1 in in_sight and len(in_sight) < thumbs.count()
    assert thumbs.item(thumbs.count() - 1).icon().isNull()  # the last page: not in sight, not rendered
    icon = thumbs.item(0).icon().pixmap(thumbs.iconSize())
    assert 0 < icon.width() <= thumbs.iconSize().width()
    qtbot.mouseClick(thumbs.viewport(), Qt.MouseButton.LeftButton, pos=thumbs.visualItemRect(thumbs.item(1)).center())
    qtbot.waitUntil(lambda: tab.view.current_page == 2, timeout=5000)


def test_the_detectors_remarks_show_apart_from_the_note(qtbot, sample_library, open_window):
    """A second printing found by detection is said under the note, in the
    interface's words, read-only; the reviewer's note stays empty."""
    from app import annotations as uc
    from app.anchoring import find_quote
    from storage import records
    from tests.conftest import REPORT, doc_by_file
    from tests.reader.test_reader_ui import QUOTE_1A

    lib = sample_library
    doc = doc_by_file(lib, "iob-evaluatie")
    anchor = find_quote(REPORT, 91, QUOTE_1A)
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=91, rects=anchor.rects, quote=anchor.quote,
                                     role="recommendation", label="1a")
    with lib.write() as db:
        records.update_annotation(db, ann_id, {"remarks": [{"kind": "also_printed", "page": 12, "label": "1a"}]})
    window = open_window(lib)
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()
    tab.panel.select(ann_id)
    qtbot.waitUntil(lambda: tab.panel.current is not None and tab.panel.current.id == ann_id, timeout=5000)
    assert tab.panel.note.toPlainText() == ""
    assert tab.panel.remarks.isVisible() and "12" in tab.panel.remarks.text()
    assert "1a" in tab.panel.remarks.text() and not tab.panel.remarks.isEnabled()
