"""Import speed for the bundled samples and start-up time to a shown window."""
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

# Each script prints, when its window has been shown and painted once, the
# milliseconds since its own first line and the wall clock (time.time()):
# the parent takes the wall clock just before starting the process, so
# "process start to shown" includes the interpreter's start but not the
# closing of the window and the exit (which the user does not wait for).
STARTUP = r"""
import time
t0 = time.perf_counter()
import sys
from PySide6.QtCore import QTimer
from ui.application import create_application
from app.library import Library
app = create_application()
from ui.main_window import MainWindow
lib = Library.open(sys.argv[1])
w = MainWindow(lib)
w.show()
def shown():
    w.repaint()
    print(f"{(time.perf_counter() - t0) * 1000:.1f} {time.time():.6f}", flush=True)
    w.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

# The floor for STARTUP on the same machine in the same run: Python, PySide6
# and an empty main window, nothing of ours.
BARE = r"""
import time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1280, 800)
w.show()
def shown():
    w.repaint()
    print(f"{(time.perf_counter() - t0) * 1000:.1f} {time.time():.6f}", flush=True)
    w.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def _shown(args: list[str], env: dict) -> tuple[float, float]:
    """(ms from process start to shown, ms from the script's first line to shown)."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", *args], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    inside, at = out.stdout.strip().splitlines()[-1].split()
    return (float(at) - started) * 1000, float(inside)


def bench_import(runs: int = 3) -> list[dict]:
    from app.importer import import_files
    from app.library import Library

    pages_per_s, seconds = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            lib = Library.open(Path(tmp) / "lib")
            t0 = time.perf_counter()
            report = import_files(lib, [SAMPLES])
            dt = time.perf_counter() - t0
            pages = sum(o.pages for o in report.imported)
            lib.close()
        seconds.append(dt)
        pages_per_s.append(pages / dt)
    return [
        {"bench": "import_samples", "metric": "pages_per_second", "unit": "pages/s",
         "median": round(statistics.median(pages_per_s), 1), "runs": runs, "pages": pages},
        {"bench": "import_samples", "metric": "total_time", "unit": "s",
         "median": round(statistics.median(seconds), 3), "runs": runs,
         "note": "six sample PDFs, 171 pages, incl. child process start and SHA-256"},
    ]


def bench_startup(runs: int = 7) -> list[dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        # A library with the samples, as a user has after the first start.
        from app.importer import import_files
        from app.library import Library

        lib = Library.open(Path(tmp) / "lib")
        import_files(lib, [SAMPLES])
        lib.close()
        # Compiled modules, as a user has them after the first start (Python
        # writes them then, unless PYTHONDONTWRITEBYTECODE is set, as it is on
        # some build machines: every start would then compile ours again).
        subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "storage", "search", "ui"],
                       cwd=ROOT, check=True, capture_output=True)
        inside, wall, bare = [], [], []
        for _ in range(runs):
            # Turn about with the bare window, so that a busy machine weighs on both alike.
            bare.append(_shown([BARE], env)[0])
            total, ours = _shown([STARTUP, str(Path(tmp) / "lib")], {**env, "XDG_CONFIG_HOME": tmp})
            wall.append(total)
            inside.append(ours)
    return [
        {"bench": "startup", "metric": "process_start_to_shown_window", "unit": "ms",
         "median": round(statistics.median(wall), 1), "runs": runs,
         "note": "process start (incl. the interpreter) to the window shown and painted, library with the six samples; the render and indexer processes start after it"},
        {"bench": "startup", "metric": "imports_to_shown_window", "unit": "ms",
         "median": round(statistics.median(inside), 1), "runs": runs},
        {"bench": "startup", "metric": "bare_pyside6_window", "unit": "ms",
         "median": round(statistics.median(bare), 1), "runs": runs,
         "note": "process start to an empty QMainWindow shown and painted, same run: the floor; target: ours < 800 ms"},
    ]


def run() -> list[dict]:
    return bench_import() + bench_startup()
