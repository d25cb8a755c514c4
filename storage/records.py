"""Queries on the library tables. Rows come back as plain dicts.

No function here opens a transaction of its own: the use case in ``app/``
wraps each user action in one ``lib.write()`` block. Every statement uses
parameters; identifiers are never built from input.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable

import sqlite_utils

Row = dict[str, Any]


def _rows(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> list[Row]:
    cur = db.execute(sql, tuple(params))
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _one(db: sqlite_utils.Database, sql: str, params: Iterable[Any] = ()) -> Row | None:
    rows = _rows(db, sql, params)
    return rows[0] if rows else None


# --- meta -----------------------------------------------------------------

def get_meta(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM library_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO library_meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def last_change_seq(db: sqlite_utils.Database) -> int:
    """The newest change number (kept by AUTOINCREMENT even after pruning)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").fetchone()
    return int(row[0]) if row else 0


def changes_since(db: sqlite_utils.Database, seq: int, limit: int = 10000) -> list[Row]:
    return _rows(
        db,
        "SELECT seq, entity, entity_id, op FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
        (seq, limit),
    )


def prune_change_log(db: sqlite_utils.Database, up_to_seq: int) -> None:
    db.execute("DELETE FROM change_log WHERE seq <= ?", (up_to_seq,))


# --- documents --------------------------------------------------------------

DOCUMENT_COLUMNS = (
    "id, sha256, file_sha256, title, author, kind, language, page_count, file_name, "
    "file_size, imported_at, modified, repaired, was_encrypted, outline"
)


def insert_document(db: sqlite_utils.Database, doc: Row, pages: list[Row]) -> None:
    db.table("documents").insert(doc)
    db.table("pages").insert_all(
        ({"document_id": doc["id"], **p} for p in pages), batch_size=200
    )


def document_by_sha(db: sqlite_utils.Database, sha256: str) -> Row | None:
    return _one(db, f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE sha256 = ?", (sha256,))


def get_document(db: sqlite_utils.Database, doc_id: str) -> Row | None:
    return _one(db, f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))


def list_documents(db: sqlite_utils.Database) -> list[Row]:
    """Every document with its counts of text pages and annotations."""
    return _rows(
        db,
        f"""
        SELECT {", ".join("d." + c.strip() for c in DOCUMENT_COLUMNS.split(","))},
            (SELECT count(*) FROM pages p WHERE p.document_id = d.id AND p.has_text)
                AS pages_with_text,
            (SELECT count(*) FROM annotations a WHERE a.document_id = d.id)
                AS annotation_count
        FROM documents d
        ORDER BY d.imported_at, d.title
        """,
    )


def update_document(db: sqlite_utils.Database, doc_id: str, fields: Row) -> None:
    allowed = {"title", "author", "kind", "language", "modified"}
    bad = set(fields) - allowed
    if bad:
        raise ValueError(f"cannot change document fields {sorted(bad)}")
    db.table("documents").update(doc_id, fields)


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def list_documents_brief(db: sqlite_utils.Database) -> list[Row]:
    """Like ``list_documents`` (same order) without the per-document counts."""
    return _rows(
        db,
        f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY imported_at, title",
    )


def get_pages(db: sqlite_utils.Database, doc_id: str) -> list[Row]:
    return _rows(
        db,
        "SELECT page_no, text, has_text, width, height, label FROM pages "
        "WHERE document_id = ? ORDER BY page_no",
        (doc_id,),
    )


def get_page(db: sqlite_utils.Database, doc_id: str, page_no: int) -> Row | None:
    return _one(
        db,
        "SELECT page_no, text, has_text, width, height, label FROM pages "
        "WHERE document_id = ? AND page_no = ?",
        (doc_id, page_no),
    )


def iter_all_pages(db: sqlite_utils.Database) -> Iterable[Row]:
    """Every page of every document, with the document's title, kind and language."""
    cur = db.execute(
        "SELECT p.document_id, p.page_no, p.text, p.has_text, d.title, d.kind, d.language "
        "FROM pages p JOIN documents d ON d.id = p.document_id "
        "ORDER BY p.document_id, p.page_no"
    )
    cols = [c[0] for c in cur.description]
    for r in cur:
        yield dict(zip(cols, r))


# --- annotations ------------------------------------------------------------

