"""Exports in Dutch as well as English: the same register, other words.

A Dutch summary shows the same recommendations, quotes, pages and stances
as the English one, with Dutch headings and stance names; tables keep their
English column names and stance codes; the command line and the window
choose the language.
"""
from __future__ import annotations

import csv
import json
import re

import pymupdf
import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.cli import main
from app.domain import KINDS, ROLES, STANCES, UserError
from app.export import export_summary
from app.export.i18n import DUTCH, ENGLISH, catalogue, default_language
from app.export.summary import build_summary
from app.library import Library
from app.export.to_md import render_md
from app.usecases import edit_document, list_documents
from tests.export.conftest import NO_RESPONSE, RECOMMENDATIONS, RESPONSES
from tests.export.test_summary import (  # noqa: F401 - hostile is a fixture
    HOSTILE_LABEL,
    ORDER,
    _Text,
    assert_in_order,
    hostile,
    html_text,
    norm,
    read_back,
)

DUTCH_STANCES = {
    "accepted": "overgenomen",
    "partial": "deels overgenomen",
    "rejected": "afgewezen",
    "noted": "voor kennisgeving aangenomen",
    "none": "geen reactie",
}


def sequence(words) -> list[str]:
    """The register in order, in the words of one catalogue."""
    recs = {label: (page, quote) for label, page, quote in RECOMMENDATIONS}
    seq = []
    for label in ORDER:
        page, quote = recs[label]
        seq += [words.recommendation.format(label), norm(quote), words.where.format("", page).lstrip(", ")]
        answers = [r for r in RESPONSES if r[0] == label]
        if not answers:
            seq.append(words.no_response)
            if label == NO_RESPONSE[0]:
                seq.append(NO_RESPONSE[1])
        for _, rpage, rquote, stance, assessment in answers:
            seq += [words.stances[stance], norm(rquote), words.where.format("", rpage).lstrip(", ")]
            if assessment:
                seq.append(assessment)
    return seq


def test_the_dutch_sequence_is_in_dutch():
    # guards the helper above: it must not pass by accident with English words
    seq = sequence(catalogue("nl"))
    assert seq[:3] == ["Aanbeveling 1a", norm(RECOMMENDATIONS[0][2]), "pagina 12"]
    assert "Geen reactie." in seq and "deels overgenomen" in seq


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_a_dutch_summary_has_dutch_words_and_the_same_register(linked, tmp_path, fmt):
    nl_out, en_out = tmp_path / f"nl.{fmt}", tmp_path / f"en.{fmt}"
    export_summary(linked.lib, nl_out, language="nl")
    export_summary(linked.lib, en_out, language="en")
    nl, en = read_back(nl_out), read_back(en_out)
    assert_in_order(nl, sequence(DUTCH))
    assert_in_order(en, sequence(ENGLISH))
    table = norm(nl.replace("|", " "))
    # (DOCX's read-back puts the tables last, so each table is checked on its own)
    assert_in_order(table, ["Samenvatting van", "Datum", "Beoordelaars", "Anna de Vries", "Documenten",
                            "Aanbevelingen", "Dekking", "Overige aantekeningen"])
    assert_in_order(table, ["Titel", "Soort", "Pagina's", "Tussen papier en praktijk", "rapport"])
    assert_in_order(table, ["Oordeel", "Paren van aanbeveling en reactie", "overgenomen 2", "deels overgenomen 1",
                            "afgewezen 1", "voor kennisgeving aangenomen 1", "geen reactie 2"])
    assert "6 aanbeveling(en), waarvan 2 zonder reactie." in nl
    assert_in_order(table, ["Overige aantekeningen", "Tag: Thema/Financiering", "pagina 9", "onderbouwing",
                            "Onderbouwt aanbeveling 10.", "Zonder tag", "pagina 12", "opmerking",
                            "Hier beginnen de aanbevelingen."])
    for english in ("Recommendation", "No response", "Stance", "Coverage", "Reviewers", "page ",
                    "partly accepted", "Other annotations", "Without tag"):
        assert english not in nl, english
    if fmt != "pdf":  # the PDF's table of contents has page numbers of its own
        assert re.findall(r"pagina (\d+)", nl) == re.findall(r"page (\d+)", en)


def test_dutch_pdf_contents_bookmarks_and_footer(linked, tmp_path):
    out = tmp_path / "samenvatting.pdf"
    export_summary(linked.lib, out, language="nl")
    with pymupdf.open(out) as doc:
        titles = [t[1] for t in doc.get_toc()]
        assert titles[:3] == ["Inhoudsopgave", "Documenten", "Aanbevelingen"]
        assert [t for t in titles if t.startswith("Aanbeveling ")] == [f"Aanbeveling {x}" for x in ORDER]
        for i, page in enumerate(doc, start=1):
            assert f"Pagina {i} van {doc.page_count}" in page.get_text()
        assert doc.metadata["title"].startswith("Samenvatting van ")
        assert doc.language == "nl"
        first = norm(doc[0].get_text())
    assert re.search(r"Aanbeveling 1a — pagina \d+", first)
    assert "Inhoudsopgave — pagina" not in first  # the contents do not list themselves


