"""The search panel as a user meets it (pytest-qt, offscreen)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.conftest import LETTER

RESULTS_TIMEOUT = 20000


def feature_of(window):
    return window.features["ui.search.plugin"]


def test_type_see_results_enter_opens_the_page(qtbot, search_window, qtmodeltester, monkeypatch):
    window = search_window
    feature = feature_of(window)
    panel = feature.panel
    opened = []
    monkeypatch.setattr(window, "open_document", lambda doc, page=None, highlight=None: opened.append((doc, page, highlight)))
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert panel.field.hasFocus()
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT) as blocker:
        qtbot.keyClicks(panel.field, "Mensenrechtenraad")
    outcome = blocker.args[0]
    assert outcome.hits and outcome.source == "index"
    assert panel.model.hit_count() == len(outcome.hits)
    qtmodeltester.check(panel.model)
    letter = window.lib.resolve_document(LETTER.name)
    # Arrow down moves the selection; Enter opens the selected hit's page.
    first = panel.current_hit()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    second = panel.current_hit()
    assert second is not first
    qtbot.keyClick(panel.field, Qt.Key.Key_Up)
    assert panel.current_hit() is first
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert opened and opened[-1][0] == first.document and opened[-1][1] == first.page
    assert "mensenrechtenraad" in [w.lower() for w in opened[-1][2]]
    assert any(h.document == letter.id for h in outcome.hits)


def test_snippet_html_escapes_pdf_text():
    from ui.search.model import snippet_html

    out = snippet_html("a <script>x</script> & b", [(0, 1)])
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b" in out


def test_note_is_found_after_an_edit(qtbot, search_window):
    from app.annotations import create_annotation

    window = search_window
    panel = feature_of(window).panel
    letter = window.lib.resolve_document(LETTER.name)
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(panel.field, "zeppelinvlucht")
    assert panel.model.hit_count() == 0
    with qtbot.waitSignal(panel.sig_results, timeout=5000) as blocker:
        create_annotation(window.lib, letter.id, page_no=1, rects=[[1, 72, 100, 500, 120]],
                          quote="het kabinet", role="comment", note="zeppelinvlucht")
    # The window's change poked the indexer; its "ready" re-ran the search.
    assert [h.kind for h in blocker.args[0].hits] == ["annotation"]


def test_next_match_walks_the_document(qtbot, search_window, monkeypatch):
    window = search_window
    feature = feature_of(window)
    letter = window.lib.resolve_document(LETTER.name)
    opened = []
    monkeypatch.setattr(feature, "current_document_id", lambda: letter.id)
    monkeypatch.setattr(window, "open_document", lambda doc, page=None, highlight=None: opened.append(page))
    with qtbot.waitSignal(feature.panel.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(feature.panel.field, "Mensenrechtenraad")
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert opened == [1, 2, 1]


def test_debate_mode_copies_with_citation(qtbot, search_window):
    window = search_window
    feature = feature_of(window)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    debate = feature.debate
    assert debate is not None and debate.isFullScreen()
    with qtbot.waitSignal(debate.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(debate.field, "aanbeveling")
    with qtbot.waitSignal(debate.sig_copied, timeout=5000) as blocker:
        qtbot.keyClick(debate.field, Qt.Key.Key_Return)
    text = blocker.args[0]
    assert QGuiApplication.clipboard().text() == text
    hit = debate._hits[0]
    assert hit.title in text and f"p. {hit.page}" in text
    # Matched words are marked in the large list; the PDF text itself is escaped.
    from ui.search.model import MARKED_HTML_ROLE

    marked = debate.results.item(0).data(MARKED_HTML_ROLE)
    assert "<b " in marked and "aanbeveling" in marked.lower()
    assert marked.count("<b ") == len(hit.marks)
    qtbot.keyClick(debate.field, Qt.Key.Key_Escape)
    assert not debate.isVisible()


def test_refresh_keeps_the_selected_hit(qtbot, search_window):
    panel = feature_of(search_window).panel
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(panel.field, "aanbeveling")
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    chosen = panel.current_hit()
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT):
        panel.refresh()
    again = panel.current_hit()
    assert (again.document, again.page) == (chosen.document, chosen.page)
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(panel.field, " kabinet")  # a new query starts at the top
    from ui.search.model import HIT_ROLE

    top = panel.model.first_hit_index().data(HIT_ROLE)
    assert panel.current_hit() is top


def _page_text(lib, doc_id, page):
    return lib.db.execute(
        "SELECT text FROM pages WHERE document_id = ? AND page_no = ?", (doc_id, page)
    ).fetchone()[0]


def test_typing_half_a_word_in_the_dock_finds_it(qtbot, search_window):
    panel = feature_of(search_window).panel
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT) as blocker:
        qtbot.keyClicks(panel.field, "rotat")
    outcome = blocker.args[0]
    assert outcome.hits, "no pages while 'rotatie' is still being typed"
    for hit in outcome.hits:
        assert "rotatie" in _page_text(search_window.lib, hit.document, hit.page).lower()
    assert panel.status.text() != "No matches"


def test_every_debate_copy_is_the_source_verbatim_with_its_citation(qtbot, search_window):
    from app import search_service
    from app.annotations import create_annotation

    window = search_window
    lib = window.lib
    report = lib.resolve_document(LETTER.name)
    page = _page_text(lib, report.id, 2)
    quote = " ".join(page.split()[5:12])
    create_annotation(lib, report.id, page_no=2, rects=[[2, 72, 100, 500, 120]],
                      quote=quote, role="comment", note="Also printed on the back")
    search_service.sync_index(lib)
    feature = feature_of(window)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    debate = feature.debate
    first_word = quote.split()[2]
    with qtbot.waitSignal(debate.sig_results, timeout=RESULTS_TIMEOUT):
        qtbot.keyClicks(debate.field, first_word + " printed")
    assert debate._hits
    for row, hit in enumerate(debate._hits):
        debate.results.setCurrentRow(row)
        with qtbot.waitSignal(debate.sig_copied, timeout=5000) as blocker:
            qtbot.keyClick(debate.field, Qt.Key.Key_Return)
        copied = blocker.args[0]
        assert QGuiApplication.clipboard().text() == copied
        citation = f" ({hit.title}, p. {hit.page})"
        assert copied.endswith(citation) and copied.startswith("“")
        words = copied[1 : -len(citation) - 1]
        assert words and words in _page_text(lib, hit.document, hit.page), (hit.kind, copied)
        assert "printed" not in words  # the note is never glued to the passage
    # Asked for, the note follows on a line of its own.
    ann_row = next(i for i, h in enumerate(debate._hits) if h.kind == "annotation")
    debate.results.setCurrentRow(ann_row)
    debate.with_note.setChecked(True)
    with qtbot.waitSignal(debate.sig_copied, timeout=5000) as blocker:
        qtbot.keyClick(debate.field, Qt.Key.Key_Return)
    first, second = blocker.args[0].rsplit("\n", 1)
    hit = debate._hits[ann_row]
    assert first == f"“{hit.passage}” ({hit.title}, p. 2)"
    assert hit.passage.split() == quote.split() and hit.passage in page
    assert second == "Note: Also printed on the back"
    qtbot.keyClick(debate.field, Qt.Key.Key_Escape)


def test_the_panel_says_when_the_fallback_answers(qtbot, search_window):
    from app import search_service

    panel = feature_of(search_window).panel
    search_service.retire_index(search_window.lib)
    with qtbot.waitSignal(panel.sig_results, timeout=RESULTS_TIMEOUT) as blocker:
        qtbot.keyClicks(panel.field, "Mensenrechtenraad")
    assert blocker.args[0].source == "sqlite"
    assert "being rebuilt" in panel.status.text()
