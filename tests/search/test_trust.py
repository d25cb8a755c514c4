"""Issue 10: an index that is only a cache and never code; damage found,
said in one line and healed; a held lock or a stale index said; an honest
fallback."""
from __future__ import annotations

import json
import os
import pickle
import queue
import shutil
import subprocess
import sys

import pytest

from app import search_service
from search.index import SCHEMA_VERSION
from app.cli import main
from app.search_indexer import IndexerProcess
from tests.conftest import LETTER, REPORT

QUERIES = ["mensenrechten", "Mensenrechtenraad", '"vrijheid van meningsuiting"', "thema’s", "aanbeveling -kabinet"]


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def answers(capsys, root):
    out = {}
    for q in QUERIES:
        code, text, err = run(capsys, "--library", str(root), "search", q, "--json", "--limit", "200")
        assert code == 0, err
        out[q] = [(h["document"], h["page"], h["kind"], h["annotation"]) for h in json.loads(text)]
    return out


class _Plant:
    """Unpickling this creates ``path``: proof that a planted file ran."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def _plant(folder, marker) -> None:
    payload = pickle.dumps(_Plant(str(marker)))
    gen = folder / "gen-planted"
    gen.mkdir(parents=True, exist_ok=True)
    (folder / "CURRENT").write_text("gen-planted")
    (gen / "state.json").write_text(json.dumps({"schema": SCHEMA_VERSION, "seq": 10**9, "library": "x"}))
    for name in ("words.pickle", "words.json", "_MAIN_1.toc", "_MAIN_0.toc", "MAIN_WRITELOCK"):
        (gen / name).write_bytes(payload)


def test_files_planted_in_the_library_folder_never_run(indexed_library, capsys, tmp_path, qtbot):
    lib = indexed_library
    marker = tmp_path / "planted-code-ran"
    _plant(lib.root / "index", marker)  # where earlier versions kept the index
    (lib.root / "words.pickle").write_bytes(pickle.dumps(_Plant(str(marker))))
    assert not lib.index_dir.is_relative_to(lib.root)
    root = str(lib.root)
    code, out, err = run(capsys, "--library", root, "search", "Mensenrechtenraad", "--json")
    assert code == 0 and json.loads(out), err
    code, out, _ = run(capsys, "--library", root, "check", "--json")
    items = {i["what"]: i for i in json.loads(out)["items"]}
    assert items["search index"]["status"] == "ok"
    assert items["old search index"]["status"] == "note"  # told, never opened
    assert run(capsys, "--library", root, "documents")[0] == 0
    assert search_service.search(lib, "kabinet").source == "index"
    # The window's indexer child opens the library too.
    events: queue.Queue[dict] = queue.Queue()
    indexer = IndexerProcess(lib.root, events.put)
    indexer.start()
    try:
        while events.get(timeout=60)["event"] != "ready":
            pass
    finally:
        indexer.stop()
    assert not marker.exists()


def _damage(lib, kind):
    search_service.close_engine(lib)
    root = lib.index_dir
    gen = root / (root / "CURRENT").read_text().strip()
    if kind == "toc_removed":
        for toc in gen.glob("*.toc"):
            toc.unlink()
    elif kind == "junk_toc":
        for toc in gen.glob("*.toc"):
            toc.write_bytes(b"\x80\x04junk" * 5)
    elif kind == "index_is_a_file":
        shutil.rmtree(root)
        root.write_text("not a folder")
    elif kind == "current_not_utf8":
        (root / "CURRENT").write_bytes(b"gen-\xff\xfe\x00")
    elif kind == "words_damaged":
        (gen / "words.json").write_bytes(b"\x80not json")
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind", ["toc_removed", "junk_toc", "index_is_a_file", "current_not_utf8", "words_damaged"]
)
def test_each_kind_of_damage_is_said_rebuilt_and_answers_as_fresh(indexed_library, capsys, kind):
    lib = indexed_library
    fresh = answers(capsys, lib.root)
    assert fresh["mensenrechten"]
    _damage(lib, kind)
    check = search_service.check_index(lib)[0]
    assert check["status"] == "problem" and "reindex" in check["detail"]
    # Other commands never trip over the index.
    code, _, err = run(capsys, "--library", str(lib.root), "documents")
    assert code == 0 and "Traceback" not in err
    code, out, err = run(capsys, "--library", str(lib.root), "search", "mensenrechten", "--json", "--limit", "200")
    assert code == 0
    said = [line for line in err.splitlines() if "search index" in line]
    assert len(said) == 1 and "rebuilding" in said[0], err
    assert "Traceback" not in err
    assert [(h["document"], h["page"], h["kind"], h["annotation"]) for h in json.loads(out)] == fresh["mensenrechten"]
    assert answers(capsys, lib.root) == fresh
    assert search_service.check_index(lib)[0]["status"] == "ok"


def test_the_window_child_reports_damage_and_rebuilds(indexed_library, capsys):
    lib = indexed_library
    fresh = answers(capsys, lib.root)
    _damage(lib, "toc_removed")
    events: queue.Queue[dict] = queue.Queue()
    indexer = IndexerProcess(lib.root, events.put)
    indexer.start()
    try:
        seen = []
        while not seen or seen[-1]["event"] != "ready":
            seen.append(events.get(timeout=60))
            assert seen[-1]["event"] != "error", seen[-1]
    finally:
        indexer.stop()
    status = [e for e in seen if e["event"] == "status"]
    assert status and status[0]["state"] == "damaged" and status[0]["detail"]
    assert seen[-1]["rebuilt"] is True
    assert answers(capsys, lib.root) == fresh


_HOLDER = """
import sys
from search import SearchEngine
w = SearchEngine(sys.argv[1]).writer("x", timeout=5)
print("locked", flush=True)
sys.stdin.read()
w.cancel()
"""


def test_a_held_write_lock_and_a_stale_index_are_said(indexed_library, capsys, monkeypatch):
    from app.annotations import create_annotation
    from app.commands import search as search_command

    lib = indexed_library
    monkeypatch.setattr(search_command, "BUSY_WAIT", 0.3)
    letter = lib.resolve_document(LETTER.name)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lib.index_dir)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, cwd=os.getcwd(),
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        create_annotation(lib, letter.id, page_no=1, rects=[[1, 72, 100, 500, 120]],
                          quote="het kabinet", role="comment", note="ijsvogeltje")
        code, out, err = run(capsys, "--library", str(lib.root), "search", "ijsvogeltje", "--json")
        assert code == 0 and json.loads(out) == []
        assert "another process is updating the search index" in err
        assert "may miss the latest 1 change(s)" in err
        assert "1 change(s) behind" in err  # the answer itself says it is stale
        outcome = search_service.search(lib, "kabinet")
        assert outcome.source == "index" and outcome.behind == 1 and "behind" in outcome.notice
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    code, out, err = run(capsys, "--library", str(lib.root), "search", "ijsvogeltje", "--json")
    assert [h["kind"] for h in json.loads(out)] == ["annotation"] and "another process" not in err


def test_the_fallback_says_so_stems_and_filters(indexed_library):
    from app.annotations import create_annotation

    lib = indexed_library
    index_answer = search_service.search(lib, "aanbevelingen", limit=500)
    search_service.retire_index(lib)  # as when a rebuild starts
    out = search_service.search(lib, "aanbevelingen", limit=500)
    assert out.source == "sqlite" and "plain text search" in out.notice
    # Stemmed as the index stems: the same pages.
    assert {(h.document, h.page) for h in out.hits if h.kind == "page"} == {
        (h.document, h.page) for h in index_answer.hits if h.kind == "page"
    }
    assert search_service.search(lib, "thema").hits  # apostrophe plurals too
    fuzzy = search_service.search(lib, "mensenrechtenrad~")
    assert "typo" in fuzzy.notice
    report = lib.resolve_document(REPORT.name)
    ann_id, _ = create_annotation(lib, report.id, page_no=2, rects=[[2, 72, 100, 500, 120]],
                                  quote="de aanbevelingen", role="recommendation", label="R9",
                                  note="goudhaantje", tags=["Thema/Gender"])
    assert [h.annotation for h in search_service.search(lib, "goudhaantje").hits] == [ann_id]
    for q in ("tag:gender goudhaantje", "tag:thema goudhaantje", "role:recommendation goudhaantje",
              "label:R9", f"doc:{report.id} goudhaantje"):
        assert ann_id in {h.annotation for h in search_service.search(lib, q).hits}, q
    for q in ("tag:anders goudhaantje", "role:response goudhaantje", "kind:page goudhaantje"):
        assert ann_id not in {h.annotation for h in search_service.search(lib, q).hits}, q
    search_service.ensure_index(lib)
    assert search_service.search(lib, "goudhaantje").source == "index"


def test_an_index_file_in_the_library_folder_trips_nothing(indexed_library, capsys):
    lib = indexed_library
    (lib.root / "index").write_text("a file where earlier versions had a folder")
    root = str(lib.root)
    code, out, err = run(capsys, "--library", root, "documents", "--json")
    assert code == 0 and len(json.loads(out)) == 6 and "Traceback" not in err
    code, out, _ = run(capsys, "--library", root, "search", "Mensenrechtenraad", "--json")
    assert code == 0 and json.loads(out)
    code, out, _ = run(capsys, "--library", root, "check", "--json")
    items = {i["what"]: i for i in json.loads(out)["items"]}
    assert items["search index"]["status"] == "ok" and items["old search index"]["status"] == "note"