def test_dutch_docx_is_marked_dutch(linked, tmp_path):
    export_summary(linked.lib, tmp_path / "nl.docx", language="nl")
    export_summary(linked.lib, tmp_path / "en.docx", language="en")
    nl, en = Document(str(tmp_path / "nl.docx")), Document(str(tmp_path / "en.docx"))
    assert nl.core_properties.language == "nl-NL"
    assert 'w:val="nl-NL"' in nl.styles["Normal"].element.xml
    assert "nl-NL" not in en.styles["Normal"].element.xml
    assert nl.core_properties.title.startswith("Samenvatting van ")


def test_dutch_html_stays_escaped(hostile, tmp_path):
    out = tmp_path / "s.html"
    export_summary(hostile.lib, out, language="nl")
    source = out.read_text(encoding="utf-8")
    assert source.startswith('<!DOCTYPE html>\n<html lang="nl">')
    parser = _Text()
    parser.feed(source)
    assert not {t for t, _ in parser.tags} & {"script", "img", "svg", "iframe", "a", "object", "embed", "form"}
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name, _ in attrs)
    text = html_text(source)
    assert "<script>alert('note')</script>" in text and HOSTILE_LABEL in text
    assert "Pagina&#x27;s" in source  # the catalogue's own apostrophe is escaped too
    export_summary(hostile.lib, tmp_path / "e.html")
    assert '<html lang="en">' in (tmp_path / "e.html").read_text(encoding="utf-8")


def test_tables_keep_their_columns_and_stance_codes(linked, tmp_path):
    for lang in ("en", "nl"):
        export_summary(linked.lib, tmp_path / f"{lang}.csv", language=lang)
        export_summary(linked.lib, tmp_path / f"{lang}.xlsx", language=lang)
    assert (tmp_path / "en.csv").read_bytes() == (tmp_path / "nl.csv").read_bytes()
    with (tmp_path / "nl.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["stance"] for r in rows} == {"accepted", "partial", "rejected", "noted", "none"}

    def sheets(path):
        wb = load_workbook(path)
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}

    en, nl = sheets(tmp_path / "en.xlsx"), sheets(tmp_path / "nl.xlsx")
    assert list(nl) == ["Recommendations", "Coverage"] and nl == en


def test_filters_are_described_in_the_language(linked):
    s = build_summary(linked.lib, roles=["recommendation"], tags=["capaciteit"], language="nl")
    assert s.filters == ["tags: capaciteit", "rollen: aanbeveling"]
    assert "- Filter: rollen: aanbeveling" in render_md(s)
    s = build_summary(linked.lib, roles=["recommendation", "evidence"], language="nl")
    assert s.filters == ["rollen: aanbeveling, onderbouwing"]  # in Dutch alphabetical order
    s = build_summary(linked.lib, roles=["recommendation"])
    assert s.filters == ["roles: recommendation"] and s.language == "en"


def test_english_stays_as_it_was(linked):
    text = render_md(build_summary(linked.lib))
    for line in ("## Recommendations", "### Recommendation 1b", "- Stance: partly accepted",
                 "  Source: Bijlage bij Kamerbrief: kabinetsreactie per thema op de IOB-evaluatie "
                 "mensenrechtenbeleid 2017-2022, page 2",
                 "No response. Assessment: Niet behandeld in de kabinetsreactie.",
                 "| Stance | Recommendation-response pairs |", "| noted without commitment | 1 |",
                 "6 recommendation(s), 2 without a response.", "### Without tag"):
        assert line in text.splitlines(), line


def test_the_catalogues_are_complete():
    for field in ENGLISH.__dataclass_fields__:
        en, nl = getattr(ENGLISH, field), getattr(DUTCH, field)
        if isinstance(en, str):
            assert nl and re.findall(r"\{\d\}", en) == re.findall(r"\{\d\}", nl), field
    for words in (ENGLISH, DUTCH):
        assert set(words.stances) == set(STANCES) and set(words.kinds) == set(KINDS)
        assert set(words.roles) == set(ROLES)
    assert DUTCH.stances == DUTCH_STANCES
    assert catalogue("NL") is DUTCH and catalogue(None) is ENGLISH
    with pytest.raises(UserError):
        catalogue("de")


