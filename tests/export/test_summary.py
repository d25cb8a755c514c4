"""Summaries: every format shows the same recommendations, responses, stances
and pages; user and PDF text is escaped; writing is atomic."""
from __future__ import annotations

import csv
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest
from docx import Document
from openpyxl import load_workbook

from app.domain import STANCE_LABELS, UserError
from app.export import export_summary
from app.export.summary import build_summary, natural_key
from app.export.to_table import COLUMNS
from storage import records
from tests.export.conftest import NO_RESPONSE, RECOMMENDATIONS, RESPONSES, add_annotation

ORDER = ["1a", "1b", "1c", "1d", "2", "10"]


def norm(text: str) -> str:
    return " ".join(text.split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(source: str) -> str:
    p = _Text()
    p.feed(source)
    return norm("".join(p.parts))


def md_text(source: str) -> str:
    source = re.sub(r"\\([\\`*_\[\]{}|~#>+=.()!-])", r"\1", source)
    return norm(html.unescape(source))


def read_back(path: Path) -> str:
    """The plain text of an exported summary, whitespace normalised."""
    fmt = path.suffix[1:]
    if fmt == "md":
        return md_text(path.read_text(encoding="utf-8"))
    if fmt == "html":
        return html_text(path.read_text(encoding="utf-8"))
    if fmt == "pdf":
        with pymupdf.open(path) as doc:
            return norm(" ".join(page.get_text() for page in doc))
    if fmt == "docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts += [c.text for row in table.rows for c in row.cells]
        return norm(" ".join(parts))
    raise AssertionError(fmt)


def expected_sequence() -> list[str]:
    """What must appear, in this order, in every readable format."""
    recs = {label: (page, quote) for label, page, quote in RECOMMENDATIONS}
    seq = []
    for label in ORDER:
        page, quote = recs[label]
        seq += [f"Recommendation {label}", norm(quote), f"page {page}"]
        answers = [r for r in RESPONSES if r[0] == label]
        if not answers:
            seq.append("No response.")
            if label == NO_RESPONSE[0]:
                seq.append(NO_RESPONSE[1])
        for _, rpage, rquote, stance, assessment in answers:
            seq += [STANCE_LABELS[stance], norm(rquote), f"page {rpage}"]
            if assessment:
                seq.append(assessment)
    return seq


def assert_in_order(text: str, pieces: list[str]) -> None:
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= 0, f"'{piece}' missing (or out of order) after position {at}: ...{text[at:at + 300]}"
        at = found + len(piece)


def test_natural_label_order():
    labels = ["10", "2", "1b", "", "1a", "b", "1"]
    assert sorted(labels, key=natural_key) == ["1", "1a", "1b", "2", "10", "b", ""]


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_readable_formats_show_the_register(linked, tmp_path, fmt):
    out = tmp_path / f"summary.{fmt}"
    result = export_summary(linked.lib, out)
    assert result.counts["recommendations"] == 6
    text = read_back(out)
    assert_in_order(text, expected_sequence())
    # coverage: accepted 2, partial 1, rejected 1, noted 1, none 2 (1d and 2)
    table = norm(text.replace("|", " "))  # Markdown tables
    assert_in_order(table, ["Coverage", "accepted 2", "partly accepted 1", "rejected 1",
                           "noted without commitment 1", "no response 2"])
    # the other annotations, grouped by tag, with page and note
    assert_in_order(text, ["Other annotations", "Tag: Thema/Financiering", "page 9",
                           "Wel was er sprake van een aanzienlijke overlap", "Onderbouwt aanbeveling 10.",
                           "Without tag", "page 12", "AANBEVELINGEN", "Hier beginnen de aanbevelingen."])
    # title block: reviewers and documents with their kind
    assert "Anna de Vries" in text and "Bram Jansen" in text
    assert_in_order(table, ["Documents", "Tussen papier en praktijk", "report"])


def test_pdf_has_contents_bookmarks_and_page_numbers(linked, tmp_path):
    out = tmp_path / "summary.pdf"
    export_summary(linked.lib, out)
    with pymupdf.open(out) as doc:
        toc = doc.get_toc()
        titles = [t[1] for t in toc]
        assert titles[:3] == ["Contents", "Documents", "Recommendations"]
        assert [t for t in titles if t.startswith("Recommendation ")] == [f"Recommendation {x}" for x in ORDER]
        for i, page in enumerate(doc, start=1):
            assert f"Page {i} of {doc.page_count}" in page.get_text()
        for level, title, page_no in toc:  # each bookmark points to its heading's page
            assert title in doc[page_no - 1].get_text(), (title, page_no)
        first = norm(doc[0].get_text())
    # the table of contents on the page names each recommendation with its page
    assert re.search(r"Recommendation 1a — page \d+", first)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_tables_have_one_row_per_pair(linked, tmp_path, fmt):
    out = tmp_path / f"summary.{fmt}"
    export_summary(linked.lib, out)
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    else:
        ws = load_workbook(out)["Recommendations"]
        rows = [[("" if v is None else str(v)) for v in r] for r in ws.iter_rows(values_only=True)]
    assert rows[0] == COLUMNS
    got = [dict(zip(COLUMNS, r)) for r in rows[1:]]
    want = []
    for label in ORDER:
        page, quote = next((p, q) for l, p, q in RECOMMENDATIONS if l == label)
        answers = [r for r in RESPONSES if r[0] == label]
        for _, rpage, rquote, stance, assessment in answers or [(label, "", "", "none", "")]:
            want.append((label, quote, str(page), stance, rquote, str(rpage)))
    assert [(r["recommendation_label"], r["recommendation_quote"], r["recommendation_page"], r["stance"],
             r["response_quote"], r["response_page"]) for r in got] == want
    assert next(r for r in got if r["recommendation_label"] == "2")["assessment"] == NO_RESPONSE[1]


def test_filters(linked, tmp_path):
    s = build_summary(linked.lib, tags=["capaciteit"])
    assert [r.passage.label for r in s.recommendations] == ["1b"]
    s = build_summary(linked.lib, tags=["Thema"])  # a tag includes its sub-tags
    assert [r.passage.label for r in s.recommendations] == ["10"]
    assert [g.tag for g in s.other_groups] == ["Thema/Financiering"]
    s = build_summary(linked.lib, roles=["evidence"])
    assert s.recommendations == [] and len(s.other_groups) == 1
    s = build_summary(linked.lib, docs=["kabinetsreactie"])
    assert s.recommendations == [] and [d.file_name for d in s.documents] == ["kabinetsreactie-iob-evaluatie.pdf"]
    with pytest.raises(UserError):
        build_summary(linked.lib, tags=["no such tag"])
    with pytest.raises(UserError):
        export_summary(linked.lib, tmp_path / "x.odt")


HOSTILE_NOTE = (
    "<script>alert('note')</script><img src=x onerror=alert(1)> [klik](javascript:alert(2)) "
    "**vet** _schuin_ `code` & &amp; \u202eevil\x00\x07\x1b\uffff"
)
HOSTILE_LABEL = '"><svg onload=alert(3)>'


@pytest.fixture
def hostile(linked):
    lib = linked.lib
    with lib.write():
        add_annotation(lib, linked.report, 12, "Behoud de capaciteit om de leidende rol te kunnen handhaven",
                       "comment", label=HOSTILE_LABEL, note=HOSTILE_NOTE)
        add_annotation(lib, linked.report, 12, "Beperk het aantal themaresoluties", "recommendation",
                       label="=cmd|' /C calc'!A0", note="@SUM(1+1)")
    return linked


def test_html_escapes_everything(hostile, tmp_path):
    out = tmp_path / "s.html"
    export_summary(hostile.lib, out)
    source = out.read_text(encoding="utf-8")
    parser = _Text()
    parser.feed(source)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "svg", "iframe", "a", "object", "embed", "form"}
    for _, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on")
            assert "javascript:" not in (value or "")
    assert 'http-equiv="Content-Security-Policy"' in source and "default-src 'none'" in source
    text = html_text(source)
    assert "<script>alert('note')</script>" in text  # shown as text
    assert HOSTILE_LABEL in text
    assert "\u202e" not in source and "\x00" not in source


