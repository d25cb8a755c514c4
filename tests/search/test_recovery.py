"""The index is a cache: missing, damaged or half-built, it comes back."""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import sys

import pytest

from app import search_service
from app.search_indexer import IndexerProcess
from tests.conftest import LETTER


def _events(lib):
    events: queue.Queue[dict] = queue.Queue()
    return events, IndexerProcess(lib.root, events.put)


def _wait_for(events, kind, timeout=60):
    while True:
        event = events.get(timeout=timeout)
        if event["event"] == kind:
            return event
        assert event["event"] != "error", event


def test_fallback_answers_while_there_is_no_index(sample_library):
    lib = sample_library
    assert search_service.index_status(lib).state == "missing"
    out = search_service.search(lib, "Mensenrechtenraad", limit=50)
    assert out.source == "sqlite"
    letter = lib.resolve_document(LETTER.name)
    assert letter.id in {h.document for h in out.hits}
    assert any("«Mensenrechtenraad»" in h.snippet for h in out.hits)
    assert search_service.search(lib, "kind:annotation Mensenrechtenraad").hits == []


def test_deleted_index_is_rebuilt_at_next_start(indexed_library):
    lib = indexed_library
    assert search_service.index_status(lib).state == "ok"
    search_service.close_engine(lib)
    shutil.rmtree(lib.index_dir)
    lib.index_dir.mkdir()
    check = search_service.check_index(lib)[0]
    assert check["status"] == "note" and "no index" in check["detail"]  # a cache not built yet
    events, indexer = _events(lib)
    indexer.start()
    try:
        ready = _wait_for(events, "ready")
        assert ready["rebuilt"] is True
    finally:
        indexer.stop()
    assert search_service.index_status(lib).state == "ok"
    assert search_service.search(lib, "Mensenrechtenraad").source == "index"


@pytest.mark.parametrize("damage", ["junk_toc", "no_segments", "bad_current", "bad_state", "lost_entries"])
def test_damaged_index_is_rebuilt(indexed_library, damage):
    lib = indexed_library
    search_service.close_engine(lib)
    gen = lib.index_dir / (lib.index_dir / "CURRENT").read_text().strip()
    if damage == "junk_toc":
        for toc in gen.glob("_MAIN_*.toc"):
            toc.write_bytes(b"\x00garbage" * 10)
    elif damage == "no_segments":
        for seg in gen.glob("*.seg"):
            seg.unlink()
    elif damage == "bad_current":
        (lib.index_dir / "CURRENT").write_text("../../etc")
    elif damage == "bad_state":
        (gen / "state.json").write_text("{")
    else:  # entries gone without a trace in the change log
        writer = search_service.engine(lib).writer(search_service.library_id(lib))
        writer.delete_document(lib.resolve_document(LETTER.name).id)
        writer.commit(search_service.index_status(lib).index_seq)
        search_service.close_engine(lib)
    status = search_service.index_status(lib, verify=True)
    assert not status.usable
    check = search_service.check_index(lib)[0]
    assert check["status"] in ("problem", "note") and check["detail"]
    out = search_service.search(lib, "Mensenrechtenraad")  # never an exception
    assert out.hits
    search_service.ensure_index(lib)
    assert search_service.index_status(lib, verify=True).state == "ok"
    assert search_service.search(lib, "Mensenrechtenraad").source == "index"


def test_killed_during_indexing_then_next_start_works(sample_library):
    lib = sample_library
    events, indexer = _events(lib)
    indexer.start()
    _wait_for(events, "progress")
    os.kill(indexer.pid, signal.SIGKILL)  # mid-rebuild
    indexer.stop()
    assert search_service.index_status(lib).state in ("missing", "ok")
    events, indexer = _events(lib)
    indexer.start()
    try:
        _wait_for(events, "ready")
    finally:
        indexer.stop()
    st = search_service.index_status(lib, verify=True)
    assert st.state == "ok"
    assert search_service.search(lib, "Mensenrechtenraad").source == "index"
    # The half-built generation was cleaned away: one generation is left.
    assert len([p for p in lib.index_dir.iterdir() if p.name.startswith("gen-")]) == 1


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL")
def test_note_found_within_a_second_through_the_child(indexed_library):
    import time

    from app.annotations import create_annotation

    lib = indexed_library
    events, indexer = _events(lib)
    lib.subscribe(lambda _c: indexer.poke())
    indexer.start()
    try:
        _wait_for(events, "ready")
        letter = lib.resolve_document(LETTER.name)
        start = time.monotonic()
        ann_id, _ = create_annotation(
            lib, letter.id, page_no=1, rects=[[1, 72, 100, 500, 120]],
            quote="het kabinet", role="comment", note="zeppelinvlucht",
        )
        _wait_for(events, "ready", timeout=5)
        hits = search_service.search(lib, "zeppelinvlucht").hits
        elapsed = time.monotonic() - start
        assert [h.annotation for h in hits] == [ann_id]
        assert elapsed < 1.0, elapsed
    finally:
        indexer.stop()


def test_second_writer_waits_instead_of_failing(indexed_library):
    lib = indexed_library
    eng = search_service.engine(lib)
    first = eng.writer(search_service.library_id(lib), timeout=1)
    try:
        from search import IndexUnavailable

        with pytest.raises(IndexUnavailable):
            eng.writer(search_service.library_id(lib), timeout=0.3)
    finally:
        first.cancel()
    second = eng.writer(search_service.library_id(lib), timeout=1)
    second.cancel()


def test_check_reports_the_index(indexed_library, capsys):
    from app.cli import main

    code = main(["--library", str(indexed_library.root), "check", "--json"])
    items = {i["what"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert code == 0 and items["search index"]["status"] == "ok"


def test_applied_changes_are_pruned_and_the_index_stays_in_step(indexed_library):
    from app.annotations import create_annotation
    from app.anchoring import find_quote

    lib = indexed_library
    doc = lib.resolve_document(LETTER.name)
    assert lib.db.execute("SELECT count(*) FROM change_log").fetchone()[0] > 0
    assert search_service.prune_applied_changes(lib) > 0
    assert lib.db.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    assert search_service.index_status(lib).state == "ok"
    # A change after pruning is still followed.
    a = find_quote(lib.document_file(doc), 1, "Daarnaast speelt de Mensenrechtenraad")
    create_annotation(lib, doc.id, page_no=1, rects=a.rects, quote=a.quote, role="comment",
                      note="zwaluwstaartvlinder")
    assert search_service.index_status(lib).state == "behind"
    assert search_service.prune_applied_changes(lib) == 0  # not applied yet: kept
    search_service.sync_index(lib)
    assert search_service.index_status(lib).state == "ok"
    assert search_service.search(lib, "zwaluwstaartvlinder").hits
