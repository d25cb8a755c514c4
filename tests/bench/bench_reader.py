"""Reader speed on the 94-page sample report, in a separate process with a real
(offscreen) window: first page painted after the open request, the longest GUI
stall while scrolling from the first to the last page (timer heartbeat),
pages per second at 150 % zoom, and memory with three documents open."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, statistics, sys, time
from pathlib import Path

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def main():
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from ui.application import create_application
    from app.importer import import_files
    from app.library import Library

    app = create_application()
    lib = Library.open(Path(sys.argv[1]) / "lib")
    import_files(lib, [Path(sys.argv[2])])
    from ui.main_window import MainWindow
    window = MainWindow(lib)
    window.resize(1280, 900)
    window.show()
    feature = window.features["ui.reader.plugin"]
    service = feature.service

    def spin(ms):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(cond, timeout=20.0):
        end = time.perf_counter() + timeout
        while not cond():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if time.perf_counter() > end:
                raise TimeoutError
    # Let the other features settle first: the search indexer builds its
    # index of the freshly imported samples in its own process.
    search = window.features.get("ui.search.plugin")
    if search is not None:
        ready = []
        search.sig_index_event.connect(lambda e: ready.append(1) if e.get("event") == "ready" else None)
        try:
            wait(lambda: ready, 120)
        except TimeoutError:
            pass
    spin(1500)  # the render process starts with the window
    report = lib.resolve_document("iob-evaluatie")
    out = []

    # 1. Open request -> the first page painted sharp (the next page, partly
    #    visible below it, may follow a few ms later).
    firsts = []
    for _ in range(7):
        t0 = time.perf_counter()
        tab = feature.open_document(report.id)
        wait(lambda: 1 in tab.view.sharp_pages)
        firsts.append((time.perf_counter() - t0) * 1000)
        window.tabs.tabCloseRequested.emit(window.tabs.indexOf(tab))
        spin(100)
    out.append({"bench": "reader", "metric": "first_page_painted", "unit": "ms",
                "median": round(statistics.median(firsts), 1), "max": round(max(firsts), 1),
                "runs": len(firsts), "budget": 100})

    # 2. Scroll first -> last page; a 5 ms heartbeat measures GUI stalls.
    stalls, scroll_s = [], []
    for _ in range(3):
        tab = feature.open_document(report.id)
        wait(lambda: tab.view.complete_frames > 0)
        bar = tab.view.verticalScrollBar()
        step = tab.view.viewport().height() // 2
        gaps, last = [], [time.perf_counter()]
        def beat():
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now
        heart = QTimer()
        heart.setInterval(5)
        heart.timeout.connect(beat)
        heart.start()
        t0 = time.perf_counter()
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + step)
            spin(16)  # one step per frame, like a fast wheel
        wait(lambda: service.pending_count() == 0)
        heart.stop()
        scroll_s.append(time.perf_counter() - t0)
        stalls.append(max(gaps) * 1000)
        window.tabs.tabCloseRequested.emit(window.tabs.indexOf(tab))
        spin(100)
    out.append({"bench": "reader", "metric": "max_gui_stall_scrolling", "unit": "ms",
                "median": round(statistics.median(stalls), 1), "max": round(max(stalls), 1),
                "runs": len(stalls), "budget": 50,
                "note": f"94 pages, half a screen per 16 ms frame, {statistics.median(scroll_s):.1f} s"})

    # 3. Throughput at 150 % zoom (96 dpi at 100 %, so 2.0 pixels per point).
    rates = []
    for run in range(3):
        # A key of its own: no page view asks to cancel these requests.
        key = f"bench-{run}"
        service.open(key, lib.document_file(report))
        got = set()
        scale = 1.5 * 96 / 72
        service.sig_image.connect(lambda k, p, s: got.add(p) if k == key else None)
        t0 = time.perf_counter()
        for n in range(1, 95):
            service.request(key, n, scale)
        wait(lambda: len(got) >= 94, 60)
        rates.append(94 / (time.perf_counter() - t0))
        service.close(key)
        spin(100)
    out.append({"bench": "reader", "metric": "pages_per_second_150", "unit": "pages/s",
                "median": round(statistics.median(rates), 1), "runs": len(rates), "budget": 60,
                "note": "render process, pipe and QImage, 1190x1684 px pages"})

    # 4. Memory with three documents open, each scrolled through.
    for name in ("iob-evaluatie", "kabinetsreactie", "beleidsnota-mensenrechten-democratie-rechtsorde.pdf"):
        tab = feature.open_document(lib.resolve_document(name).id)
        bar = tab.view.verticalScrollBar()
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + tab.view.viewport().height())
            spin(10)
        wait(lambda: service.pending_count() == 0)
    spin(300)
    gui, child = rss_mb(os.getpid()), rss_mb(service.pid)
    out.append({"bench": "reader", "metric": "rss_three_documents", "unit": "MB",
                "median": round(gui + child, 1), "gui": round(gui, 1), "render_process": round(child, 1),
                "budget": 500})
    window.close()
    print(json.dumps(out))

if __name__ == "__main__":
    main()
"""


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                   XDG_DATA_HOME=str(Path(tmp) / "data"))
        script = Path(tmp) / "bench_reader_child.py"
        script.write_text(SCRIPT)
        proc = subprocess.run([sys.executable, str(script), tmp, str(ROOT / "resources" / "samples")],
                              cwd=ROOT, env=dict(env, PYTHONPATH=str(ROOT)), capture_output=True,
                              text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        return json.loads(proc.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    for figure in run():
        print(json.dumps(figure))
