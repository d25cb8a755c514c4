"""Team sync: merging a teammate's 1,000 judgements into a library of 10,000
pages, in the background as the window does it, while a GUI-thread timer
measures how long the event loop is kept waiting (the window's stall)."""
from __future__ import annotations

import hashlib
import shutil
import statistics
import tempfile
import time
from pathlib import Path

PAGES = 10_000
DOCS = 20
JUDGEMENTS = 1_000
RUNS = 3
TICK_MS = 10


def _build(root: Path) -> None:
    """A library of DOCS documents with PAGES pages of text in all, one
    recommendation per judgement and one response passage per document."""
    from app.domain import new_id, now_iso
    from app.library import Library
    from storage import records
    from storage.types import Document, Kind, Language, Page

    lib = Library.open(root)
    stamp = now_iso()
    per_doc = PAGES // DOCS
    with lib.write() as db:
        for d in range(DOCS):
            sha = hashlib.sha256(f"bench-{d}".encode()).hexdigest()
            doc_id = new_id()
            records.insert_document(db, Document(
                id=doc_id, sha256=sha, file_sha256=sha, title=f"Rapport {d}", author="", kind=Kind("report"),
                language=Language("nl"), page_count=per_doc, file_name=f"rapport-{d}.pdf", file_size=1,
                imported_at=stamp, modified=stamp,
            ), [Page(page_no=p, text=f"Pagina {p} van rapport {d}. " * 40, width=595, height=842)
                for p in range(1, per_doc + 1)])
            resp = new_id()
            records.insert_annotation(db, _ann(resp, doc_id, "response", 1, "", stamp))
            for r in range(JUDGEMENTS // DOCS):
                records.insert_annotation(db, _ann(new_id(), doc_id, "recommendation", 2 + r, f"{r + 1}", stamp))
    lib.close()


def _ann(ann_id: str, doc_id: str, role: str, page: int, label: str, stamp: str):
    from storage.types import Annotation, Role

    return Annotation(
        id=ann_id, document_id=doc_id, role=Role(role), label=label, color=None, note="", author="Anna",
        author_id="anna", created=stamp, modified=stamp, page_no=page, rects=((page, 50, 50, 300, 70),),
        quote=f"Aanbeveling {label} tekst {ann_id[:6]}",
    )


def _teammate_files(base: Path, folder: Path) -> None:
    """Bram, a copy of the same library, judges every recommendation and shares."""
    from app.library import Library
    from app.recommendations.register import link
    from app.team.identity import set_identity
    from app.team.publish import publish
    from storage import records

    shutil.copytree(base, base.parent / "bram")
    lib = Library.open(base.parent / "bram")
    with lib.write() as db:  # Bram's own library, not (yet) in the team
        records.set_meta(db, "team_folder", "")
    set_identity(lib, "Bram", "bram")
    responses = {a.document_id: a.id for a in records.list_annotations(lib.db, role="response")}
    stances = ("accepted", "partial", "rejected", "noted")
    for i, rec in enumerate(records.list_annotations(lib.db, role="recommendation")):
        link(lib, responses[rec.document_id], rec.id, stances[i % 4])
    publish(lib, folder, "bram", share_pdfs=False)
    lib.close()


def _one_run(base: Path, folder: Path, work: Path) -> tuple[float, float, int]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QRunnable, QThreadPool, QTimer

    from app.library import Library
    from app.team import sync as team_sync
    from storage import records

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(base, work)
    lib = Library.open(work)
    with lib.write() as db:
        records.set_meta(db, "team_folder", str(folder))
    result: dict = {}
    loop = QEventLoop()
    gaps: list[float] = []
    clock = QElapsedTimer()

    class Job(QRunnable):
        def run(self) -> None:  # a worker thread, as the window's op runner does it
            t0 = time.perf_counter()
            result["report"] = team_sync.sync(lib)
            result["seconds"] = time.perf_counter() - t0

    def tick() -> None:
        gaps.append(clock.restart())
        if "seconds" in result:
            loop.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    QThreadPool.globalInstance().start(Job())
    loop.exec()
    timer.stop()
    arrived = sum(a.judgements for a in result["report"].merged.arrivals.values())
    lib.close()
    return result["seconds"], max(gaps) - TICK_MS if gaps else 0.0, arrived


def run() -> list[dict]:
    from PySide6.QtCore import QCoreApplication

    from app.library import Library
    from app.team import sync as team_sync
    from app.team.identity import set_identity
    from storage import records

    app = QCoreApplication.instance() or QCoreApplication([])
    seconds, stalls = [], []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "anna"
        folder = Path(tmp) / "team"
        folder.mkdir()
        _build(base)
        lib = Library.open(base)
        set_identity(lib, "Anna", "anna")
        with lib.write() as db:
            records.set_meta(db, "team_folder", str(folder))
        team_sync.sync(lib)  # Anna's own files are in the folder already
        lib.close()
        _teammate_files(base, folder)
        for _ in range(RUNS):
            s, stall, arrived = _one_run(base, folder, Path(tmp) / "work")
            assert arrived == JUDGEMENTS, arrived
            seconds.append(s)
            stalls.append(stall)
    del app
    note = (f"{JUDGEMENTS} judgements from one teammate ({DOCS} files) into {PAGES} pages; "
            "sync in a worker thread, one write transaction")
    return [
        {"bench": "team_sync", "metric": "merge_1000_judgements", "unit": "s",
         "median": round(statistics.median(seconds), 3), "runs": RUNS, "note": note},
        {"bench": "team_sync", "metric": "gui_thread_longest_wait", "unit": "ms",
         "median": round(statistics.median(stalls), 1), "max": round(max(stalls), 1), "runs": RUNS,
         "note": f"longest gap beyond a {TICK_MS} ms GUI-thread timer during that sync"},
    ]
