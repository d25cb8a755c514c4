"""OCR of scanned pages from the command line and the core (no Qt)."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from app.cli import main
from app.ocr import INSTALL_HINT, parse_tsv
from storage import records
from tests.ocr.conftest import doc_named, subset
from tests.ocr.measure import cer

QUERIES = [
    "mensenrechten", "democratie", "rechtsorde", "multilaterale samenwerking",
    "maatschappelijk middenveld", "desinformatie", "burgerrechten", "sociaaleconomische bloei",
    "vooruitgang", "surveillance", "propaganda", "\"internationale rechtsorde\"",
    "Nederlandse waarden", "autocratische tactieken", "genderidentiteiten", "wereldbevolking",
]


def _json(capsys, argv) -> object:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_import_recognises_the_scan_with_flags_and_confidence(ocr_library, capsys):
    lib = ocr_library
    scan = doc_named(lib, "scan")
    shown = _json(capsys, ["--library", str(lib.root), "show", scan.id, "--json"])
    assert shown["pages_with_text"] == 2
    for page in shown["pages_detail"]:
        assert page["has_text"] and page["ocr"] == "recognised"
        assert 80 <= page["ocr_confidence"] <= 100
        assert page["characters"] > 1000
    text = doc_named(lib, "tekst")
    plain = _json(capsys, ["--library", str(lib.root), "show", text.id, "--json"])
    assert all(p["ocr"] is None and p["ocr_confidence"] is None for p in plain["pages_detail"])
    # The reader, selection and export read words from the stored copy with its text layer.
    assert lib.document_file(scan).name.endswith(".ocr.pdf")
    from app.anchoring import load_words

    _, words = load_words(lib.document_file(scan), [1])
    assert [w[4] for w in words[1][:3]] == ["In", "een", "gefragmenteerde"]


def test_recognised_text_is_close_to_the_text_version(ocr_library):
    lib = ocr_library
    scan, text = doc_named(lib, "scan"), doc_named(lib, "tekst")
    for a, b in zip(records.get_pages(lib.db, text.id), records.get_pages(lib.db, scan.id)):
        assert cer(a.text, b.text) < 0.03, a.page_no


def test_search_finds_the_same_pages_on_the_scan_as_on_the_text_version(ocr_library):
    from app import search_service

    lib = ocr_library
    scan, text = doc_named(lib, "scan"), doc_named(lib, "tekst")
    hit_pages = set()
    for query in QUERIES:
        on_text = search_service.match_pages(lib, query, text.id)
        on_scan = search_service.match_pages(lib, query, scan.id)
        assert on_scan == on_text, query
        hit_pages.update(on_text)
    assert hit_pages == {1, 2}  # the queries reach both pages
    # Hits on recognised text say so, with the confidence.
    outcome = search_service.search(lib, "desinformatie", doc=scan.id)
    assert outcome.hits and all(h.ocr_confidence and h.ocr_confidence > 80 for h in outcome.hits)
    assert all(h.ocr_confidence is None for h in search_service.search(lib, "desinformatie", doc=text.id).hits)


def test_search_command_marks_recognised_text(ocr_library, capsys):
    lib = ocr_library
    capsys.readouterr()
    assert main(["--library", str(lib.root), "search", "burgerrechten"]) == 0
    out = capsys.readouterr().out
    lines = [l for l in out.splitlines() if "p. 2" in l]
    assert any("recognised text" in l for l in lines) and any("recognised text" not in l for l in lines)


def test_annotation_on_the_scan_lands_on_the_right_words_in_the_annotated_pdf(ocr_library, capsys, tmp_path):
    lib = ocr_library
    scan = doc_named(lib, "scan")
    quote = "De ruimte voor het maatschappelijk middenveld"
    ann = _json(capsys, ["--library", str(lib.root), "annotate", scan.id, "--page", "2",
                         "--quote", quote, "--role", "evidence", "--json"])
    out = tmp_path / "annotated.pdf"
    capsys.readouterr()
    assert main(["--library", str(lib.root), "export", "pdf", scan.id, "-o", str(out)]) == 0
    # poppler (another reader) finds the highlight and, inside its box, the quoted words.
    import pypdf

    reader = pypdf.PdfReader(str(out))
    annots = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert [a["/Subtype"] for a in annots] == ["/Highlight"]
    found = []
    for _, x0, y0, x1, y1 in ann["rects"]:  # one box per line fragment
        found += subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", "-r", "72", "-x", str(round(x0)), "-y", str(round(y0)),
             "-W", str(round(x1 - x0)), "-H", str(round(y1 - y0)), str(out), "-"],
            capture_output=True, text=True, check=True,
        ).stdout.split()
    assert " ".join(found) == quote
    assert ann["quote"] == quote


def test_the_layered_pdf_can_be_written_out_and_searched_by_another_reader(ocr_library, capsys, tmp_path):
    lib = ocr_library
    scan = doc_named(lib, "scan")
    out = tmp_path / "scan-with-text.pdf"
    capsys.readouterr()
    assert main(["--library", str(lib.root), "ocr", scan.id, "--output", str(out)]) == 0
    assert "nothing to recognise" in capsys.readouterr().out  # all pages done: no work, still written
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "gefragmenteerde wereld" in text and "maatschappelijk middenveld" in text
    # The imported file itself is untouched: check still verifies it.
    assert main(["--library", str(lib.root), "check"]) == 0


def test_a_later_import_keeps_the_layered_copy(ocr_library, tmp_path):
    from tests.conftest import LETTER

    lib = ocr_library
    scan = doc_named(lib, "scan")
    layered = lib.ocr_file_path(scan.sha256)
    assert layered.is_file()
    assert main(["--library", str(lib.root), "import", "--no-ocr", str(LETTER)]) == 0
    assert layered.is_file()
    assert main(["--library", str(lib.root), "remove", scan.id]) == 0
    assert not layered.exists() and not lib.file_path(scan.sha256).exists()


def _hide_tesseract(monkeypatch, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_tesseract_one_hint_and_nothing_breaks(ocr_pdfs, tmp_path, monkeypatch, capsys):
    from tests.conftest import LETTER

    _hide_tesseract(monkeypatch, tmp_path)
    root = tmp_path / "lib"
    second_scan = subset(ocr_pdfs["scan"], [2], tmp_path / "another-scan.pdf")
    capsys.readouterr()
    code = main(["--library", str(root), "import", str(ocr_pdfs["scan"]), str(second_scan), str(LETTER)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err.count(INSTALL_HINT) == 1 and "Traceback" not in err
    assert "3 imported" in out
    shown = _json(capsys, ["--library", str(root), "show", "nota-scan", "--json"])
    assert shown["pages_with_text"] == 0
    assert all(p["ocr"] is None for p in shown["pages_detail"])
    capsys.readouterr()
    assert main(["--library", str(root), "ocr", "nota-scan"]) == 1
    out, err = capsys.readouterr()
    assert INSTALL_HINT in err and "Traceback" not in err + out
    assert main(["--library", str(root), "check"]) == 0


def test_missing_language_data_is_named(ocr_pdfs, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    root = tmp_path / "lib"
    capsys.readouterr()
    assert main(["--library", str(root), "import", str(ocr_pdfs["scan1"])]) == 0
    err = capsys.readouterr().err
    assert "Dutch language data is missing" in err and "tesseract-ocr-nld" in err


def test_cancel_keeps_the_pages_done_and_a_new_run_continues(ocr_pdfs, library):
    from app.importer import import_files
    from app.ocr_service import recognise_document

    lib = library
    doc_id = import_files(lib, [ocr_pdfs["scan"]]).imported[0].document_id
    done: list[int] = []
    report = recognise_document(lib, doc_id, on_page=lambda r: done.append(r.page_no),
                                cancelled=lambda: bool(done))
    assert report.cancelled and report.recognised == [1]
    pages = records.get_pages(lib.db, doc_id)
    assert [p.ocr for p in pages] == ["recognised", ""] and [p.has_text for p in pages] == [True, False]
    again = recognise_document(lib, doc_id)
    assert again.wanted == 1 and again.recognised == [2] and not again.cancelled
    # The first page kept its text layer (the second run started from the layered copy).
    from app.anchoring import load_words

    _, words = load_words(lib.document_file(records.get_document(lib.db, doc_id)), [1, 2])
    assert len(words[1]) > 100 and len(words[2]) > 100
    assert len({tuple(w[:5]) for w in words[1]}) == len(words[1])  # not laid twice


def test_a_page_tesseract_cannot_read_stays_flagged(library, tmp_path):
    import pymupdf

    from app.importer import import_files
    from app.ocr_service import recognise_document

    pdf = tmp_path / "blank-scan.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 600, 800), False)
        pix.set_rect(pix.irect, (250,))
        page.insert_image(page.rect, pixmap=pix)
        doc.save(pdf)
    lib = library
    doc_id = import_files(lib, [pdf]).imported[0].document_id
    report = recognise_document(lib, doc_id)
    assert report.unreadable == [1] and report.recognised == []
    page = records.get_page(lib.db, doc_id, 1)
    assert page.ocr == "unreadable" and not page.has_text and page.text == ""
    # Not tried again without --force; with it, tried again.
    assert recognise_document(lib, doc_id).wanted == 0
    assert recognise_document(lib, doc_id, force=True).wanted == 1


def test_parse_tsv_keeps_boxes_confidence_and_normalises_text():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "4\t1\t1\t1\t1\t0\t100\t200\t300\t40\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t100\t205\t120\t30\t96.5\t\ufb01nanciering\n"
        "5\t1\t1\t1\t1\t2\t240\t200\t60\t40\t-1\t \n"
    )
    words, lines = parse_tsv(tsv, 0.5)
    assert [(w.text, w.confidence, w.x0, w.y0, w.x1, w.y1) for w in words] == [
        ("financiering", 96.5, 50.0, 102.5, 110.0, 117.5)
    ]
    assert lines == {(1, 1, 1): (100.0, 120.0)}
