"""Importing PDFs: page counts, text, duplicates, and bad input that leaves no trace."""
from pathlib import Path

import pymupdf
import pytest

from app.importer import import_files
from storage import records
from tests.conftest import LETTER, MEETING, REPORT, SAMPLES, SCAN, SHARED


def snapshot(lib):
    """What a failed import must not change."""
    docs = sorted(d.sha256 for d in records.list_documents(lib.db))
    pages = lib.db.execute("SELECT count(*) FROM pages").fetchone()[0]
    files = sorted(p.name for p in lib.files_dir.iterdir())
    return docs, pages, files


def test_samples_import_with_page_counts_and_scan_flag(sample_library):
    docs = {d.file_name: d for d in records.list_documents(sample_library.db)}
    assert len(docs) == 6
    expected = {
        "iob-evaluatie-mensenrechtenbeleid-2017-2022.pdf": 94,
        "kabinetsreactie-iob-evaluatie.pdf": 11,
        "kamerbrief-vn-mensenrechtenraad-2020.pdf": 6,
        "beleidsnota-mensenrechten-democratie-rechtsorde.pdf": 29,
        "beleidsnota-mensenrechten-democratie-rechtsorde-scan.pdf": 29,
        "bmo-overleg-minister.pdf": 2,
    }
    for name, pages in expected.items():
        assert docs[name].page_count == pages
    scan = docs[SCAN.name]
    assert scan.pages_with_text == 0
    assert docs[REPORT.name].pages_with_text == 94
    assert docs[REPORT.name].kind == "report"
    assert docs["kabinetsreactie-iob-evaluatie.pdf"].kind == "response"
    assert all(d.language == "nl" for d in docs.values())
    for d in docs.values():
        assert sample_library.document_file(d).is_file()


def test_same_files_again_add_nothing(sample_library):
    before = snapshot(sample_library)
    report = import_files(sample_library, [SAMPLES])
    assert len(report.duplicates) == 6 and not report.imported and not report.failed
    assert "already in the library" in report.duplicates[0].message
    assert snapshot(sample_library) == before


def page_text(lib, name, page):
    return records.get_page(lib.db, lib.resolve_document(name).id, page).text


def test_hyphenation_rejoined_but_real_hyphens_kept(sample_library):
    text = " ".join(
        records.get_page(sample_library.db, sample_library.resolve_document(LETTER.name).id, n).text
        for n in range(1, 7)
    )
    # "Mensen-" / "rechtenraad" at a line end is one word again.
    assert "Daarnaast speelt de Mensenrechtenraad een steeds" in text
    assert "Mensen-\nrechtenraad" not in text and "Mensen- rechtenraad" not in text
    # Real hyphens stay: VN-, EU- and "-standaarden" after a conjunction.
    assert "VN-Mensenrechtenraad" in text
    assert "EU-verband" in text
    assert "mensenrechtennormen en -standaarden" in text
    assert "VNMensenrechtenraad" not in text


def test_ligatures_are_expanded(sample_library):
    text = page_text(sample_library, LETTER.name, 1)
    assert "straffeloosheid" in text and "\ufb00" not in text and "specifiek" in text


def test_titles_from_metadata(sample_library):
    doc = sample_library.resolve_document(REPORT.name)
    assert doc.title.startswith("Tussen papier en praktijk")