ANNOTATION_COLUMNS = (
    "id, document_id, role, label, color, note, author, created, modified, page_no, "
    "rects, is_area, quote, prefix, suffix, orphaned, remarks"
)


def _decode_annotation(row: Row) -> Row:
    row["rects"] = json.loads(row["rects"] or "[]")
    row["remarks"] = json.loads(row.get("remarks") or "[]")
    row["is_area"] = bool(row["is_area"])
    row["orphaned"] = bool(row["orphaned"])
    return row


def insert_annotation(db: sqlite_utils.Database, ann: Row, tag_ids: Iterable[str] = ()) -> None:
    row = dict(ann)
    row["rects"] = json.dumps(row.get("rects", []))
    row["remarks"] = json.dumps(row.get("remarks") or [], ensure_ascii=False)
    row.pop("tags", None)
    db.table("annotations").insert(row)
    set_annotation_tags(db, row["id"], tag_ids)


def get_annotation(db: sqlite_utils.Database, ann_id: str) -> Row | None:
    row = _one(db, f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", (ann_id,))
    if row is None:
        return None
    row = _decode_annotation(row)
    row["tag_ids"] = annotation_tag_ids(db, ann_id)
    return row


def list_annotations(
    db: sqlite_utils.Database,
    *,
    document_id: str | None = None,
    role: str | None = None,
    tag_id: str | None = None,
) -> list[Row]:
    """Annotations in document and page order, each with its ``tag_ids``."""
    where, params = [], []
    if document_id is not None:
        where.append("a.document_id = ?")
        params.append(document_id)
    if role is not None:
        where.append("a.role = ?")
        params.append(role)
    if tag_id is not None:
        where.append(
            "a.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id IN ("
            "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
            "SELECT t.id FROM tags t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub))"
        )
        params.append(tag_id)
    sql = f"SELECT {', '.join('a.' + c.strip() for c in ANNOTATION_COLUMNS.split(','))} FROM annotations a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.document_id, a.page_no, json_extract(a.rects, '$[0][2]'), a.created"
    rows = [_decode_annotation(r) for r in _rows(db, sql, params)]
    tags = _tag_ids_for(db, [r["id"] for r in rows]) if rows else {}
    for r in rows:
        r["tag_ids"] = tags.get(r["id"], [])
    return rows


def _tag_ids_for(db: sqlite_utils.Database, ann_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for i in range(0, len(ann_ids), 500):
        chunk = ann_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for aid, tid in db.execute(
            f"SELECT annotation_id, tag_id FROM annotation_tags WHERE annotation_id IN ({marks})",
            chunk,
        ):
            out.setdefault(aid, []).append(tid)
    return out


ANNOTATION_EDITABLE = {
    "role", "label", "color", "note", "author", "modified", "page_no", "rects",
    "is_area", "quote", "prefix", "suffix", "orphaned", "remarks",
}


def update_annotation(db: sqlite_utils.Database, ann_id: str, fields: Row) -> None:
    bad = set(fields) - ANNOTATION_EDITABLE
    if bad:
        raise ValueError(f"cannot change annotation fields {sorted(bad)}")
    row = dict(fields)
    if "rects" in row:
        row["rects"] = json.dumps(row["rects"])
    if "remarks" in row:
        row["remarks"] = json.dumps(row["remarks"], ensure_ascii=False)
    db.table("annotations").update(ann_id, row)


def delete_annotation(db: sqlite_utils.Database, ann_id: str) -> None:
    db.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))


def annotation_tag_ids(db: sqlite_utils.Database, ann_id: str) -> list[str]:
    return [
        r[0]
        for r in db.execute("SELECT tag_id FROM annotation_tags WHERE annotation_id = ?", (ann_id,))
    ]


def set_annotation_tags(db: sqlite_utils.Database, ann_id: str, tag_ids: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(tag_ids))
    current = set(annotation_tag_ids(db, ann_id))
    for tid in current - set(wanted):
        db.execute(
            "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?", (ann_id, tid)
        )
    for tid in wanted:
        if tid not in current:
            db.execute(
                "INSERT INTO annotation_tags(annotation_id, tag_id) VALUES (?, ?)", (ann_id, tid)
            )


# --- tags -------------------------------------------------------------------

TAG_COLUMNS = "id, name, parent_id, color, description, created, modified"


def insert_tag(db: sqlite_utils.Database, tag: Row) -> None:
    db.table("tags").insert(tag)


