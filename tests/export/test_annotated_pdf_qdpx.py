"""Annotated PDFs read back by pypdf and poppler; REFI-QDA projects validated."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from pypdf import PdfReader

from app.domain import ROLE_COLORS, UserError
from app.export.annotated_pdf import export_annotated_pdf
from app.export.qdpx import build_project, export_qdpx
from storage import records
from tests.conftest import SHARED
from tests.export.conftest import add_annotation

QDPX_CHECKER = SHARED / "conformance" / "check_qdpx.py"


def rgb(hex_color: str) -> list[float]:
    return [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]


def annots(reader: PdfReader, page_no: int) -> list[dict]:
    return [a.get_object() for a in reader.pages[page_no - 1].get("/Annots") or []]


@pytest.fixture
def with_area(linked):
    lib = linked.lib
    with lib.write():
        area = add_annotation(lib, linked.report, 12, "AANBEVELINGEN", "evidence", note="Kader",
                              is_area=True)
    return linked, area


def test_annotated_pdf_has_real_annotations(with_area, tmp_path):
    linked, _ = with_area
    lib = linked.lib
    source = lib.document_file(linked.report)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    out = tmp_path / "annotated.pdf"
    result = export_annotated_pdf(lib, "iob-evaluatie", out)
    assert result.counts == {"annotations": 9, "PDF annotations": 9}
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before == linked.report.sha256

    reader = PdfReader(out)
    assert len(reader.pages) == 94
    on12 = annots(reader, 12)
    highlights = [a for a in on12 if a["/Subtype"] == "/Highlight"]
    squares = [a for a in on12 if a["/Subtype"] == "/Square"]
    assert len(highlights) == 6 and len(squares) == 1
    rec_1b = next(a for a in highlights if "recommendation 1b" in a["/Contents"])
    assert rec_1b["/T"] == "Anna de Vries"
    assert "Tags: capaciteit" in rec_1b["/Contents"]
    assert [round(float(c), 3) for c in rec_1b["/C"]] == [round(c, 3) for c in rgb(ROLE_COLORS["recommendation"])]
    # the highlight covers the words: its quad points lie on the quote's line
    ann = records.get_annotation(lib.db, linked.recs["1b"])
    x0, y0, x1, y1 = ann.rects[0][1:]
    height = float(reader.pages[11].mediabox.height)
    quads = [float(v) for v in rec_1b["/QuadPoints"]]
    assert abs(quads[0] - x0) < 1 and abs((height - quads[1]) - y0) < 1
    comment = next(a for a in highlights if a["/Contents"].startswith("comment"))
    assert [float(c) for c in comment["/C"]] == [1.0, 0.0, 0.0]  # its own colour
    assert "Hier beginnen de aanbevelingen." in comment["/Contents"]
    assert "Kader" in squares[0]["/Contents"]
    evidence = annots(reader, 9)
    assert len(evidence) == 1 and "Onderbouwt aanbeveling 10." in evidence[0]["/Contents"]


def _ppm_pixel(data: bytes, x: int, y: int) -> tuple[int, int, int]:
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6"
    width = int(parts[1])
    pixels = parts[4]
    i = (y * width + x) * 3
    return pixels[i], pixels[i + 1], pixels[i + 2]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_poppler_shows_the_highlights(linked, tmp_path):
    out = tmp_path / "annotated.pdf"
    export_annotated_pdf(linked.lib, linked.report.id, out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, timeout=60)
    assert info.returncode == 0 and re.search(r"^Pages:\s+94$", info.stdout, re.M)
    ann = records.get_annotation(linked.lib.db, linked.recs["1b"])
    _, x0, y0, x1, y1 = ann.rects[0]
    px, py = int((x0 + 2) / 72 * 36), int((y0 + y1) / 2 / 72 * 36)  # inside the first word, 36 dpi

    def render(pdf) -> bytes:
        done = subprocess.run(["pdftoppm", "-f", "12", "-l", "12", "-r", "36", str(pdf)],
                              capture_output=True, timeout=60)
        assert done.returncode == 0
        return done.stdout

    original = render(linked.lib.document_file(linked.report))
    marked = render(out)
    # Inside the highlight poppler paints the role colour (yellow: much less blue).
    samples = [(_ppm_pixel(original, px + dx, py), _ppm_pixel(marked, px + dx, py)) for dx in range(0, 12)]
    assert any(o[2] - m[2] > 60 for o, m in samples), samples
    text = subprocess.run(["pdftotext", "-f", "12", "-l", "12", str(out), "-"], capture_output=True,
                          text=True, timeout=60).stdout
    assert "Behoud voldoende mensenrechtencapaciteit" in text  # the text is still there


def test_annotated_pdf_refuses_the_library_file(linked):
    with pytest.raises(UserError):
        export_annotated_pdf(linked.lib, "iob-evaluatie", linked.lib.document_file(linked.report))


def test_qdpx_passes_the_refi_qda_check(linked, tmp_path):
    out = tmp_path / "project.qdpx"
    result = export_qdpx(linked.lib, out)
    assert result.counts["sources"] == 6  # every document, annotated or not
    assert result.counts["passages without a text position"] == 0
    if not QDPX_CHECKER.exists():
        pytest.skip(f"the shared conformance checks are not at {QDPX_CHECKER.parent}")
    check = subprocess.run([sys.executable, str(QDPX_CHECKER), str(out)], capture_output=True, text=True,
                           timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip().splitlines()[-1] == "1 passed, 0 failed"


def test_qdpx_content(linked, tmp_path):
    from lxml import etree

    out = tmp_path / "project.qdpx"
    export_qdpx(linked.lib, out)
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
        assert {"project.qde", f"Sources/{linked.report.sha256}.pdf",
                f"Sources/{linked.reply.sha256}.pdf"} <= names
        assert len([n for n in names if n.endswith(".pdf")]) == 6
        assert zf.read(f"Sources/{linked.report.sha256}.pdf") == \
            linked.lib.document_file(linked.report).read_bytes()
        root = etree.fromstring(zf.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    assert sorted(u.get("name") for u in root.iterfind(".//q:Users/q:User", ns)) == sorted(
        {"Anna de Vries", "Bram Jansen", linked.lib.reviewer})
    codes = {c.get("name"): c.get("guid") for c in root.iterfind(".//q:Code", ns)}
    assert {"Tags", "Roles", "Stances", "capaciteit", "Financiering", "recommendation", "accepted", "none",
            "not judged yet"} <= set(codes)
    selections = {s.get("guid"): s for s in root.iterfind(".//q:PDFSelection", ns)}
    assert len(selections) == 13  # no passage of the fixture crosses a page
    rec = selections[str(__import__("uuid").UUID(hex=linked.recs["1b"]))]
    assert rec.get("page") == "11"  # 0-based, as QualCoder reads it
    assert rec.find("q:Description", ns).text == "Behoud voldoende mensenrechtencapaciteit op ambassades en investeer in de kennis"
    coded = {c.get("targetGUID") for c in rec.iterfind("q:Coding/q:CodeRef", ns)}
    assert coded == {codes["recommendation"], codes["capaciteit"], codes["partial"]}
    assert rec.get("name") == rec.find("q:Description", ns).text  # QualCoder keeps the name as the memo
    links = root.findall(".//q:Links/q:Link", ns)
    assert len(links) == 5
    assert {l.get("name") for l in links} == {"accepted", "partly accepted", "noted without commitment", "rejected"}
    # nobody judged "1d": "not judged yet"; "2" was judged to have no response: "none"
    def coded_on(label):
        sel = selections[str(__import__("uuid").UUID(hex=linked.recs[label]))]
        return {c.get("targetGUID") for c in sel.iterfind("q:Coding/q:CodeRef", ns)}

    assert codes["not judged yet"] in coded_on("1d") and codes["none"] not in coded_on("1d")
    assert codes["none"] in coded_on("2") and codes["not judged yet"] not in coded_on("2")
    # every note and every selection has its dates (QualCoder needs them)
    for el in root.iterfind(".//q:Note", ns):
        assert el.get("creationDateTime") and el.get("modifiedDateTime")
    # stable: the same library gives the same project
    assert build_project(linked.lib).xml == build_project(linked.lib).xml


def test_a_damaged_library_file_gives_a_message(linked, tmp_path):
    linked.lib.document_file(linked.reply).write_bytes(b"%PDF-1.4\n garbage \n%%EOF")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="the PDF could not be written"):
        export_annotated_pdf(linked.lib, linked.reply.id, out / "reply.pdf")
    assert list(out.iterdir()) == []
