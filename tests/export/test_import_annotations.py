"""Annotations made elsewhere become Kanttekening annotations on the right words:
a PDF a colleague marked up (written by PyMuPDF, as MuPDF-based readers do,
and by pypdf, another writer), Kanttekening's own annotated PDF read back,
and a Hypothesis export. Importing twice changes nothing."""
from __future__ import annotations

import json
import shutil
import subprocess

import pymupdf
import pytest

from app.anchoring import find_quote
from app.domain import UserError
from app.export.annotated_pdf import export_annotated_pdf
from app.export.fingerprint import fingerprint
from app.export.foreign import import_annotations
from storage import records

QUOTE = "Behoud voldoende mensenrechtencapaciteit op ambassades"


def _same_words(lib, doc, ann, quote, page):
    want = find_quote(lib.document_file(doc), page, quote)
    assert ann.page_no == page and ann.quote == want.quote
    assert [list(r) for r in ann.rects] == [list(r) for r in want.rects]


def _by_author(lib, name):
    return [a for a in records.list_annotations(lib.db) if a.author == name]


def test_a_pdf_marked_up_with_pymupdf(linked, tmp_path):
    lib = linked.lib
    marked = tmp_path / "gemarkeerd.pdf"
    shutil.copy(lib.document_file(linked.report), marked)
    with pymupdf.open(marked) as pdf:
        page = pdf[11]
        hl = page.add_highlight_annot(quads=page.search_for(QUOTE, quads=True))
        hl.set_info(title="Carla Smit", content="Belangrijk punt", subject="Highlight",
                    creationDate="D:20261115093000+01'00'", modDate="D:20261115094500+01'00'")
        hl.update()
        note = page.add_text_annot((60, 100), "Zie ook hoofdstuk 3")
        note.set_info(title="Carla Smit", modDate="D:20261116120000Z")
        note.update()
        pdf.saveIncr()  # as a reader saves; MuPDF adds an /ID, so the copy is found by its text
    report = import_annotations(lib, marked)
    assert len(report.added) == 2 and not report.conflicts
    carla = {a.is_area: a for a in _by_author(lib, "Carla Smit")}
    _same_words(lib, linked.report, carla[False], QUOTE, 12)
    assert carla[False].note == "Belangrijk punt" and carla[False].role == "comment"
    assert carla[False].created == "2026-11-15T08:30:00.000Z"
    assert carla[False].modified == "2026-11-15T08:45:00.000Z"
    assert carla[True].note == "Zie ook hoofdstuk 3" and carla[True].page_no == 12
    again = import_annotations(lib, marked)
    assert not again.added and not again.updated and again.unchanged == 2


def test_a_pdf_marked_up_with_pypdf(linked, tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    lib = linked.lib
    with pymupdf.open(lib.document_file(linked.reply)) as pdf:
        page = pdf[1]
        height = page.rect.height
        quads = page.search_for("Volledige uitvoering van deze aanbeveling", quads=True)
    writer = PdfWriter(clone_from=PdfReader(lib.document_file(linked.reply)))
    points = []
    for q in quads:  # PDF user space: origin at the bottom left
        points += [q.ul.x, height - q.ul.y, q.ur.x, height - q.ur.y, q.ll.x, height - q.ll.y, q.lr.x, height - q.lr.y]
    rect = (min(points[0::2]), min(points[1::2]), max(points[0::2]), max(points[1::2]))
    annot = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(v) for v in points), highlight_color="ff0000")
    annot[NameObject("/T")] = TextStringObject("Dirk de Boer")
    annot[NameObject("/Contents")] = TextStringObject("reactie: gedeeltelijk")
    annot[NameObject("/M")] = TextStringObject("D:20261117100000Z")
    annot[NameObject("/NM")] = TextStringObject("pypdf-1")
    writer.add_annotation(page_number=1, annotation=annot)
    out = tmp_path / "reply-marked.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    # another writer, other bytes: found by its text
    report = import_annotations(lib, out)
    assert len(report.added) == 1
    (dirk,) = _by_author(lib, "Dirk de Boer")
    _same_words(lib, linked.reply, dirk, "Volledige uitvoering van deze aanbeveling", 2)
    assert dirk.role == "response" and dirk.color == "#ff0000"  # "reactie" names the role
    assert import_annotations(lib, out).unchanged == 1


