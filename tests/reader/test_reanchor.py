"""Moving annotations to a new edition: exact, then fuzzy, orphans kept and listed."""
from __future__ import annotations

import json

import pymupdf

from app import annotations as uc
from app.anchoring import find_quote
from app.cli import main
from app.importer import import_files
from storage import records
from storage.types import Link, Stance
from tests.conftest import LETTER, doc_by_file


def test_new_edition_moves_annotations_keeps_links_and_orphans(sample_library, tmp_path, capsys):
    lib = sample_library
    old = doc_by_file(lib, "kamerbrief")
    placed = find_quote(LETTER, 1, "Daarnaast speelt de Mensenrechtenraad een steeds belangrijker rol")
    rec, _ = uc.create_annotation(lib, old.id, page_no=1, rects=placed.rects, quote=placed.quote,
                                  prefix=placed.prefix, suffix=placed.suffix, role="recommendation",
                                  label="1a", tags=["VN"])
    words3 = pymupdf.open(LETTER)[2].get_text("words")
    quote3 = " ".join(w[4] for w in words3[20:32])
    on3 = find_quote(LETTER, 3, quote3)
    orphan, _ = uc.create_annotation(lib, old.id, page_no=3, rects=on3.rects, quote=on3.quote,
                                     role="response")
    with lib.write():
        records.insert_link(lib.db, Link(id="l1", recommendation_id=rec, response_id=orphan,
                                     stance=Stance("partial"), assessment="", author="t",
                                     created="2026-01-01T00:00:00.000Z",
                                     modified="2026-01-01T00:00:00.000Z"))
    # The new edition: a cover page in front, old page 3 left out.
    doc = pymupdf.open(LETTER)
    doc.delete_page(2)
    doc.new_page(0)
    edition = tmp_path / "kamerbrief-2e-druk.pdf"
    doc.save(edition)
    report = import_files(lib, [edition])
    new_id = report.imported[0].document_id

    root = str(lib.root)
    lib.close()
    assert main(["--library", root, "reanchor", old.id, new_id, "--json"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert outcome == {"exact": [rec], "fuzzy": [], "orphaned": [orphan]}

    from app.library import Library

    lib2 = Library.open(root)
    try:
        moved = uc.get_annotation(lib2, rec)
        assert (moved.document_id, moved.page_no, moved.label, moved.tags) == (new_id, 2, "1a", ("VN",))
        assert all(r[0] == 2 for r in moved.rects)
        lost = uc.get_annotation(lib2, orphan)
        assert lost.orphaned and lost.document_id == new_id and lost.quote == on3.quote
        assert [l.id for l in records.list_links(lib2.db)] == ["l1"]
        assert uc.list_annotations(lib2, old.id) == []
    finally:
        lib2.close()
