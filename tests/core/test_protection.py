"""A library that protects itself: a database that is emptied, deleted or
damaged never costs a stored PDF or a backup; the next command says what
happened and `restore` brings back the newest good state."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import ROOT

QUOTES = ("Daarnaast speelt de Mensenrech-\ntenraad", "het tegengaan van straffeloosheid")


def _cli(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _annotate(capsys, root: Path, quote: str) -> None:
    code, _, err = _cli(capsys, root, "annotate", "kamerbrief", "--page", "1", "--quote", quote)
    assert code == 0, err


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def _btree_page_in_the_middle(data: bytes, page_size: int = 4096) -> int:
    """The offset of a b-tree page (table or index) nearest the middle."""
    count = len(data) // page_size
    for distance in range(count):
        for page in (count // 2 + distance, count // 2 - distance):
            if 1 < page < count and data[page * page_size] in (2, 5, 10, 13):
                return page * page_size
    raise AssertionError("no b-tree page found")


def _flip_middle(p: Path) -> None:
    data = bytearray(p.read_bytes())
    at = _btree_page_in_the_middle(bytes(data))
    for i in range(at, at + 64):
        data[i] ^= 0xFF
    p.write_bytes(bytes(data))


DAMAGES = {
    "emptied": lambda p: p.write_bytes(b""),
    "deleted": lambda p: p.unlink(),
    "header": lambda p: p.write_bytes(b"synced by a tool that knows better".ljust(100, b"\0") + p.read_bytes()[100:]),
    "middle": _flip_middle,
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2 + 777]),
    "truncated on a page boundary": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 8192 * 4096]),
}


@pytest.fixture
def worked_library(sample_library, capsys):
    """Samples, two annotations, a backup after each."""
    root = sample_library.root
    sample_library.close()
    for quote in QUOTES:
        _annotate(capsys, root, quote)
        code, _, err = _cli(capsys, root, "backup")
        assert code == 0, err
    return root


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_broken_database_costs_nothing_and_restore_brings_back_the_newest_state(
    worked_library, capsys, damage
):
    root = worked_library
    db = root / "library.sqlite"
    files, backups = _snapshot(root / "files"), _snapshot(root / "backups")
    assert len(files) == 6 and len(backups) == 2
    DAMAGES[damage](db)
    damaged = db.read_bytes() if db.exists() else None

    for args in (
        ("documents",),
        ("annotate", "kamerbrief", "--page", "1", "--quote", "Mensenrechtenraad"),
        ("import", str(ROOT / "resources" / "samples")),
        ("backup",),
    ):
        code, out, err = _cli(capsys, root, *args)
        assert code == 1, (args, out)
        assert "restore" in err and "Nothing was changed" in err, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert (db.read_bytes() if db.exists() else None) == damaged
    assert _snapshot(root / "files") == files
    assert _snapshot(root / "backups") == backups

    code, out, err = _cli(capsys, root, "restore")
    assert code == 0, err
    assert "2 annotation(s)" in out
    if damaged is not None:
        aside = [p for p in root.iterdir() if p.name.startswith("library.sqlite.damaged-")]
        assert [p.read_bytes() for p in aside] == [damaged]
    code, out, err = _cli(capsys, root, "check")
    assert code == 0, out + err
    code, out, _ = _cli(capsys, root, "annotations", "--json")
    assert sorted(a["quote"] for a in json.loads(out)) == sorted(
        q.replace("-\n", "") for q in QUOTES
    )
    assert _snapshot(root / "files") == files
    assert _snapshot(root / "backups") == backups
    _annotate(capsys, root, "Mensenrechtenraad 2020")  # usable again


def test_the_command_line_explains_without_a_traceback(worked_library):
    """The real program, as a script runs it."""
    (worked_library / "library.sqlite").write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(worked_library), "documents"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("kanttekening: the library database in") and "restore" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_schema_version_minus_one_gives_a_sentence(worked_library, capsys):
    root = worked_library
    conn = sqlite3.connect(root / "library.sqlite")
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    code, _, err = _cli(capsys, root, "documents")
    assert code == 1
    assert "schema version is -1" in err and "restore" in err and "Traceback" not in err
    assert _cli(capsys, root, "restore")[0] == 0
    assert _cli(capsys, root, "check")[0] == 0


def test_restore_lists_and_chooses_and_refuses_a_bad_backup(worked_library, capsys):
    root = worked_library
    code, out, _ = _cli(capsys, root, "restore", "--list", "--json")
    listed = json.loads(out)
    assert [(b["number"], b["ok"], b["annotations"]) for b in listed] == [(1, True, 2), (2, True, 1)]
    newest = root / "backups" / listed[0]["file"]
    newest.write_bytes(newest.read_bytes()[:8192])  # the newest copy went bad on disk
    code, out, _ = _cli(capsys, root, "restore", "--list")
    assert "FAILS its check" in out.splitlines()[0]
    code, _, err = _cli(capsys, root, "restore", "1")
    assert code == 1 and "failed its check" in err
    code, out, err = _cli(capsys, root, "restore")  # the newest that passes
    assert code == 0 and "1 annotation(s)" in out, err
    assert any(p.name.startswith("library.sqlite.replaced-") for p in root.iterdir())
    code, out, _ = _cli(capsys, root, "annotations", "--json")
    assert len(json.loads(out)) == 1


def test_an_empty_database_is_never_backed_up_over_good_copies(worked_library, capsys):
    root = worked_library
    backups = _snapshot(root / "backups")
    (root / "library.sqlite").write_bytes(b"")
    for p in (root / "files").iterdir():
        p.unlink()  # even with no PDFs left, the backups say this was a library
    code, _, err = _cli(capsys, root, "documents")
    assert code == 1 and "restore" in err
    assert _snapshot(root / "backups") == backups


def test_backup_refuses_an_empty_library_after_a_full_one(worked_library, capsys):
    from app.library import Library
    from app.usecases import list_documents, remove_document
    from app.domain import UserError

    lib = Library.open(worked_library)
    try:
        for d in list_documents(lib):
            remove_document(lib, d.id)
        with pytest.raises(UserError, match="library is empty.*kept"):
            lib.backup(force=True)
    finally:
        lib.close()
    assert len(list((worked_library / "backups").iterdir())) == 2


def test_rotation_keeps_the_newest_and_one_per_day_for_a_week():
    from app.backups import Backup, to_keep

    now = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    made = [now - timedelta(minutes=5 * i) for i in range(30)]  # today, many sessions
    made += [now - timedelta(days=d, hours=h) for d in range(1, 12) for h in (1, 3)]
    backups = [Backup(Path(f"b{i}"), m) for i, m in enumerate(made)]
    kept = {b.made for b in backups if b.path in to_keep(backups, now)}
    assert set(made[:10]) <= kept
    for d in range(1, 7):
        assert now - timedelta(days=d, hours=1) in kept  # the newest of each of the last days
        assert now - timedelta(days=d, hours=3) not in kept
    assert now - timedelta(days=10, hours=1) not in kept
    assert len(kept) == 10 + 6  # today's ten and one for each of the six days before


def test_a_stray_pdf_is_removed_only_when_the_database_says_it_is_an_orphan(sample_library):
    """An unmarked PDF in files/ (from a database that was replaced) stays;
    one that an interrupted import marked pending goes, once it is old."""
    import os
    import time

    from app.importer import PENDING, STRAY_AFTER, remove_stray_files
    from storage import records

    lib = sample_library
    unmarked = lib.file_path("a" * 64)
    marked = lib.file_path("b" * 64)
    fresh = lib.file_path("c" * 64)
    for p in (unmarked, marked, fresh):
        p.write_bytes(b"%PDF-1.7 left over")
    old = time.time() - STRAY_AFTER - 60
    for p in (unmarked, marked):
        os.utime(p, (old, old))
    stamp = datetime.fromtimestamp(old, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with lib.write() as db:
        records.set_meta(db, PENDING + "b" * 64, stamp)
        records.set_meta(db, PENDING + "c" * 64, stamp)
    assert remove_stray_files(lib) == 1
    assert unmarked.exists() and not marked.exists() and fresh.exists()  # fresh: maybe in progress
    assert records.get_meta(lib.db, PENDING + "b" * 64) is None
    assert len(list(lib.files_dir.iterdir())) == 6 + 2


def test_a_removed_documents_pdf_stays_while_a_backup_holds_it(sample_library):
    import os
    import time

    from app.backups import list_backups
    from app.importer import STRAY_AFTER, remove_stray_files
    from app.usecases import list_documents, remove_document

    lib = sample_library
    kept, gone = list_documents(lib)[:2]
    remove_document(lib, gone.id)  # no backup holds it: its file goes at once
    assert not lib.document_file(gone).exists()
    lib.backup(force=True)
    remove_document(lib, kept.id)
    path = lib.document_file(kept)
    assert path.exists()  # the backup still holds the document
    old = time.time() - STRAY_AFTER - 60
    os.utime(path, (old, old))
    assert remove_stray_files(lib) == 0 and path.exists()
    for b in list_backups(lib.root):
        b.path.unlink()  # as rotation would, much later
    assert remove_stray_files(lib) == 1 and not path.exists()


def test_restore_is_refused_while_a_window_has_the_library_open(worked_library, capsys):
    """Another process holds the window's lock (QLockFile, as ui/application.py takes it)."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom PySide6.QtCore import QLockFile\n"
         "lock = QLockFile(sys.argv[1]); assert lock.tryLock(1000)\n"
         "print('held', flush=True); sys.stdin.read()\n",
         str(worked_library / "kanttekening.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = (worked_library / "library.sqlite").read_bytes()
        code, _, err = _cli(capsys, worked_library, "restore")
        assert code == 1 and "open in a Kanttekening window" in err and str(holder.pid) in err
        assert (worked_library / "library.sqlite").read_bytes() == before
    finally:
        holder.communicate("", timeout=30)
    assert _cli(capsys, worked_library, "restore")[0] == 0  # closed: now it may


def test_a_missing_pdf_says_which_and_importing_it_again_puts_it_back(sample_library, capsys):
    from tests.conftest import LETTER

    root = sample_library.root
    doc = sample_library.resolve_document(LETTER.name)
    stored = sample_library.document_file(doc)
    sample_library.close()
    stored.unlink()
    code, _, err = _cli(capsys, root, "annotate", "kamerbrief", "--page", "1", "--quote", QUOTE_PLAIN)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert LETTER.name in err and str(stored) in err and "import the same PDF again" in err
    code, _, err = _cli(capsys, root, "check")
    assert code == 1  # check names it too
    code, out, err = _cli(capsys, root, "import", str(LETTER))
    assert code == 0 and "missing stored copy was put back" in out, err
    assert stored.is_file()
    _annotate(capsys, root, QUOTE_PLAIN)
    assert _cli(capsys, root, "check")[0] == 0


QUOTE_PLAIN = "het tegengaan van straffeloosheid"
