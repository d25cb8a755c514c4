"""The bundle as Hypothesis's client reads it (hypothesis/client
``src/annotator/anchoring/pdf.ts``: ``anchor``, ``anchorRange``, ``anchorQuote``,
``anchorShape``) and the document named as pdf.js names it."""
from __future__ import annotations

import hashlib
import re

import pymupdf

from app.export.bundle import build_bundle
from app.export.fingerprint import fingerprint, fingerprint_of, id_strings
from storage import records
from tests.export.conftest import add_annotation


def _strip(text: str) -> str:  # Hypothesis's stripSpaces: whitespace does not count
    return re.sub(r"[ \f\n\r\t\v\u00a0]", "", text)


def test_fingerprint_is_the_first_trailer_id_else_md5_of_the_first_kilobyte(tmp_path, sample_library):
    # the samples have no /ID: MD5 of the first 1024 bytes, as pdf.js does
    doc = records.list_documents(sample_library.db)[0]
    path = sample_library.document_file(doc)
    assert fingerprint(str(path)) == hashlib.md5(path.read_bytes()[:1024]).hexdigest()
    # a PDF with an /ID: its first string, in lower-case hex
    made = tmp_path / "with-id.pdf"
    with pymupdf.open() as pdf:
        pdf.new_page()
        pdf.save(made)
    raw = made.read_bytes()
    first = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>", raw).group(1).decode().lower()
    assert fingerprint(str(made)) == first and len(first) == 32
    # pdf.js's other rules: a string of another length or of zeros falls back to the MD5
    head = b"%PDF-1.7\n" + bytes(2000)
    md5 = hashlib.md5(head[:1024]).hexdigest()
    assert fingerprint_of(head, "[<00000000000000000000000000000000><AB>]") == md5
    assert fingerprint_of(head, "[<ABCD><ABCD>]") == md5
    assert fingerprint_of(head, None) == md5
    assert fingerprint_of(head, "[(0123456789abcdef)(x)]") == b"0123456789abcdef".hex()
    assert id_strings(r"[(a\)b\\c\101) <41 4>]") == [b"a)b\\cA", b"A@"]


def test_selectors_are_what_hypothesis_anchors(linked):
    lib = linked.lib
    with lib.write():
        area = add_annotation(lib, linked.report, 12, "AANBEVELINGEN", "comment", note="kader", is_area=True)
    bundle = build_bundle(lib)
    docs = {d.sha256: d for d in records.list_documents(lib.db)}
    seen_area = False
    for item in bundle["first"]["items"]:
        target = item["target"]
        doc = docs[target["source"]["id"].removeprefix("urn:sha256:")]
        # Hypothesis names a PDF urn:x-pdf:<pdf.js fingerprint>
        assert target["source"]["sameAs"] == [f"urn:x-pdf:{fingerprint(str(lib.document_file(doc)))}"]
        sels = target["selector"]
        assert isinstance(sels, list)
        kinds = [s["type"] for s in sels]
        ann = records.get_annotation(lib.db, item["id"].removeprefix("urn:uuid:").replace("-", ""))
        page = next(s for s in sels if s["type"] == "PageSelector")
        assert page["index"] == ann.page_no - 1 and isinstance(page["label"], str) and page["label"]
        assert "FragmentSelector" in kinds
        if ann.is_area:
            seen_area = True
            shape = next(s for s in sels if s["type"] == "ShapeSelector")
            assert shape["anchor"] == "page" and shape["shape"]["type"] == "rect"
            r = shape["shape"]
            # PDF user space: origin at the bottom left, so top is above bottom
            assert r["top"] > r["bottom"] and r["right"] > r["left"]
            assert shape["view"]["top"] >= r["top"] and r["bottom"] >= shape["view"]["bottom"]
            assert "TextQuoteSelector" not in kinds  # anchor() takes the shape
            continue
        assert kinds.count("TextQuoteSelector") == 1
        quote = next(s for s in sels if s["type"] == "TextQuoteSelector")
        assert quote["exact"] == ann.quote
        pages = records.get_pages(lib.db, doc.id)
        position = next((s for s in sels if s["type"] == "TextPositionSelector"), None)
        if position is not None:  # anchorRange: the text at the position must be the quote
            text = "".join(p.text for p in pages)
            assert text[position["start"]:position["end"]] == quote["exact"]
        # anchorQuote: found in the page's text with whitespace stripped
        with pymupdf.open(lib.document_file(doc)) as pdf:
            page_text = pdf[ann.page_no - 1].get_text()
        assert _strip(quote["exact"]) in _strip(page_text)
    assert seen_area and area