@pytest.fixture
def bad_files(tmp_path):
    data = REPORT.read_bytes()
    files = {}
    files["truncated"] = tmp_path / "truncated.pdf"
    files["truncated"].write_bytes(data[: len(data) // 2])
    files["truncated_early"] = tmp_path / "truncated-early.pdf"
    files["truncated_early"].write_bytes(data[: len(data) // 10])
    files["damaged"] = tmp_path / "damaged.pdf"
    files["damaged"].write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    files["not_pdf"] = tmp_path / "notes.pdf"
    files["not_pdf"].write_text("Dit is gewoon tekst, geen PDF.\n" * 20)
    files["empty"] = tmp_path / "empty.pdf"
    files["empty"].write_bytes(b"")
    doc = pymupdf.open(MEETING)
    files["encrypted"] = tmp_path / "encrypted.pdf"
    doc.save(files["encrypted"], encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="geheim", owner_pw="eigenaar")
    doc.close()
    return files


@pytest.mark.parametrize(
    "kind, code, words",
    [
        ("truncated", "truncated", "truncated beyond repair"),
        ("truncated_early", "truncated", "truncated beyond repair"),
        ("damaged", "damaged", "damaged beyond repair"),
        ("not_pdf", "not_pdf", "not a PDF"),
        ("empty", "empty", "empty"),
        ("encrypted", "encrypted", "--password"),
    ],
)
def test_bad_input_gets_its_own_message_and_leaves_no_trace(library, bad_files, kind, code, words):
    import_files(library, [LETTER])
    before = snapshot(library)
    report = import_files(library, [bad_files[kind], MEETING])
    failed = report.failed
    assert len(failed) == 1 and failed[0].code == code, [(o.code, o.message) for o in report.outcomes]
    assert words in failed[0].message
    assert [o.path.name for o in report.imported] == [MEETING.name]  # the others still come in
    docs, pages, files = snapshot(library)
    assert len(docs) == len(before[0]) + 1
    assert all(name in files for name in before[2])
    assert len(files) == len(before[2]) + 1


def test_encrypted_with_password(library, bad_files):
    report = import_files(library, [bad_files["encrypted"]], password="fout")
    assert report.failed[0].code == "wrong_password"
    report = import_files(library, [bad_files["encrypted"]], password="geheim")
    assert len(report.imported) == 1
    doc = library.resolve_document("encrypted.pdf")
    assert doc.was_encrypted == 1
    # The stored copy opens without the password; the password is stored nowhere.
    stored = pymupdf.open(library.document_file(doc))
    assert not stored.needs_pass and stored.page_count == 2
    raw = library.db_path.read_bytes()
    assert b"geheim" not in raw


def test_folders_are_searched_recursively(library, tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "x.pdf").write_bytes(MEETING.read_bytes())
    (nested / "ignore.txt").write_text("no")
    report = import_files(library, [tmp_path / "a"])
    assert [o.path.name for o in report.imported] == ["x.pdf"]


HOSTILE = SHARED / "corpus" / "hostile"


@pytest.mark.skipif(not HOSTILE.is_dir(), reason="shared/corpus/hostile is not beside the repository")
def test_hostile_corpus_ends_as_documents_or_clear_errors(library):
    files = sorted(HOSTILE.glob("*.pdf"))
    assert len(files) >= 50
    report = import_files(library, files)
    assert len(report.outcomes) == len(files)
    for o in report.failed:
        assert o.message and "\n" not in o.message and o.code
    docs = records.list_documents(library.db)
    assert len(docs) == len(report.imported)
    # Every imported document has all its pages and its file.
    assert not records.integrity_problems(library.db)
    for d in docs:
        assert library.document_file(d).is_file()


def test_word_hyphenated_across_a_page_break_is_whole_on_the_first_page(sample_library):
    doc = sample_library.resolve_document(LETTER.name)
    page5 = records.get_page(sample_library.db, doc.id, 5).text
    page6 = records.get_page(sample_library.db, doc.id, 6).text
    assert "een sterkere Mensenrechtenraad" in page5
    assert page6.lstrip().startswith("rechtenraad")  # the next page as printed


def test_join_rules_for_line_end_hyphens():
    from app.pdftext import join_hyphenated

    vocab = set()
    assert join_hyphenated("de Mensen-", "rechtenraad is", vocab) == ("de Mensenrechtenraad", "is")
    assert join_hyphenated("de VN-", "Mensenrechtenraad is", vocab) == ("de VN-Mensenrechtenraad", "is")
    assert join_hyphenated("de EU-", "richtlijn is", vocab) == ("de EU-richtlijn", "is")
    assert join_hyphenated("mensenrechten-", "en democratie", vocab) == ("mensenrechten- en", "democratie")
    assert join_hyphenated("periode 2020-", "2022 werd", vocab) == ("periode 2020-2022", "werd")
    # The document's own words decide when they can.
    assert join_hyphenated("de zee-", "egel", {"zee-egel"}) == ("de zee-egel", "")
    assert join_hyphenated("de ontwikkelings-", "samenwerking", {"ontwikkelingssamenwerking"}) == (
        "de ontwikkelingssamenwerking", "")
    # A soft hyphen always joins.
    assert join_hyphenated("Mensen\u00ad", "rechten", vocab) == ("Mensenrechten", "")
