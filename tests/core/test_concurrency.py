"""Many writers at once, as real processes: command-line annotators, an
import, a reindex and a search, beside one process whose two threads share a
library as the window and its op threads do. Every write must succeed (or,
past the bound, be refused with a sentence); none may be lost or end in a
traceback or a raw "database is locked"."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import LETTER, MEETING, NOTE

QUOTE = "Initiatieven tot burden-sharing tussen EU-delegaties en ambassades zijn hard nodig."
ROUNDS = 3
WRITERS = 6

# Stands for the window: one Library shared by two threads (the GUI thread and
# an op thread), each annotating in a loop through the same use case.
WINDOW_LIKE = r"""
import sys, threading
from app.annotations import create_annotation
from app.anchoring import find_quote
from app.library import Library

lib = Library.open(sys.argv[1], create=False)
doc = lib.resolve_document("bmo-overleg-minister.pdf")
anchor = find_quote(lib.document_file(doc), 1, sys.argv[2])
errors = []

def annotate(name):
    try:
        for i in range(int(sys.argv[3])):
            create_annotation(lib, doc.id, page_no=anchor.page_no, rects=anchor.rects,
                              quote=anchor.quote, prefix=anchor.prefix, suffix=anchor.suffix,
                              role="comment", note=f"{name}-{i}")
    except BaseException as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=annotate, args=(n,)) for n in ("gui", "op")]
for t in threads: t.start()
for t in threads: t.join()
lib.close()
print("\n".join(errors), file=sys.stderr)
sys.exit(1 if errors else 0)
"""


def _cli(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "KANTTEKENING_WRITE_TIMEOUT": "60"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--library", str(root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


@pytest.mark.slow
def test_concurrent_writers_all_succeed(tmp_path):
    from app.annotations import list_annotations
    from app.importer import import_files
    from app.library import Library

    root = tmp_path / "lib"
    lib = Library.open(root)
    assert not import_files(lib, [MEETING]).failed
    lib.close()

    window_like = subprocess.Popen(
        [sys.executable, "-c", WINDOW_LIKE, str(root), QUOTE, str(ROUNDS * 4)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "KANTTEKENING_WRITE_TIMEOUT": "60"},
    )
    others = [
        _cli(root, "import", str(LETTER), str(NOTE)),
        _cli(root, "reindex"),
    ]
    failures: list[str] = []
    for rnd in range(ROUNDS):
        batch = [
            _cli(root, "annotate", "bmo-overleg-minister.pdf", "--page", "1", "--quote", QUOTE,
                 "--note", f"cli-{rnd}-{w}")
            for w in range(WRITERS)
        ]
        batch.append(_cli(root, "search", "burden-sharing"))
        for proc in batch:
            out, err = proc.communicate(timeout=300)
            if proc.returncode != 0 or "Traceback" in err or "locked" in err:
                failures.append(f"{proc.args[4:]} -> {proc.returncode}: {err.strip()[-400:]}")
    for proc in [*others, window_like]:
        out, err = proc.communicate(timeout=300)
        if proc.returncode != 0 or "Traceback" in err or "locked" in err:
            failures.append(f"{proc.args[3:6]} -> {proc.returncode}: {err.strip()[-400:]}")
    assert not failures, failures

    lib = Library.open(root, create=False)
    try:
        notes = {a.note for a in list_annotations(lib)}
        expected_cli = {f"cli-{r}-{w}" for r in range(ROUNDS) for w in range(WRITERS)}
        expected_window = {f"{n}-{i}" for n in ("gui", "op") for i in range(ROUNDS * 4)}
        assert expected_cli <= notes, sorted(expected_cli - notes)
        assert expected_window <= notes, sorted(expected_window - notes)
        titles = {r[0] for r in lib.db.execute("SELECT file_name FROM documents")}
        assert {MEETING.name, LETTER.name, NOTE.name} <= titles
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        lib.close()


def test_a_writer_held_past_the_bound_is_refused_with_a_sentence(tmp_path, monkeypatch):
    """Another process keeps the write lock: the write waits its bound, then
    says the library is busy; nothing half-written is left."""
    from app.annotations import list_annotations
    from app.domain import UserError
    from app.importer import import_files
    from app.library import Library

    root = tmp_path / "lib"
    lib = Library.open(root)
    assert not import_files(lib, [MEETING]).failed
    lib.close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
         "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read()",
         str(root / "library.sqlite")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("KANTTEKENING_WRITE_TIMEOUT", "0.5")
        lib = Library.open(root, create=False)
        try:
            proc = _cli(root, "annotate", "bmo-overleg-minister.pdf", "--page", "1", "--quote", QUOTE)
            from app.library import LibraryBusy

            lib.write_timeout = 0.5
            with pytest.raises(LibraryBusy, match="busy"):
                with lib.write() as db:
                    db.execute("UPDATE documents SET title = 'x'")
            assert isinstance(LibraryBusy("x"), UserError)
        finally:
            lib.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    out, err = proc.communicate(timeout=120)
    # The command started while the lock was held; it waited (60 s bound) and
    # then wrote once the holder let go.
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    lib = Library.open(root, create=False)
    try:
        assert len(list_annotations(lib)) == 1
        assert lib.db.execute("SELECT count(*) FROM documents WHERE title = 'x'").fetchone()[0] == 0
    finally:
        lib.close()


def test_threads_of_one_process_share_the_one_writer(library):
    """Threads queue on the gateway; a reader outside it cannot write."""
    import sqlite3

    from storage import records

    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(50):
                with library.write() as db:
                    value = int(records.get_meta(db, "counter") or 0)
                    records.set_meta(db, "counter", str(value + 1))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert records.get_meta(library.db, "counter") == "200"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        records.set_meta(library.db, "stray", "write")


def test_foreign_changes_name_what_other_processes_wrote(tmp_path):
    from app.annotations import create_annotation
    from app.anchoring import find_quote
    from app.importer import import_files
    from app.library import Library

    root = tmp_path / "lib"
    lib = Library.open(root)
    try:
        assert not import_files(lib, [MEETING]).failed
        doc = lib.resolve_document(MEETING.name)
        anchor = find_quote(lib.document_file(doc), 1, QUOTE)
        create_annotation(lib, doc.id, page_no=1, rects=anchor.rects, quote=anchor.quote,
                          role="comment", note="mine")
        assert not lib.foreign_changes()  # our own writes were told already
        proc = _cli(root, "annotate", MEETING.name, "--page", "1", "--quote", QUOTE, "--note", "theirs")
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        changes = lib.foreign_changes()
        assert changes.annotations == {out.strip().splitlines()[-1]}
        assert not lib.foreign_changes()
    finally:
        lib.close()
