"""What the look at open costs: opening a library with and without SQLite's
quick_check (``app.guard``), on the six samples and on a library about
twenty times their size; and the header look alone."""
from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
RUNS = 9


def _open_ms(root: Path, verify: bool) -> list[float]:
    from app.library import Library

    values = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        Library.open(root, verify=verify).close()
        values.append((time.perf_counter() - t0) * 1000)
    return values


def _grow(root: Path, times: int) -> None:
    """More pages of text: copies of the samples' pages under new numbers."""
    conn = sqlite3.connect(root / "library.sqlite")
    top = conn.execute("SELECT max(page_no) FROM pages").fetchone()[0]
    for i in range(1, times):
        conn.execute(
            "INSERT INTO pages(document_id, page_no, text, has_text, width, height, label) "
            "SELECT document_id, page_no + ?, text, has_text, width, height, label FROM pages "
            "WHERE page_no <= ?", (i * top, top))
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def run() -> list[dict]:
    from app.importer import import_files
    from app.library import Library
    from storage import health

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small"
        lib = Library.open(small)
        import_files(lib, [SAMPLES])
        lib.close()
        big = Path(tmp) / "big"
        shutil.copytree(small, big)
        _grow(big, 20)
        for name, root in (("samples", small), ("samples_x20", big)):
            size = (root / "library.sqlite").stat().st_size / 1e6
            with_check, without = _open_ms(root, True), _open_ms(root, False)
            for label, values in (("with_quick_check", with_check), ("without_quick_check", without)):
                figures.append({
                    "bench": "open_library", "metric": f"{name}_{label}", "unit": "ms",
                    "median": round(statistics.median(values), 2), "runs": RUNS,
                    "database_mb": round(size, 1),
                    "note": "Library.open + close (migrations checked, WAL set, meta read)",
                })
            header = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                health.header_problem(root / "library.sqlite", wal_clean=True)
                header.append((time.perf_counter() - t0) * 1000)
            figures.append({
                "bench": "open_library", "metric": f"{name}_header_look", "unit": "ms",
                "median": round(statistics.median(header), 3), "runs": RUNS,
                "database_mb": round(size, 1),
            })
    return figures
