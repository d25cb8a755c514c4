"""Record Tesseract's TSV for every page of the sample scan, once, as the
fixture ``scan-tsv.json.gz`` for the whole-document test (``test_whole_scan``):
running Tesseract on all 29 pages takes minutes, too long for ``make test``.

Each page is rendered exactly as the app renders it (``app.ocr.page_image``)
and recognised by the app's own call (``app.ocr.run_tesseract``); the record
keys each TSV by the SHA-256 of the page image, so the fake ``tesseract`` in
the test answers only for the very image the app gives it (a change in
rendering makes the test fail loudly; run this again then).

    cd <repo> && python -m tests.ocr.data.record_tsv
"""
from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "scan-tsv.json.gz"


def main() -> int:
    import pymupdf

    from app.ocr import page_image, run_tesseract
    from tests.conftest import SCAN

    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    record: dict[str, object] = {"scan": SCAN.name, "tesseract": version, "language": "nld",
                                 "pymupdf": pymupdf.VersionBind, "pages": []}
    pages: list[dict[str, object]] = []
    with pymupdf.open(SCAN) as doc:
        for page in doc:
            start = time.monotonic()
            png, dpi = page_image(page)
            tsv = run_tesseract(png, "nld", dpi)
            pages.append({"page": page.number + 1, "dpi": dpi,
                          "image_sha256": hashlib.sha256(png).hexdigest(), "tsv": tsv})
            print(f"page {page.number + 1}: {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
    record["pages"] = pages
    OUT.write_bytes(gzip.compress(json.dumps(record, ensure_ascii=False).encode("utf-8"), mtime=0))
    print(f"{OUT}: {OUT.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
