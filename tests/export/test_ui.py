"""File → Export summary… and Import bundle… as a user runs them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.export.bundle import export_bundle
from storage import records


@pytest.fixture(autouse=True)
def english_interface():
    """These tests read English exports; the export follows the interface's
    language, which would otherwise follow the machine's locale."""
    from ui import settings

    settings.set("language", "en")
    yield
    settings.set("language", "")


@pytest.fixture
def window_on(make_window):
    return make_window


def menu_action(window, name):
    actions = [a for a in window.menu_file.actions() if a.objectName() == name]
    assert len(actions) == 1, f"File menu has no {name}"
    assert actions[0].isEnabled()
    return actions[0]


def test_export_summary_from_the_file_menu(qtbot, linked, window_on, tmp_path, monkeypatch):
    window = window_on(linked.lib)
    plugin = window.features["ui.export.plugin"]
    target = tmp_path / "out" / "brief.html"
    target.parent.mkdir()
    asked = []

    def fake_dialog(parent, caption, start, filters):
        asked.append((start, filters))
        return str(target), filters

    monkeypatch.setattr("ui.export.plugin.QFileDialog.getSaveFileName", fake_dialog)
    menu_action(window, "action_export_summary").trigger()
    dialog = plugin.summary_dialog
    qtbot.waitExposed(dialog)
    assert dialog.chosen_format() == "html"
    assert dialog.documents.count() == 6 and dialog.tags.count() == 4
    assert dialog.chosen_language() == "nl"  # the samples are Dutch
    with qtbot.waitSignal(plugin.sig_export_finished, timeout=60000) as blocker:
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert asked and asked[0][0].endswith("summary.html") and asked[0][1] == "HTML (*.html)"
    assert blocker.args[0].path == target and target.exists()
    text = target.read_text(encoding="utf-8")
    # Headings in the documents' language (the samples are Dutch), whatever the interface's.
    assert "Aanbeveling 1b" in text and "Aanbeveling 10" in text
    assert str(target) in window.statusBar().currentMessage()


def test_export_summary_with_a_format_and_a_tag(qtbot, linked, window_on, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    window = window_on(linked.lib)
    plugin = window.features["ui.export.plugin"]
    monkeypatch.setattr("ui.export.plugin.QFileDialog.getSaveFileName",
                        lambda *a: (str(tmp_path / "tabel"), a[-1]))
    menu_action(window, "action_export_summary").trigger()
    dialog = plugin.summary_dialog
    qtbot.waitExposed(dialog)
    dialog.format.setFocus()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    tags = dialog.tags
    row = next(i for i in range(tags.count()) if tags.item(i).text() == "capaciteit")
    tags.setFocus()
    tags.setCurrentRow(row)
    qtbot.keyClick(tags, Qt.Key.Key_Space)  # tick it
    assert dialog.filters() == {"docs": [], "tags": ["capaciteit"], "roles": []}
    with qtbot.waitSignal(plugin.sig_export_finished, timeout=60000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    rows = list(load_workbook(tmp_path / "tabel.xlsx")["Recommendations"].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["1b"]


def test_import_bundle_from_the_file_menu(qtbot, linked, second_library, window_on, tmp_path, monkeypatch):
    bundle = tmp_path / "b.jsonld"
    export_bundle(linked.lib, bundle)
    other = second_library
    window = window_on(other)
    plugin = window.features["ui.export.plugin"]
    seen = []
    window.sig_changes.connect(seen.append)
    monkeypatch.setattr("ui.export.plugin.QFileDialog.getOpenFileName", lambda *a: (str(bundle), ""))
    with qtbot.waitSignal(plugin.sig_import_finished, timeout=60000) as blocker:
        menu_action(window, "action_import_bundle").trigger()
    assert len(blocker.args[0].added) == 13
    assert len(records.list_links(other.db)) == 6
    assert any(len(c.annotations) == 13 and len(c.links) == 6 for c in seen)  # the views were told
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert any("13 annotation(s) added" in b.text() for b in boxes)


def test_a_hostile_bundle_shows_a_message(qtbot, linked, window_on, tmp_path, monkeypatch):
    window = window_on(linked.lib)
    bad = tmp_path / "bad.jsonld"
    bad.write_text("[" * 5000, encoding="utf-8")
    monkeypatch.setattr("ui.export.plugin.QFileDialog.getOpenFileName", lambda *a: (str(bad), ""))
    with qtbot.waitSignal(window.ops.sig_finished, timeout=60000):
        menu_action(window, "action_import_bundle").trigger()
    qtbot.waitUntil(lambda: any("refused" in b.text() for b in window.findChildren(QMessageBox)
                                if b.isVisible()), timeout=5000)


def test_export_annotated_pdf_uses_the_chosen_colours(qtbot, linked, window_on, tmp_path, monkeypatch, request):
    from pypdf import PdfReader

    from app.domain import ROLE_COLORS
    from ui import settings

    settings.set("colors/recommendation", "#00ff00")
    request.addfinalizer(lambda: settings.set("colors/recommendation", ROLE_COLORS["recommendation"]))
    request.addfinalizer(lambda: settings.set("export/folder", ""))
    window = window_on(linked.lib)
    plugin = window.features["ui.export.plugin"]
    target = tmp_path / "iob-annotated.pdf"
    offered = []

    def pick(parent, title, label, items, current, editable):
        offered.extend(items)
        assert "iob-evaluatie" in items[current]  # the open document comes first
        return items[current], True

    window.open_document(linked.report.id)
    qtbot.waitUntil(lambda: getattr(window.tabs.currentWidget(), "doc_id", None) == linked.report.id)
    monkeypatch.setattr("ui.export.plugin.QInputDialog.getItem", pick)
    monkeypatch.setattr("ui.export.plugin.QFileDialog.getSaveFileName", lambda *a: (str(target), ""))
    with qtbot.waitSignal(plugin.sig_export_finished, timeout=60000):
        menu_action(window, "action_export_pdf").trigger()
    assert len(offered) == 6
    page = PdfReader(target).pages[11]
    colours = {tuple(float(c) for c in a.get_object()["/C"]) for a in page["/Annots"]
               if a.get_object()["/Contents"].startswith("recommendation")}
    assert colours == {(0.0, 1.0, 0.0)}
    assert settings.get("export/folder") == str(tmp_path)