def test_markdown_neutralises_markup(hostile, tmp_path):
    out = tmp_path / "s.md"
    export_summary(hostile.lib, out)
    source = out.read_text(encoding="utf-8")
    assert "<script" not in source and "<img" not in source and "<svg" not in source
    assert "[klik](javascript" not in source  # no live link
    assert r"\[klik\]" in source and r"\*\*vet\*\*" in source and r"\_schuin\_" in source
    assert "&amp;amp;" in source  # "&amp;" in the note stays literal text
    assert "<script>alert('note')</script>" in md_text(source)


def test_docx_drops_control_characters(hostile, tmp_path):
    out = tmp_path / "s.docx"
    export_summary(hostile.lib, out)
    text = read_back(out)
    assert "<script>alert('note')</script>" in text
    assert "evil" in text and "\x00" not in text and "\x07" not in text


def test_csv_and_xlsx_cells_are_not_formulas(hostile, tmp_path):
    out = tmp_path / "s.csv"
    export_summary(hostile.lib, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if "calc" in r["recommendation_label"])
    assert row["recommendation_label"] == "'=cmd|' /C calc'!A0"
    assert row["recommendation_note"] == "'@SUM(1+1)"
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    xlsx = tmp_path / "s.xlsx"
    export_summary(hostile.lib, xlsx)
    ws = load_workbook(xlsx)["Recommendations"]
    # a text cell, and defused as in CSV: editing the cell cannot make it a formula
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == "'=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("fmt", ["md", "csv", "docx", "xlsx", "html"])
def test_interrupted_export_keeps_the_old_file(linked, tmp_path, monkeypatch, fmt):
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"old.{fmt}"
    out.write_bytes(b"the previous export")
    # Interrupt (as Ctrl+C would) in the middle of producing the file's text.
    target = {
        "md": "app.export.to_md.md", "html": "app.export.to_html.display",
        "docx": "app.export.to_docx.display", "csv": "app.export.to_table.csv_safe",
        "xlsx": "app.export.to_table.csv_safe",
    }[fmt]
    module, name = target.rsplit(".", 1)
    original = getattr(__import__(module, fromlist=[name]), name)
    calls = {"n": 0}

    def interrupted(value):
        calls["n"] += 1
        if calls["n"] > 25:
            raise KeyboardInterrupt
        return original(value)

    monkeypatch.setattr(target, interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_summary(linked.lib, out)
    assert calls["n"] > 25
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left


def test_failed_rename_leaves_no_file(linked, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()

    def no_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.export.atomic.os.replace", no_replace)
    with pytest.raises(UserError, match=r"\(No space left on device\); no file was written"):
        export_summary(linked.lib, folder / "new.html")
    assert list(folder.iterdir()) == []


def test_a_folder_without_write_permission_gives_a_message(linked, tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.export.atomic.tempfile.mkstemp", refused)
    with pytest.raises(UserError, match=r"cannot write in .* \(Permission denied\)"):
        export_summary(linked.lib, tmp_path / "s.html")


def test_quotes_match_the_pdf(linked):
    """The fixture's quotes are the stored text of the pages they cite."""
    for label, page, quote in RECOMMENDATIONS:
        text = records.get_page(linked.lib.db, linked.report.id, page).text
        assert quote in text
    with pymupdf.open(linked.lib.document_file(linked.report)) as pdf:
        assert "Behoud voldoende mensenrechtencapaciteit" in pdf[11].get_text()
