"""Write latency of one annotation through the write gateway, alone and while
another process imports documents into the same library (one run, so the two
figures are comparable)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
MEETING = SAMPLES / "bmo-overleg-minister.pdf"
QUOTE = "Initiatieven tot burden-sharing tussen EU-delegaties en ambassades zijn hard nodig."
COUNT = 200


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _latencies(lib, doc_id: str, anchor, count: int, keep_going=lambda: True) -> list[float]:
    from app.annotations import create_annotation

    values = []
    for i in range(count):
        if not keep_going():
            break
        t0 = time.perf_counter()
        create_annotation(lib, doc_id, page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote,
                          prefix=anchor.prefix, suffix=anchor.suffix, role="comment", note=f"n{i}")
        values.append((time.perf_counter() - t0) * 1000)
    return values


def run() -> list[dict]:
    from app.anchoring import find_quote
    from app.importer import import_files
    from app.library import Library

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        lib = Library.open(root)
        import_files(lib, [MEETING])
        doc = lib.resolve_document(MEETING.name)
        anchor = find_quote(lib.document_file(doc), 1, QUOTE)
        alone = _latencies(lib, doc.id, anchor, COUNT)
        # The same while another process imports the five other samples (and
        # again, into fresh copies, for as long as the measurement runs).
        others = [p for p in sorted(SAMPLES.glob("*.pdf")) if p != MEETING]
        script = (
            "import sys, shutil\n"
            "from app.library import Library\nfrom app.importer import import_files\n"
            "lib = Library.open(sys.argv[1], create=False)\n"
            "print('go', flush=True)\n"
            "while True:\n"
            "    import_files(lib, sys.argv[2:])\n"
            "    from app import usecases\n"
            "    for d in list(lib.db.execute('SELECT id, file_name FROM documents')):\n"
            "        if d[1] != 'bmo-overleg-minister.pdf':\n"
            "            usecases.remove_document(lib, d[0])\n"
        )
        importer = subprocess.Popen(
            [sys.executable, "-c", script, str(root), *map(str, others)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            importer.stdout.readline()
            time.sleep(0.5)  # let the import get going (bench, not a test)
            busy = _latencies(lib, doc.id, anchor, COUNT, lambda: importer.poll() is None)
        finally:
            importer.kill()
            importer.wait()
        lib.close()
    for name, values in (("alone", alone), ("during_import", busy)):
        figures.append({
            "bench": "write_latency", "metric": f"annotation_{name}", "unit": "ms",
            "median": round(statistics.median(values), 2), "p95": round(_p95(values), 2),
            "runs": len(values),
            "note": "create one annotation: one BEGIN IMMEDIATE transaction on the write gateway"
                    + ("; another process imports five samples in a loop" if name != "alone" else ""),
        })
    return figures
