"""Schema through migrations only; newer libraries refused; failed migrations roll back."""
import sqlite3

import pytest

from storage import LibraryTooNew, open_database, records, schema_version
from storage import db as storage_db
from storage.migrations import LATEST
from storage.types import Tag


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
    assert [(c.entity, c.op) for c in changes] == [
        ("document", "insert"), ("document", "update"), ("document", "delete")
    ]


def test_tag_names_unique_per_parent_case_insensitive(library):
    with library.write() as db:
        records.insert_tag(db, Tag(id="a", name="Thema", created="x", modified="x"))
    with pytest.raises(sqlite3.IntegrityError):
        with library.write() as db:
            records.insert_tag(db, Tag(id="b", name="thema", created="x", modified="x"))
    with library.write() as db:
        records.insert_tag(db, Tag(id="c", name="thema", parent_id="a", created="x", modified="x"))


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
    lib = Library.open(tmp_path / "lib", verify=False)  # as 'check' opens it
    result = check_library(lib)
    lib.close()
    assert not result["ok"]
    assert result["items"][0]["what"] == "database" and result["items"][0]["status"] == "problem"


def test_records_are_typed_frozen_and_have_no_dict_access(library):
    import dataclasses
    import json

    from storage.types import Annotation, Document, Kind, Language, Page, Role

    doc = Document(
        id="d1", sha256="s" * 64, file_sha256="s" * 64, title="Rapport", author="", kind=Kind.REPORT,
        language=Language.DUTCH, page_count=1, file_name="r.pdf", file_size=10,
        imported_at="2026-01-01T00:00:00.000Z", modified="2026-01-01T00:00:00.000Z",
    )
    ann = Annotation(
        id="a1", document_id="d1", role=Role.RECOMMENDATION, page_no=1,
        rects=((1, 10.0, 20.0, 30.0, 40.0),), created="x", modified="x", quote="Doe dit",
    )
    with library.write() as db:
        records.insert_document(db, doc, [Page(page_no=1, text="Doe dit.")])
        records.insert_tag(db, Tag(id="t1", name="Thema", created="x", modified="x"))
        records.insert_annotation(db, ann, ["t1"])
    db = library.db
    stored_doc = records.get_document(db, "d1")
    stored = records.get_annotation(db, "a1")
    assert stored_doc == doc and stored is not None
    # The enums come back as enums, compare equal to the stored names and
    # print as them (the JSON output keeps the plain names).
    assert stored.role is Role.RECOMMENDATION and stored.role == "recommendation"
    assert stored_doc.kind is Kind.REPORT and f"{stored_doc.kind}" == "report"
    assert json.dumps({"role": stored.role}) == '{"role": "recommendation"}'
    assert stored.rects == ((1, 10.0, 20.0, 30.0, 40.0),) and stored.tag_ids == ("t1",)
    # A misspelt field is an error, not a silent None; records cannot be
    # changed in place or read like dicts.
    with pytest.raises(AttributeError):
        stored.rol  # noqa: B018
    with pytest.raises(TypeError):
        stored["role"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.label = "1a"  # type: ignore[misc]
    assert dataclasses.replace(stored, label="1a").label == "1a"
