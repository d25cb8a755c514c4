"""The bundle checked against pdf.js itself (a real peer: the viewer Hypothesis
annotates PDFs in). ``make test`` installs pdfjs-dist into ``.pdfjs`` when npm
is there; ``tests/export/pdfjs_probe.mjs`` asks pdf.js for each file's
fingerprint and each page's text as Hypothesis's client reads it."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pymupdf
import pytest

from app.export.bundle import build_bundle
from app.export.fingerprint import fingerprint
from storage import records
from tests.conftest import ROOT

PDFJS = ROOT / ".pdfjs" / "node_modules" / "pdfjs-dist" / "legacy" / "build" / "pdf.mjs"
PROBE = ROOT / "tests" / "export" / "pdfjs_probe.mjs"


def _strip(text: str) -> str:  # Hypothesis's stripSpaces (anchoring/pdf.ts)
    return re.sub(r"[ \f\n\r\t\v\u00a0]", "", text)


def pdfjs(*files) -> list[dict]:
    node = shutil.which("node")
    if node is None or not PDFJS.is_file():
        pytest.skip("pdf.js is not installed: `make .pdfjs/.installed` needs Node.js and npm")
    done = subprocess.run([node, str(PROBE), str(PDFJS), *map(str, files)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_our_fingerprint_is_pdfjss(sample_library, tmp_path):
    with_id = tmp_path / "with-id.pdf"
    with pymupdf.open() as pdf:
        pdf.new_page()
        pdf.save(with_id)
    files = [sample_library.document_file(d) for d in records.list_documents(sample_library.db)] + [with_id]
    for seen in pdfjs(*files):
        assert seen["fingerprints"][0] == fingerprint(seen["file"]), seen["file"]


def test_every_quote_is_in_the_page_text_hypothesis_searches(linked):
    lib = linked.lib
    bundle = build_bundle(lib)
    docs = {d.sha256: d for d in records.list_documents(lib.db)}
    used = sorted({it["target"]["source"]["id"].removeprefix("urn:sha256:") for it in bundle["first"]["items"]})
    seen = {s["file"]: s for s in pdfjs(*(lib.document_file(docs[sha]) for sha in used))}
    for item in bundle["first"]["items"]:
        target = item["target"]
        doc = docs[target["source"]["id"].removeprefix("urn:sha256:")]
        view = seen[str(lib.document_file(doc))]
        assert target["source"]["sameAs"] == [f"urn:x-pdf:{view['fingerprints'][0]}"]
        sels = {s["type"]: s for s in target["selector"]}
        if "TextQuoteSelector" not in sels:
            continue
        page_text = view["pages"][sels["PageSelector"]["index"]]
        # anchorQuote: the quote, whitespace stripped, in the page's text, whitespace stripped
        assert _strip(sels["TextQuoteSelector"]["exact"]) in _strip(page_text), sels["TextQuoteSelector"]["exact"]
