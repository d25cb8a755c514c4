"""The whole 29-page scan against its text version, in ``make test``.

Tesseract on every page takes minutes, so its answers for this scan are
recorded once (``tests/ocr/data/record_tsv.py``) and a stand-in program on
PATH gives them back (``tests/ocr/fake_tesseract.py``); everything else is
the app's own path: import, the extraction child rendering each page,
parsing the TSV, laying the text over the page, normalising and storing the
text, and the search index. The real Tesseract runs in ``test_ocr.py`` (two
pages) and in the bench (all of them).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from app.cli import main
from storage import records
from tests.conftest import NOTE, SCAN
from tests.ocr.conftest import doc_named
from tests.ocr.measure import comparable, edit_distance

HERE = Path(__file__).resolve().parent
RECORD = HERE / "data" / "scan-tsv.json.gz"

# Ordinary Dutch queries: words, phrases, plurals (stemmed), plurals with an
# apostrophe, prefixes, words hyphenated at a line or page end.
QUERIES = [
    "mensenrechten", "democratie", "rechtsorde", "multilaterale samenwerking",
    "maatschappelijk middenveld", "desinformatie", "burgerrechten", "sociaaleconomische bloei",
    "vooruitgang", "surveillance", "propaganda", "\"internationale rechtsorde\"",
    "Nederlandse waarden", "autocratische tactieken", "genderidentiteiten", "wereldbevolking",
    "thema's", "programma's", "mensenrecht*", "verkiezingen", "journalisten", "vrijheid",
    "corruptie", "klimaatverandering", "Verenigde Naties", "ontwikkelingssamenwerking",
    # hyphenated at a line end on the scan ("partner-" / "schappen", "begrot-" /
    # "ingsindicator"), and at a page end (p. 24 "mensenrechten-" / p. 25 "narratief")
    "partnerschappen", "Beleidskader", "begrotingsindicator", "\"mensenrechten-narratief\"",
]
# Differences a recognition error would cause, listed exactly, so that a new
# one fails the test. At the scan's own 110 dpi Tesseract read "multlateraal"
# on p. 27; recognised at 150 dpi (app.ocr.MIN_DPI) there is none.
KNOWN_MISREADS: dict[str, dict[str, list[int]]] = {}


@pytest.fixture(scope="module")
def whole_scan(tmp_path_factory):
    """The whole scan and its text version imported through the command line,
    with the recorded Tesseract on PATH; yields the library and the pages the
    stand-in was asked for."""
    from app import search_service
    from app.library import Library

    tmp = tmp_path_factory.mktemp("whole-scan")
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "tesseract"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(HERE.parent.parent)!r})\n"
                    "from tests.ocr.fake_tesseract import main\nsys.exit(main(sys.argv[1:]))\n")
    fake.chmod(0o755)
    log = tmp / "asked.txt"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
        mp.setenv("KANTTEKENING_FAKE_TSV", str(RECORD))
        mp.setenv("KANTTEKENING_FAKE_TSV_LOG", str(log))
        root = tmp / "lib"
        assert main(["--library", str(root), "import", str(NOTE), str(SCAN)]) == 0
    lib = Library.open(root)
    search_service.rebuild_index(lib)
    asked = [int(n) for n in log.read_text().split()] if log.exists() else []
    yield lib, asked
    search_service.close_engine(lib)
    lib.close()


def test_every_page_of_the_scan_is_recognised_from_the_recording(whole_scan):
    lib, asked = whole_scan
    scan = doc_named(lib, "scan")
    assert sorted(asked) == list(range(1, 30))
    pages = records.get_pages(lib.db, scan.id)
    assert [p.ocr for p in pages] == ["recognised"] * 29
    assert all(p.has_text and p.ocr_confidence and p.ocr_confidence > 80 for p in pages)


def test_character_error_rate_over_the_whole_document_is_below_3_percent(whole_scan):
    lib, _ = whole_scan
    scan, text = doc_named(lib, "scan"), doc_named(lib, "-rechtsorde.pdf")
    ref = records.get_pages(lib.db, text.id)
    got = records.get_pages(lib.db, scan.id)
    assert len(ref) == len(got) == 29
    edits = chars = 0
    worst = 0.0
    for a, b in zip(ref, got):
        ra, rb = comparable(a.text), comparable(b.text)
        e = edit_distance(ra, rb)
        edits, chars = edits + e, chars + len(ra)
        worst = max(worst, e / max(1, len(ra)))
    assert edits / chars < 0.03
    # Before lines that Tesseract cut in two were rejoined, p. 18 read a
    # phrase out of order (4.6 %); every page is now near 1 % or better.
    assert worst < 0.02


def test_search_finds_the_same_pages_on_the_whole_scan_as_on_the_text_version(whole_scan):
    from app import search_service

    lib, _ = whole_scan
    scan, text = doc_named(lib, "scan"), doc_named(lib, "-rechtsorde.pdf")
    differ, reached = {}, set()
    for query in QUERIES:
        on_text = search_service.match_pages(lib, query, text.id)
        on_scan = search_service.match_pages(lib, query, scan.id)
        assert on_text, query  # every query finds something: none passes by finding nothing
        reached.update(on_text)
        if on_scan != on_text:
            differ[query] = {"missing on the scan": sorted(set(on_text) - set(on_scan))}
            if set(on_scan) - set(on_text):
                differ[query]["only on the scan"] = sorted(set(on_scan) - set(on_text))
    assert differ == KNOWN_MISREADS
    assert len(reached) >= 20  # the queries reach most of the document
