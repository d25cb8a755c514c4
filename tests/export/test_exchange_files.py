"""Export files as other people and programs meet them: permissions that follow
the umask, spreadsheet cells that cannot run, and LibreOffice opening the
XLSX with a filter row and printing it on pages as wide as the table."""
from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from app.export import export_summary
from app.export.annotated_pdf import export_annotated_pdf
from app.export.bundle import export_bundle
from app.export.qdpx import export_qdpx
from app.export.to_table import COLUMNS
from tests.export.conftest import add_annotation

RLO = "\u202e"


def _export_all(lib, folder) -> list:
    out = []
    for fmt in ("md", "html", "pdf", "docx", "csv", "xlsx"):
        path = folder / f"summary.{fmt}"
        export_summary(lib, path)
        out.append(path)
    for path, write in ((folder / "b.jsonld", export_bundle), (folder / "p.qdpx", export_qdpx)):
        write(lib, path)
        out.append(path)
    path = folder / "annotated.pdf"
    export_annotated_pdf(lib, "iob-evaluatie", path)
    return out + [path]


@pytest.mark.parametrize("mask, mode", [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_every_export_follows_the_umask(linked, tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        files = _export_all(linked.lib, tmp_path)
    finally:
        os.umask(old)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


def test_replacing_an_export_keeps_its_permissions(linked, tmp_path):
    path = tmp_path / "summary.csv"
    export_summary(linked.lib, path)
    path.chmod(0o640)
    export_summary(linked.lib, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.fixture
def sly(linked):
    lib = linked.lib
    with lib.write():
        add_annotation(lib, linked.report, 12, "Beperk het aantal themaresoluties", "recommendation",
                       label=" =1+1", note=f"\t@SUM(A1) en {RLO}gnirts")
    return linked


def test_csv_defuses_leading_space_formulas_and_bidi_controls(sly, tmp_path):
    out = tmp_path / "s.csv"
    export_summary(sly.lib, out)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if "=1+1" in r["recommendation_label"])
    assert row["recommendation_label"] == "' =1+1"
    assert row["recommendation_note"].startswith("'") and RLO not in row["recommendation_note"]
    for r in rows:
        for value in r.values():
            assert not value.lstrip().startswith(("=", "+", "-", "@"))
            assert not set(value) & {"\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2067", "\u2068", "\u2069"}


def test_xlsx_cells_filter_header_and_print_setup(sly, tmp_path):
    out = tmp_path / "s.xlsx"
    export_summary(sly.lib, out)
    wb = load_workbook(out)
    ws = wb["Recommendations"]
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(COLUMNS)).column_letter}{ws.max_row}"
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$1"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width  # quotes wider than labels
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.lstrip().startswith(("=", "+", "-", "@")) and RLO not in cell.value


def _soffice(args, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs libreoffice-calc-nogui)")
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", *args],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr


def test_libreoffice_opens_the_xlsx_with_a_filter_and_prints_it_as_wide_as_the_table(linked, tmp_path):
    import pypdf

    out = tmp_path / "register.xlsx"
    export_summary(linked.lib, out)
    conv = tmp_path / "conv"
    conv.mkdir()
    _soffice(["--convert-to", "ods", "--outdir", str(conv), str(out)], tmp_path)
    content = zipfile.ZipFile(conv / "register.ods").read("content.xml").decode("utf-8")
    assert 'table:display-filter-buttons="true"' in content  # LibreOffice's own filter row
    _soffice(["--convert-to", "pdf", "--outdir", str(conv), str(out)], tmp_path)
    reader = pypdf.PdfReader(conv / "register.pdf")
    pages = reader.pages
    # Every column fits across one page: each page of the register shows the
    # first and the last column's header (repeated), and no page holds a
    # lone column as before (9 pages of one column).
    register = [p for p in pages if "recommendation_quote" in p.extract_text()]
    assert register, "the register's header is on no page"
    for page in register:
        text = page.extract_text()
        assert "recommendation_quote" in text and "response_quote" in text and "link_id" in text
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert len(pages) <= 3  # the register (6 recommendations) and the coverage sheet