def get_tag(db: sqlite_utils.Database, tag_id: str) -> Row | None:
    return _one(db, f"SELECT {TAG_COLUMNS} FROM tags WHERE id = ?", (tag_id,))


def list_tags(db: sqlite_utils.Database) -> list[Row]:
    """Every tag with its usage count (annotations tagged directly)."""
    return _rows(
        db,
        f"SELECT {TAG_COLUMNS}, (SELECT count(*) FROM annotation_tags at "
        f"WHERE at.tag_id = tags.id) AS usage FROM tags ORDER BY name COLLATE NOCASE",
    )


def tag_by_name(db: sqlite_utils.Database, name: str, parent_id: str | None = None) -> Row | None:
    return _one(
        db,
        f"SELECT {TAG_COLUMNS} FROM tags WHERE name = ? COLLATE NOCASE "
        f"AND coalesce(parent_id, '') = coalesce(?, '')",
        (name, parent_id),
    )


def update_tag(db: sqlite_utils.Database, tag_id: str, fields: Row) -> None:
    bad = set(fields) - {"name", "parent_id", "color", "description", "modified"}
    if bad:
        raise ValueError(f"cannot change tag fields {sorted(bad)}")
    db.table("tags").update(tag_id, fields)


def delete_tag(db: sqlite_utils.Database, tag_id: str) -> None:
    db.execute("DELETE FROM tags WHERE id = ?", (tag_id,))


def retag(db: sqlite_utils.Database, from_tag: str, to_tag: str) -> None:
    """Move every use of ``from_tag`` to ``to_tag`` (for merging tags)."""
    db.execute(
        "INSERT OR IGNORE INTO annotation_tags(annotation_id, tag_id) "
        "SELECT annotation_id, ? FROM annotation_tags WHERE tag_id = ?",
        (to_tag, from_tag),
    )
    db.execute("DELETE FROM annotation_tags WHERE tag_id = ?", (from_tag,))
    db.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", (to_tag, from_tag))


# --- links ------------------------------------------------------------------

LINK_COLUMNS = "id, recommendation_id, response_id, stance, assessment, author, created, modified"


def insert_link(db: sqlite_utils.Database, link: Row) -> None:
    db.table("links").insert(link)


def get_link(db: sqlite_utils.Database, link_id: str) -> Row | None:
    return _one(db, f"SELECT {LINK_COLUMNS} FROM links WHERE id = ?", (link_id,))


def find_link(db: sqlite_utils.Database, recommendation_id: str, response_id: str | None) -> Row | None:
    return _one(
        db,
        f"SELECT {LINK_COLUMNS} FROM links WHERE recommendation_id = ? "
        f"AND coalesce(response_id, '') = coalesce(?, '')",
        (recommendation_id, response_id),
    )


def list_links(
    db: sqlite_utils.Database,
    *,
    recommendation_id: str | None = None,
    response_id: str | None = None,
) -> list[Row]:
    where, params = [], []
    if recommendation_id is not None:
        where.append("recommendation_id = ?")
        params.append(recommendation_id)
    if response_id is not None:
        where.append("response_id = ?")
        params.append(response_id)
    sql = f"SELECT {LINK_COLUMNS} FROM links"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return _rows(db, sql + " ORDER BY created, id", params)


def update_link(db: sqlite_utils.Database, link_id: str, fields: Row) -> None:
    bad = set(fields) - {"stance", "assessment", "author", "modified"}
    if bad:
        raise ValueError(f"cannot change link fields {sorted(bad)}")
    db.table("links").update(link_id, fields)


def delete_link(db: sqlite_utils.Database, link_id: str) -> None:
    db.execute("DELETE FROM links WHERE id = ?", (link_id,))


# --- checks -----------------------------------------------------------------

def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks (empty: fine)."""
    try:
        problems = [r[0] for r in db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} points to a missing {parent} row")
        orphans = db.execute(
            "SELECT count(*) FROM documents d WHERE page_count <> "
            "(SELECT count(*) FROM pages p WHERE p.document_id = d.id)"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return problems_from(exc)
    if orphans:
        problems.append(f"{orphans} document(s) whose stored pages do not match their page count")
    return problems


def problems_from(exc: Exception) -> list[str]:
    return [f"the database is damaged ({exc}); restore the newest copy from backups/"]
