"""Team review in the window: it watches the team folder, merges in the
background, says what arrived from whom; the register shows one reviewer,
all side by side, or the agreed judgement; the agreement dialog records one."""
from __future__ import annotations

from app.recommendations.register import link
from app.team.sync import join, sync
from tests.conftest import doc_by_file
from tests.team.conftest import add_annotation


def _team_of_two(team):
    anna = team("Anna", "anna")
    report = doc_by_file(anna, "iob-evaluatie").id
    reply = doc_by_file(anna, "kabinetsreactie").id
    ids = {
        "r1": add_annotation(anna, report, "recommendation", "Behoud voldoende capaciteit", 12, "1b"),
        "r2": add_annotation(anna, report, "recommendation", "Breng themacoalities in evenwicht", 12, "1c"),
        "a1": add_annotation(anna, reply, "response", "Volledige uitvoering is niet haalbaar", 2),
    }
    join(anna, team.folder)
    bram = team("Bram", "bram")
    join(bram, team.folder)
    return anna, bram, ids


def test_window_merges_what_a_teammate_wrote_and_says_from_whom(qtbot, team, make_window, qtmodeltester):
    anna, bram, ids = _team_of_two(team)
    link(bram, ids["a1"], ids["r1"], "rejected")
    window = make_window(bram)
    plugin = window.features["ui.team.plugin"]
    with qtbot.waitSignal(plugin.sig_synced, timeout=20000):
        pass  # the catch-up sync at start (shares Bram's judgement)
    # Anna, on her own laptop, judges two recommendations and syncs.
    link(anna, ids["a1"], ids["r1"], "accepted")
    link(anna, None, ids["r2"], "none")
    sync(anna)
    with qtbot.waitSignal(plugin.sig_synced, timeout=20000,
                          check_params_cb=lambda r: bool(r.merged.arrivals)) as blocker:
        pass  # the folder watcher notices her files, the window merges in the background
    assert blocker.args[0].arrivals_text() == ["2 new judgement(s) from Anna"]
    assert "2 new judgements from Anna" in window.statusBar().currentMessage()

    view = window.features["ui.recommendations.plugin"].show_register()
    assert view.reviewer_filter.isVisible()
    row = view.model.row_of(ids["r1"])
    # Side by side: one column per reviewer with their own stance.
    view.reviewer_filter.setCurrentIndex(view.reviewer_filter.findData("*"))
    qtmodeltester.check(view.model)
    headers = [view.model.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
               for c in range(view.model.columnCount())]
    assert headers[-2:] == ["Anna", "Bram"]
    row = view.model.row_of(ids["r1"])
    n = view.model.columnCount()
    assert [view.model.index(row, c).data() for c in (n - 2, n - 1)] == ["accepted", "rejected"]
    # One reviewer only.
    view.reviewer_filter.setCurrentIndex(view.reviewer_filter.findData("anna"))
    assert view.model.columnCount() == len(view.model.BASE_COLUMNS)
    assert view.model.index(view.model.row_of(ids["r1"]), 3).data() == "accepted"
    assert view.model.index(view.model.row_of(ids["r2"]), 3).data() == "no response"

    # The agreement dialog lists the disagreement; recording the agreed stance
    # shows it in the team view of the register, and Anna's library gets it.
    plugin.show_agreement()
    dialog = plugin.dialog
    assert "Cohen's kappa" in dialog.figures.text()
    assert dialog.table.rowCount() == 1 and dialog.selected_id() == ids["r1"]
    dialog.agree(ids["r1"], "partial", "besproken", "Anna, Bram")
    assert dialog.table.item(0, 3).text() == "partly accepted"
    view.reviewer_filter.setCurrentIndex(view.reviewer_filter.findData(None))
    assert view.model.index(view.model.row_of(ids["r1"]), 3).data() == "partly accepted"
    with qtbot.waitSignal(plugin.sig_synced, timeout=20000):
        pass  # shared a few seconds after the edit
    sync(anna)
    from storage import team as team_db

    assert team_db.get_agreed(anna.db, ids["r1"])["stance"] == "partial"
    dialog.close()
