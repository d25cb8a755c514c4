"""Schema through migrations only; newer libraries refused; failed migrations roll back."""
import sqlite3

import pytest

from storage import LibraryTooNew, open_database, records, schema_version
from storage import db as storage_db
from storage.migrations import LATEST


def test_new_database_is_migrated_in_wal_with_foreign_keys(tmp_path):
    db = open_database(tmp_path / "l.sqlite")
    assert schema_version(db) == LATEST
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"documents", "pages", "annotations", "tags", "annotation_tags", "links"} <= set(db.table_names())


def test_newer_library_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "l.sqlite"
    db = open_database(path)
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    with pytest.raises(LibraryTooNew, match="newer version of Kanttekening"):
        open_database(path)


def test_failing_migration_rolls_back_schema_and_version(tmp_path, monkeypatch):
    path = tmp_path / "l.sqlite"
    open_database(path).close()

    def bad(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(storage_db, "MIGRATIONS", storage_db.MIGRATIONS + [bad])
    monkeypatch.setattr(storage_db, "LATEST", LATEST + 1)
    with pytest.raises(RuntimeError):
        open_database(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "l.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(storage_db.StorageError, match="not a usable library database"):
        open_database(path)


def test_change_log_follows_every_change(library):
    before = records.last_change_seq(library.db)
    with library.write() as db:
        db.execute(
            "INSERT INTO documents(id, sha256, file_sha256, title, page_count, file_name, file_size, "
            "imported_at, modified) VALUES ('d1', 's', 's', 't', 0, 'f.pdf', 1, 'x', 'x')"
        )
        db.execute("UPDATE documents SET title = 'u' WHERE id = 'd1'")
        db.execute("DELETE FROM documents WHERE id = 'd1'")
    changes = records.changes_since(library.db, before)
    assert [(c["entity"], c["op"]) for c in changes] == [
        ("document", "insert"), ("document", "update"), ("document", "delete")
    ]


def test_tag_names_unique_per_parent_case_insensitive(library):
    with library.write() as db:
        records.insert_tag(db, {"id": "a", "name": "Thema", "created": "x", "modified": "x"})
    with pytest.raises(sqlite3.IntegrityError):
        with library.write() as db:
            records.insert_tag(db, {"id": "b", "name": "thema", "created": "x", "modified": "x"})
    with library.write() as db:
        records.insert_tag(db, {"id": "c", "name": "thema", "parent_id": "a", "created": "x", "modified": "x"})


def _damaged_library(tmp_path):
    from app.library import Library

    lib = Library.open(tmp_path / "lib")
    with lib.write():
        for i in range(300):
            records.set_meta(lib.db, f"k{i}", "x" * 200)
    lib.close()
    path = tmp_path / "lib" / "library.sqlite"
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 512] = b"\xff" * 512  # a page in the middle, not the header
    path.write_bytes(bytes(data))
    return path


def test_damaged_database_after_a_crash_is_refused_and_left_alone(tmp_path):
    from app.domain import UserError
    from app.library import Library

    path = _damaged_library(tmp_path)
    path.with_name("library.sqlite-wal").write_bytes(b"left over by a crash")
    before = path.read_bytes()
    with pytest.raises(UserError, match="damaged.*backups"):
        Library.open(tmp_path / "lib")
    assert path.read_bytes() == before


def test_check_finds_a_damaged_database(tmp_path):
    from app.library import Library
    from app.usecases import check_library

    _damaged_library(tmp_path)
    lib = Library.open(tmp_path / "lib")
    result = check_library(lib)
    lib.close()
    assert not result["ok"]
    assert result["items"][0]["what"] == "database" and result["items"][0]["status"] == "problem"
