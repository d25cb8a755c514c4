"""The library schema, created and changed only by these numbered migrations.

Each migration runs in one transaction together with ``PRAGMA user_version``
(set last), so a failed migration leaves the previous version intact. A
library whose ``user_version`` is higher than ``LATEST`` comes from a newer
Kanttekening and is refused.

Conventions the rest of the code relies on:
- ids are UUID4 hex strings (documents, annotations, tags, links);
- times are ISO 8601 UTC strings with a ``Z`` suffix;
- pages are numbered from 1;
- rectangles are JSON lists ``[[page, x0, y0, x1, y1], ...]`` in PDF points,
  so one annotation may span a page break;
- ``change_log`` is filled by triggers: every insert, update and delete that
  the search index must follow leaves a row there, in the same transaction.
  The index records the last ``seq`` it applied, so a crash between the
  SQLite commit and the index update is caught up at the next start.
"""
from __future__ import annotations

import sqlite3
from typing import Callable

Migration = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one (``executescript`` would commit)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            conn.execute(buf)
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement: {buf.strip()[:60]}")


def _m1_initial(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE library_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            file_sha256 TEXT NOT NULL,
            title TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('report', 'response', 'letter', 'note', 'other')),
            language TEXT NOT NULL DEFAULT 'nl',
            page_count INTEGER NOT NULL CHECK (page_count >= 0),
            file_name TEXT NOT NULL,
            file_size INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            modified TEXT NOT NULL,
            repaired INTEGER NOT NULL DEFAULT 0,
            was_encrypted INTEGER NOT NULL DEFAULT 0,
            outline TEXT NOT NULL DEFAULT '[]'
        );

        CREATE TABLE pages (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            page_no INTEGER NOT NULL CHECK (page_no >= 1),
            text TEXT NOT NULL DEFAULT '',
            has_text INTEGER NOT NULL DEFAULT 1,
            width REAL NOT NULL DEFAULT 0,
            height REAL NOT NULL DEFAULT 0,
            label TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (document_id, page_no)
        ) WITHOUT ROWID;

        CREATE TABLE annotations (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            role TEXT NOT NULL
                CHECK (role IN ('recommendation', 'response', 'evidence', 'comment')),
            label TEXT NOT NULL DEFAULT '',
            color TEXT,
            note TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            page_no INTEGER NOT NULL CHECK (page_no >= 1),
            rects TEXT NOT NULL DEFAULT '[]',
            is_area INTEGER NOT NULL DEFAULT 0,
            quote TEXT NOT NULL DEFAULT '',
            prefix TEXT NOT NULL DEFAULT '',
            suffix TEXT NOT NULL DEFAULT '',
            orphaned INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX annotations_by_document ON annotations(document_id, page_no);
        CREATE INDEX annotations_by_role ON annotations(role);

        CREATE TABLE tags (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            parent_id TEXT REFERENCES tags(id) ON DELETE CASCADE,
            color TEXT NOT NULL DEFAULT '#808080',
            description TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            CHECK (parent_id IS NULL OR parent_id <> id)
        );
        CREATE UNIQUE INDEX tags_unique_name
            ON tags(coalesce(parent_id, ''), name COLLATE NOCASE);

        CREATE TABLE annotation_tags (
            annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
            tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (annotation_id, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX annotation_tags_by_tag ON annotation_tags(tag_id);

        -- A response passage answering a recommendation, with the reviewer's
        -- judgement. response_id NULL records "no response found" for a
        -- recommendation explicitly (stance 'none').
        CREATE TABLE links (
            id TEXT PRIMARY KEY,
            recommendation_id TEXT NOT NULL
                REFERENCES annotations(id) ON DELETE CASCADE,
            response_id TEXT REFERENCES annotations(id) ON DELETE CASCADE,
            stance TEXT NOT NULL
                CHECK (stance IN ('accepted', 'partial', 'rejected', 'noted', 'none')),
            assessment TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            modified TEXT NOT NULL,
            CHECK (response_id IS NULL OR response_id <> recommendation_id)
        );
        CREATE UNIQUE INDEX links_unique_pair
            ON links(recommendation_id, coalesce(response_id, ''));
        CREATE INDEX links_by_response ON links(response_id);

        -- Annotations from bundles whose document is not (yet) in the library.
        CREATE TABLE pending_annotations (
            id TEXT PRIMARY KEY,
            document_sha256 TEXT NOT NULL,
            document_name TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            received TEXT NOT NULL
        );
        CREATE INDEX pending_by_sha ON pending_annotations(document_sha256);

        -- Filled by triggers; read by the search index to stay in step.
        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL
        );
        """
    )
    # Triggers: one per table and operation. Tags and links change the
    # indexed text of annotations, so they log the annotations they touch.
    for table, entity, key in (
        ("documents", "document", "id"),
        ("annotations", "annotation", "id"),
    ):
        for op, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            conn.execute(
                f"CREATE TRIGGER log_{table}_{op} AFTER {op.upper()} ON {table} "
                f"BEGIN INSERT INTO change_log(entity, entity_id, op) "
                f"VALUES ('{entity}', {row}.{key}, '{op}'); END"
            )
    for op, row in (("insert", "NEW"), ("delete", "OLD")):
        conn.execute(
            f"CREATE TRIGGER log_annotation_tags_{op} AFTER {op.upper()} ON annotation_tags "
            f"BEGIN INSERT INTO change_log(entity, entity_id, op) "
            f"VALUES ('annotation', {row}.annotation_id, 'update'); END"
        )
    for op, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        conn.execute(
            f"CREATE TRIGGER log_links_{op} AFTER {op.upper()} ON links "
            f"BEGIN "
            f"INSERT INTO change_log(entity, entity_id, op) "
            f"VALUES ('annotation', {row}.recommendation_id, 'update'); "
            f"INSERT INTO change_log(entity, entity_id, op) "
            f"SELECT 'annotation', {row}.response_id, 'update' "
            f"WHERE {row}.response_id IS NOT NULL; "
            f"END"
        )
    conn.execute(
        "CREATE TRIGGER log_tags_update AFTER UPDATE OF name, parent_id ON tags "
        "BEGIN INSERT INTO change_log(entity, entity_id, op) "
        "SELECT 'annotation', annotation_id, 'update' FROM annotation_tags "
        "WHERE tag_id = NEW.id; END"
    )
    # Deleting a tag cascades to annotation_tags, whose delete trigger logs
    # the annotations; nothing more is needed for tag deletes.
    conn.execute(
        "CREATE TRIGGER log_pages_update AFTER UPDATE OF text ON pages "
        "BEGIN INSERT INTO change_log(entity, entity_id, op) "
        "VALUES ('document', NEW.document_id, 'update'); END"
    )


def _m2_ocr_pages(conn: sqlite3.Connection) -> None:
    """Pages whose text Tesseract recognised (issue 13): ``ocr`` is '' for a
    page's own text layer (or a scan not tried yet), 'recognised' or
    'unreadable'; ``ocr_confidence`` is Tesseract's mean word confidence (0-100)."""
    run_script(
        conn,
        """
        ALTER TABLE pages ADD COLUMN ocr TEXT NOT NULL DEFAULT ''
            CHECK (ocr IN ('', 'recognised', 'unreadable'));
        ALTER TABLE pages ADD COLUMN ocr_confidence REAL;
        """,
    )


def _m3_team_review(conn: sqlite3.Connection) -> None:
    """Team review: who wrote each annotation and link (a reviewer's short
    id next to the name), one judgement per reviewer for the same pair,
    the team's agreed judgement kept apart, and which team files were merged."""
    run_script(
        conn,
        """
        ALTER TABLE annotations ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE links ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
        DROP INDEX links_unique_pair;
        CREATE UNIQUE INDEX links_unique_pair_per_author
            ON links(recommendation_id, coalesce(response_id, ''), author_id);
        CREATE INDEX links_by_author ON links(author_id);

        -- The stance a team agreed on for a recommendation, apart from the
        -- reviewers' own judgements. recorded_by_id: whose team file carries it.
        CREATE TABLE agreed_judgements (
            recommendation_id TEXT PRIMARY KEY
                REFERENCES annotations(id) ON DELETE CASCADE,
            stance TEXT NOT NULL
                CHECK (stance IN ('accepted', 'partial', 'rejected', 'noted', 'none')),
            assessment TEXT NOT NULL DEFAULT '',
            agreed_by TEXT NOT NULL DEFAULT '',
            agreed_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_by_id TEXT NOT NULL DEFAULT '',
            modified TEXT NOT NULL
        );

        -- Teammates' files already merged, by content hash, so a sync reads
        -- only what changed.
        CREATE TABLE team_files (
            path TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            merged_at TEXT NOT NULL
        );
        """
    )
    for op, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        conn.execute(
            f"CREATE TRIGGER log_agreed_judgements_{op} AFTER {op.upper()} ON agreed_judgements "
            f"BEGIN INSERT INTO change_log(entity, entity_id, op) "
            f"VALUES ('annotation', {row}.recommendation_id, 'update'); END"
        )


MIGRATIONS: list[Migration] = [
    _m1_initial,
    _m2_ocr_pages,
    _m3_team_review,
]

LATEST = len(MIGRATIONS)