def test_default_language_rule():
    assert default_language([]) == "nl"
    assert default_language(["nl", "en"]) == "nl"
    assert default_language(["en", "en", "nl"]) == "en"
    assert default_language(["nl"]) == "nl"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_language_option_on_the_command_line(linked, tmp_path, capsys):
    root = linked.lib.root
    linked.lib.close()
    # the sample library is Dutch: Dutch by default, English on request
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "nl.md")
    assert code == 0, err
    assert "### Aanbeveling 1b" in (tmp_path / "nl.md").read_text(encoding="utf-8")
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "en.md",
                         "--language", "en", "--json")
    assert code == 0 and json.loads(out)["recommendations"] == 6
    assert "### Recommendation 1b" in (tmp_path / "en.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--library", str(root), "export", "summary", "-o", str(tmp_path / "x.md"), "--language", "de"])
    capsys.readouterr()

    # the annotated PDF: role names and "Tags:" in the annotation text
    for lang, head in (("nl", "aanbeveling 1b"), ("en", "recommendation 1b")):
        target = tmp_path / f"iob-{lang}.pdf"
        code, out, err = run(capsys, "--library", root, "export", "pdf", "iob-evaluatie", "-o", target,
                             "--language", lang)
        assert code == 0, err
        with pymupdf.open(target) as pdf:
            contents = [a.info["content"] for a in pdf[11].annots()]
        assert any(c.startswith(head) and "Tags: capaciteit" in c for c in contents), contents
    code, out, err = run(capsys, "--library", root, "export", "pdf", "iob-evaluatie", "-o", tmp_path / "d.pdf")
    with pymupdf.open(tmp_path / "d.pdf") as pdf:
        assert any(a.info["content"].startswith("aanbeveling") for a in pdf[11].annots())

    # a library of mostly English documents exports in English by default
    lib = Library.open(root)
    report = lib.resolve_document("iob-evaluatie")
    for d in list_documents(lib):
        if d.id != report.id:
            edit_document(lib, d.id, language="en")
    lib.close()
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "auto.md")
    assert code == 0 and "### Recommendation 1b" in (tmp_path / "auto.md").read_text(encoding="utf-8")
    # ... unless the documents asked for with --doc are Dutch
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "doc.md",
                         "--doc", "iob-evaluatie")
    assert code == 0 and "### Aanbeveling 1b" in (tmp_path / "doc.md").read_text(encoding="utf-8")


@pytest.fixture
def interface_language(request):
    from ui import settings

    def choose(language: str) -> None:
        settings.set("language", language)

    request.addfinalizer(lambda: settings.set("language", ""))
    return choose


def test_the_window_exports_in_the_interface_language(qtbot, linked, tmp_path, monkeypatch, interface_language):
    from ui.application import create_application
    from ui.main_window import MainWindow

    interface_language("nl")
    create_application()
    window = MainWindow(linked.lib)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        plugin = window.features["ui.export.plugin"]
        targets = iter([tmp_path / "nl.html", tmp_path / "en.html"])
        monkeypatch.setattr("ui.export.plugin.QFileDialog.getSaveFileName", lambda *a: (str(next(targets)), a[-1]))
        for expected in ("nl", "en"):
            next(a for a in window.menu_file.actions() if a.objectName() == "action_export_summary").trigger()
            dialog = plugin.summary_dialog
            qtbot.waitExposed(dialog)
            assert dialog.chosen_language() == "nl"  # the interface's language comes first
            if expected == "en":
                dialog.language.setFocus()
                dialog.language.setCurrentIndex(dialog.language.findData("en"))
            with qtbot.waitSignal(plugin.sig_export_finished, timeout=60000):
                qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                                 Qt.MouseButton.LeftButton)
        assert "Aanbeveling 1b" in (tmp_path / "nl.html").read_text(encoding="utf-8")
        assert "Recommendation 1b" in (tmp_path / "en.html").read_text(encoding="utf-8")

        # the annotated PDF names roles as the Dutch interface does
        target = tmp_path / "iob.pdf"
        monkeypatch.setattr("ui.export.plugin.QInputDialog.getItem",
                            lambda p, t, l, items, cur, e: (next(i for i in items if "iob-evaluatie" in i), True))
        monkeypatch.setattr("ui.export.plugin.QFileDialog.getSaveFileName", lambda *a: (str(target), ""))
        with qtbot.waitSignal(plugin.sig_export_finished, timeout=60000):
            next(a for a in window.menu_file.actions() if a.objectName() == "action_export_pdf").trigger()
        with pymupdf.open(target) as pdf:
            assert any(a.info["content"].startswith("aanbeveling 1b") for a in pdf[11].annots())
    finally:
        window.ops.wait(30000)
        window.close()