def test_kanttekenings_own_pdf_reads_back_with_roles_and_links(linked, second_library, tmp_path):
    lib = linked.lib
    report_pdf, reply_pdf = tmp_path / "report.pdf", tmp_path / "reply.pdf"
    export_annotated_pdf(lib, linked.report.id, report_pdf)
    export_annotated_pdf(lib, linked.reply.id, reply_pdf)
    first = import_annotations(second_library, report_pdf)
    second = import_annotations(second_library, reply_pdf)
    assert not first.conflicts and not second.conflicts
    for a in records.list_annotations(lib.db):
        b = records.get_annotation(second_library.db, a.id)
        assert b is not None, a.quote
        for key in ("role", "label", "note", "author", "page_no", "is_area", "created", "modified", "quote",
                    "prefix", "suffix", "rects"):
            assert getattr(b, key) == getattr(a, key), key
    key = lambda l: (l.id, l.recommendation_id, l.response_id, l.stance, l.assessment)  # noqa: E731
    assert sorted(map(key, records.list_links(second_library.db))) == sorted(map(key, records.list_links(lib.db)))
    again = import_annotations(second_library, reply_pdf)
    assert not again.added and not again.updated and not again.conflicts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_poppler_shows_the_review(linked, tmp_path):
    """poppler (Okular's backend) reads each response highlight with its stance,
    recommendation and assessment, and /NM is the annotation's id."""
    out = tmp_path / "reply.pdf"
    export_annotated_pdf(linked.lib, linked.reply.id, out)
    script = (
        "import json, sys, gi\n"
        "gi.require_version('Poppler', '0.18')\n"
        "from gi.repository import Poppler\n"
        "doc = Poppler.Document.new_from_file('file://' + sys.argv[1], None)\n"
        "out = []\n"
        "for i in range(doc.get_n_pages()):\n"
        "    for m in doc.get_page(i).get_annot_mapping():\n"
        "        a = m.annot\n"
        "        out.append({'page': i + 1, 'name': a.get_name(), 'contents': a.get_contents(),\n"
        "                    'author': a.get_label() if isinstance(a, Poppler.AnnotMarkup) else None})\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(["/usr/bin/python3", "-c", script, str(out)], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 and "Poppler" in done.stderr:
        pytest.skip("poppler's GObject bindings are not installed (.ci/run installs gir1.2-poppler-0.18)")
    assert done.returncode == 0, done.stderr
    seen = {a["name"]: a for a in json.loads(done.stdout)}
    for label, resp_id, _ in linked.responses:
        a = seen[resp_id]  # /NM is the annotation's id
        link = next(l for l in records.list_links(linked.lib.db) if l.response_id == resp_id)
        stance = {"accepted": "accepted", "partial": "partly accepted", "noted": "noted without commitment",
                  "rejected": "rejected"}[link.stance]
        assert f"Response to recommendation {label} (" in a["contents"] and stance in a["contents"]
        if link.assessment:
            assert link.assessment in a["contents"]
        assert a["author"] == "Bram Jansen"


def test_a_recommendation_names_its_responses(linked, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    export_annotated_pdf(linked.lib, linked.report.id, out, language="nl")
    contents = {str(a.get_object().get("/NM")): str(a.get_object().get("/Contents"))
                for p in PdfReader(out).pages for a in p.get("/Annots") or []}
    assert "Reactie (Bijlage bij Kamerbrief" in contents[linked.recs["1b"]]
    assert "deels overgenomen" in contents[linked.recs["1b"]]
    assert "Nog niet beoordeeld." in contents[linked.recs["1d"]]
    assert "Geen reactie." in contents[linked.recs["2"]]


def _hypothesis_export(lib, doc, tmp_path):
    fp = fingerprint(str(lib.document_file(doc)))
    base = {"created": "2026-11-18T09:00:00.000000+00:00", "updated": "2026-11-18T09:10:00.000000+00:00",
            "user": "acct:dora@hypothes.is", "user_info": {"display_name": "Dora Visser"},
            "uri": f"urn:x-pdf:{fp}", "document": {"title": ["IOB"]}, "permissions": {}, "group": "__world__"}
    data = {"export_date": "2026-11-18T10:00:00Z", "export_userid": "acct:dora@hypothes.is", "client_version": "1",
            "annotations": [
                {**base, "id": "Xk3sV0QkEe6aBcDeFgHiJk", "text": "Eens met deze aanbeveling",
                 "tags": ["aanbeveling", "capaciteit"],
                 "target": [{"source": f"urn:x-pdf:{fp}", "selector": [
                     {"type": "TextPositionSelector", "start": 9999, "end": 10050},
                     {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": "b) ", "suffix": " en investeer"},
                     {"type": "PageSelector", "index": 11, "label": "12"}]}]},
                {**base, "id": "Yk3sV0QkEe6aBcDeFgHiJk", "text": "Deze tabel", "tags": [],
                 "target": [{"source": f"urn:x-pdf:{fp}", "selector": [
                     {"type": "PageSelector", "index": 11, "label": "12"},
                     {"type": "ShapeSelector", "anchor": "page",
                      "shape": {"type": "rect", "left": 70, "top": 700, "right": 300, "bottom": 650}}]}]},
                {**base, "id": "Zk3sV0QkEe6aBcDeFgHiJk", "text": "Een antwoord", "references": ["Xk3sV0QkEe6aBcDeFgHiJk"],
                 "target": [{"source": f"urn:x-pdf:{fp}"}]},
            ]}
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_hypothesis_export(linked, tmp_path):
    lib = linked.lib
    path = _hypothesis_export(lib, linked.report, tmp_path)
    report = import_annotations(lib, path)
    assert len(report.added) == 2 and len(report.skipped) == 1  # the reply has no place of its own
    dora = {a.is_area: a for a in _by_author(lib, "Dora Visser")}
    text = dora[False]
    _same_words(lib, linked.report, text, QUOTE, 12)
    assert text.role == "recommendation" and text.note == "Eens met deze aanbeveling"
    assert [records.get_tag(lib.db, t).name for t in text.tag_ids] == ["capaciteit"]
    assert text.created == "2026-11-18T09:00:00.000Z" and text.modified == "2026-11-18T09:10:00.000Z"
    area = dora[True]
    height = records.get_page(lib.db, linked.report.id, 12).height
    assert area.rects == ((12, 70.0, round(height - 700, 2), 300.0, round(height - 650, 2)),)
    again = import_annotations(lib, path)
    assert not again.added and not again.updated and again.unchanged == 2


def test_a_hypothesis_export_of_another_pdf_is_refused(sample_library, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"annotations": [{"id": "a", "uri": "urn:x-pdf:" + "0" * 32, "target": [
        {"source": "x", "selector": [{"type": "TextQuoteSelector", "exact": "iets"}]}]}]}), encoding="utf-8")
    with pytest.raises(UserError, match="--doc"):
        import_annotations(sample_library, path)
