"""The detector's remarks are kept apart from the reviewer's note and each export
words them in its own language."""
from __future__ import annotations

import csv
import sqlite3

from pypdf import PdfReader

from app.export import export_summary
from app.export.annotated_pdf import export_annotated_pdf
from app.library import Library
from storage import migrations, records

REMARK = {"kind": "also_printed", "page": 91, "label": "1a"}


def test_migration_moves_the_detectors_sentence_out_of_notes(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    conn = sqlite3.connect(root / "library.sqlite", isolation_level=None)
    conn.execute("BEGIN")
    migrations.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.execute(
        "INSERT INTO documents(id, sha256, file_sha256, title, page_count, file_name, file_size, imported_at, modified) "
        "VALUES ('d1', 'aa', 'aa', 'Rapport', 100, 'r.pdf', 1, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')")
    for ann_id, role, note in (("a1", "recommendation", "Mijn eigen notitie.\nAlso printed on page 91 as 1a."),
                               ("a2", "recommendation", "Also printed on page 14 as 3d-3."),
                               ("a3", "comment", "Also printed on page 5 as x.")):
        conn.execute(
            "INSERT INTO annotations(id, document_id, role, note, created, modified, page_no) "
            "VALUES (?, 'd1', ?, ?, '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z', 12)", (ann_id, role, note))
    conn.close()
    lib = Library.open(root)
    try:
        a1, a2, a3 = (records.get_annotation(lib.db, i) for i in ("a1", "a2", "a3"))
        assert a1.note == "Mijn eigen notitie." and a1.remarks == (REMARK,)
        assert a2.note == "" and a2.remarks == ({"kind": "also_printed", "page": 14, "label": "3d-3"},)
        assert a3.note == "Also printed on page 5 as x." and a3.remarks == ()  # a reviewer's comment
    finally:
        lib.close()


def test_exports_word_the_remark_in_their_language(linked, tmp_path):
    lib = linked.lib
    rec = linked.recs["1a"]
    with lib.write() as db:
        records.update_annotation(db, rec, {"remarks": [REMARK]})
    for language, words, other in (("nl", "Ook afgedrukt op pagina 91 als 1a.", "Also printed"),
                                   ("en", "Also printed on page 91 as 1a.", "Ook afgedrukt")):
        for fmt in ("md", "html"):
            out = tmp_path / f"s-{language}.{fmt}"
            export_summary(lib, out, language=language)
            text = out.read_text(encoding="utf-8")
            assert words in text and other not in text, (language, fmt)
        out = tmp_path / f"s-{language}.csv"
        export_summary(lib, out, language=language)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            row = next(r for r in csv.DictReader(fh) if r["recommendation_id"] == rec)
        assert row["recommendation_remarks"] == words and row["recommendation_note"] == ""
        pdf = tmp_path / f"r-{language}.pdf"
        export_annotated_pdf(lib, linked.report.id, pdf, language=language)
        contents = {str(a.get_object().get("/NM")): str(a.get_object().get("/Contents"))
                    for p in PdfReader(pdf).pages for a in p.get("/Annots") or []}
        assert words in contents[rec] and other not in contents[rec]
