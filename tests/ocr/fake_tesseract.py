"""A stand-in for the ``tesseract`` program that answers with the TSV recorded
by ``tests/ocr/data/record_tsv.py``, looked up by the SHA-256 of the image it
is given. The test puts it on PATH (``KANTTEKENING_FAKE_TSV`` names the
record), so the app's real path runs: the extraction child renders each page,
starts "Tesseract", parses its TSV, lays the text over the page, stores it.

Each answered image is appended to ``KANTTEKENING_FAKE_TSV_LOG``; an image
without a recording exits 1 with a sentence (the page then stays unreadable
and the test fails).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    record = json.loads(gzip.decompress(Path(os.environ["KANTTEKENING_FAKE_TSV"]).read_bytes()))
    if argv[:1] == ["--version"]:
        print(record["tesseract"])
        return 0
    if argv[:1] == ["--list-langs"]:
        print('List of available languages in "/fake/" (2):\neng\nnld')
        return 0
    image, base = Path(argv[0]), Path(argv[1])
    if "tsv" not in argv[2:]:
        print("fake tesseract: only the tsv output is recorded", file=sys.stderr)
        return 1
    digest = hashlib.sha256(image.read_bytes()).hexdigest()
    page = next((p for p in record["pages"] if p["image_sha256"] == digest), None)
    if page is None:
        print("fake tesseract: no TSV recorded for this page image; run tests/ocr/data/record_tsv.py again",
              file=sys.stderr)
        return 1
    base.with_suffix(".tsv").write_text(page["tsv"], "utf-8")
    log = os.environ.get("KANTTEKENING_FAKE_TSV_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{page['page']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
