"""Queries on the library tables. Rows come back as the typed records of
``storage.types``.

No function here opens a transaction of its own: the use case in ``app/``
wraps each user action in one ``lib.write()`` block. Every statement uses
parameters; identifiers are never built from input.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict
from typing import Iterable, Iterator

import sqlite_utils

from storage.types import (
    Annotation,
    Change,
    Document,
    DocumentPage,
    Kind,
    Language,
    Page,
    Rect,
    Role,
    Tag,
)

from storage.links import (  # noqa: F401 - part of this module's interface
    LINK_COLUMNS,
    _link,
    delete_link,
    delete_pending,
    find_link,
    get_link,
    get_pending,
    insert_link,
    list_links,
    list_pending,
    put_pending,
    stances_touching,
    update_link,
)
from storage.rows import Row, _one, _rows


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


def meta_with_prefix(db: sqlite_utils.Database, prefix: str) -> dict[str, str]:
    rows = db.execute(
        "SELECT key, value FROM library_meta WHERE substr(key, 1, length(?)) = ?", (prefix, prefix)
    ).fetchall()
    return {k: v for k, v in rows}


def delete_meta(db: sqlite_utils.Database, key: str) -> None:
    db.execute("DELETE FROM library_meta WHERE key = ?", (key,))


def last_change_seq(db: sqlite_utils.Database) -> int:
    """The newest change number (kept by AUTOINCREMENT even after pruning)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").fetchone()
    return int(row[0]) if row else 0


def changes_since(db: sqlite_utils.Database, seq: int, limit: int = 10000) -> list[Change]:
    return [
        Change(int(seq_), entity, entity_id, op)
        for seq_, entity, entity_id, op in db.execute(
            "SELECT seq, entity, entity_id, op FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        )
    ]


def first_change_seq(db: sqlite_utils.Database) -> int | None:
    """The oldest change number still in the log (None: the log is empty)."""
    row = db.execute("SELECT min(seq) FROM change_log").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def change_log_size(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM change_log").fetchone()[0])


def prune_change_log(db: sqlite_utils.Database, up_to_seq: int) -> None:
    db.execute("DELETE FROM change_log WHERE seq <= ?", (up_to_seq,))


# --- documents --------------------------------------------------------------

DOCUMENT_COLUMNS = (
    "id, sha256, file_sha256, title, author, kind, language, page_count, file_name, "
    "file_size, imported_at, modified, repaired, was_encrypted, outline"
)


_DOCUMENT_STORED = tuple(c.strip() for c in DOCUMENT_COLUMNS.split(","))


def _document(row: Row) -> Document:
    return Document(
        id=row["id"],
        sha256=row["sha256"],
        file_sha256=row["file_sha256"],
        title=row["title"],
        author=row["author"],
        kind=Kind(row["kind"]),
        language=Language(row["language"]),
        page_count=int(row["page_count"]),
        file_name=row["file_name"],
        file_size=int(row["file_size"]),
        imported_at=row["imported_at"],
        modified=row["modified"],
        repaired=bool(row["repaired"]),
        was_encrypted=bool(row["was_encrypted"]),
        outline=row["outline"],
        pages_with_text=row.get("pages_with_text"),
        annotation_count=row.get("annotation_count"),
    )


def _page(row: Row) -> Page:
    return Page(
        page_no=int(row["page_no"]),
        text=row["text"],
        has_text=bool(row["has_text"]),
        width=float(row["width"]),
        height=float(row["height"]),
        label=row["label"],
        ocr=row.get("ocr") or "",
        ocr_confidence=None if row.get("ocr_confidence") is None else float(row["ocr_confidence"]),
    )


def insert_document(db: sqlite_utils.Database, doc: Document, pages: Iterable[Page]) -> None:
    stored = asdict(doc)
    db.table("documents").insert(
        {c: stored[c] for c in _DOCUMENT_STORED}
        | {"repaired": int(doc.repaired), "was_encrypted": int(doc.was_encrypted)}
    )
    db.table("pages").insert_all(
        (
            {"document_id": doc.id, **asdict(p), "has_text": int(p.has_text)}
            for p in pages
        ),
        batch_size=200,
    )


def document_by_sha(db: sqlite_utils.Database, sha256: str) -> Document | None:
    row = _one(db, f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE sha256 = ?", (sha256,))
    return None if row is None else _document(row)


def get_document(db: sqlite_utils.Database, doc_id: str) -> Document | None:
    row = _one(db, f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
    return None if row is None else _document(row)


def documents_by_id_prefix(db: sqlite_utils.Database, prefix: str, limit: int = 3) -> list[Document]:
    """Documents whose id starts with ``prefix`` (at most ``limit``)."""
    like = prefix.lower().replace("%", "").replace("_", "") + "%"
    return [
        _document(r)
        for r in _rows(
            db, f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id LIKE ? LIMIT ?", (like, limit)
        )
    ]


def list_documents(db: sqlite_utils.Database) -> list[Document]:
    """Every document with its counts of text pages and annotations."""
    return [_document(r) for r in _rows(
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
    )]


def update_document(db: sqlite_utils.Database, doc_id: str, fields: Row) -> None:
    """Change some of title, author, kind, language and modified."""
    allowed = {"title", "author", "kind", "language", "modified"}
    bad = set(fields) - allowed
    if bad:
        raise ValueError(f"cannot change document fields {sorted(bad)}")
    db.table("documents").update(doc_id, fields)


def delete_document(db: sqlite_utils.Database, doc_id: str) -> None:
    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def list_documents_brief(db: sqlite_utils.Database) -> list[Document]:
    """Like ``list_documents`` (same order) without the per-document counts."""
    return [
        _document(r)
        for r in _rows(db, f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY imported_at, title")
    ]


def get_pages(db: sqlite_utils.Database, doc_id: str) -> list[Page]:
    return [
        _page(r)
        for r in _rows(
            db,
            "SELECT page_no, text, has_text, width, height, label, ocr, ocr_confidence FROM pages "
            "WHERE document_id = ? ORDER BY page_no",
            (doc_id,),
        )
    ]


def get_page(db: sqlite_utils.Database, doc_id: str, page_no: int) -> Page | None:
    row = _one(
        db,
        "SELECT page_no, text, has_text, width, height, label, ocr, ocr_confidence FROM pages "
        "WHERE document_id = ? AND page_no = ?",
        (doc_id, page_no),
    )
    return None if row is None else _page(row)


def set_page_ocr(
    db: sqlite_utils.Database, doc_id: str, page_no: int, *, text: str, state: str,
    confidence: float | None,
) -> None:
    """Store what OCR made of one page; a recognised page counts as having text."""
    db.execute(
        "UPDATE pages SET text = ?, has_text = ?, ocr = ?, ocr_confidence = ? "
        "WHERE document_id = ? AND page_no = ?",
        (text, int(state == "recognised" and bool(text.strip())), state, confidence, doc_id, page_no),
    )


def set_page_text(db: sqlite_utils.Database, doc_id: str, page_no: int, text: str) -> None:
    """Replace one page's text, flags unchanged."""
    db.execute("UPDATE pages SET text = ? WHERE document_id = ? AND page_no = ?", (text, doc_id, page_no))


def iter_all_pages(db: sqlite_utils.Database) -> Iterator[DocumentPage]:
    """Every page of every document, with the document's title, kind and language."""
    cur = db.execute(
        "SELECT p.document_id, p.page_no, p.text, p.has_text, d.title, d.kind, d.language "
        "FROM pages p JOIN documents d ON d.id = p.document_id "
        "ORDER BY p.document_id, p.page_no"
    )
    for doc_id, page_no, text, has_text, title, kind, language in cur:
        yield DocumentPage(
            doc_id, int(page_no), text, bool(has_text), title, Kind(kind), Language(language)
        )


_BLANK = "' ' || char(9) || char(10) || char(13)"


def count_text_pages(db: sqlite_utils.Database, *, non_blank: bool = False) -> int:
    """Pages with a text layer (``non_blank``: and some text other than white space)."""
    sql = "SELECT count(*) FROM pages WHERE has_text"
    if non_blank:
        sql += f" AND trim(text, {_BLANK}) <> ''"
    return int(db.execute(sql).fetchone()[0])


@contextmanager
def read_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One read transaction: every query inside sees the same snapshot."""
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def count_annotations(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM annotations").fetchone()[0])


# --- annotations ------------------------------------------------------------

ANNOTATION_COLUMNS = (
    "id, document_id, role, label, color, note, author, created, modified, page_no, "
    "rects, is_area, quote, prefix, suffix, orphaned, author_id, remarks"
)


_ANNOTATION_STORED = tuple(c.strip() for c in ANNOTATION_COLUMNS.split(","))


def rects_from_json(text: str | None) -> tuple[Rect, ...]:
    return tuple(tuple(r) for r in json.loads(text or "[]"))


def _annotation(row: Row, tag_ids: Iterable[str] = ()) -> Annotation:
    return Annotation(
        id=row["id"],
        document_id=row["document_id"],
        role=Role(row["role"]),
        page_no=int(row["page_no"]),
        rects=rects_from_json(row["rects"]),
        created=row["created"],
        modified=row["modified"],
        label=row["label"],
        color=row["color"],
        note=row["note"],
        author=row["author"],
        is_area=bool(row["is_area"]),
        quote=row["quote"],
        prefix=row["prefix"],
        suffix=row["suffix"],
        orphaned=bool(row["orphaned"]),
        author_id=row["author_id"],
        tag_ids=tuple(tag_ids),
        remarks=tuple(json.loads(row.get("remarks") or "[]")),
    )


def insert_annotation(
    db: sqlite_utils.Database, ann: Annotation, tag_ids: Iterable[str] | None = None
) -> None:
    """Store ``ann`` with ``tag_ids`` (default: the record's own ``tag_ids``)."""
    row: Row = {c: getattr(ann, c) for c in _ANNOTATION_STORED}
    row["rects"] = json.dumps([list(r) for r in ann.rects])
    row["is_area"] = int(ann.is_area)
    row["orphaned"] = int(ann.orphaned)
    row["remarks"] = json.dumps(list(ann.remarks), ensure_ascii=False)
    db.table("annotations").insert(row)
    set_annotation_tags(db, ann.id, ann.tag_ids if tag_ids is None else tag_ids)


def get_annotation(db: sqlite_utils.Database, ann_id: str) -> Annotation | None:
    row = _one(db, f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", (ann_id,))
    if row is None:
        return None
    return _annotation(row, annotation_tag_ids(db, ann_id))


def annotation_ids_by_label(db: sqlite_utils.Database, label: str, limit: int = 3) -> list[str]:
    """Ids of annotations labelled ``label`` (case-insensitive)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT id FROM annotations WHERE label = ? COLLATE NOCASE LIMIT ?", (label, limit)
        )
    ]


def annotation_ids_by_prefix(db: sqlite_utils.Database, prefix: str, limit: int = 3) -> list[str]:
    like = prefix.lower().replace("%", "").replace("_", "") + "%"
    return [r[0] for r in db.execute("SELECT id FROM annotations WHERE id LIKE ? LIMIT ?", (like, limit))]


def list_annotations(
    db: sqlite_utils.Database,
    *,
    document_id: str | None = None,
    role: str | None = None,
    tag_id: str | None = None,
) -> list[Annotation]:
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
    rows = _rows(db, sql, params)
    tags = _tag_ids_for(db, [r["id"] for r in rows]) if rows else {}
    return [_annotation(r, tags.get(r["id"], ())) for r in rows]


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
    "is_area", "quote", "prefix", "suffix", "orphaned", "author_id", "remarks",
}


def update_annotation(db: sqlite_utils.Database, ann_id: str, fields: Row) -> None:
    bad = set(fields) - ANNOTATION_EDITABLE
    if bad:
        raise ValueError(f"cannot change annotation fields {sorted(bad)}")
    row = dict(fields)
    if "rects" in row:
        row["rects"] = json.dumps([list(r) for r in row["rects"]])
    for flag in ("is_area", "orphaned"):
        if flag in row:
            row[flag] = int(bool(row[flag]))
    if "remarks" in row:
        row["remarks"] = json.dumps(list(row["remarks"]), ensure_ascii=False)
    db.table("annotations").update(ann_id, row)


def delete_annotation(db: sqlite_utils.Database, ann_id: str) -> None:
    db.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))


def annotation_ids_with_tag(db: sqlite_utils.Database, tag_id: str) -> list[str]:
    """Annotations tagged ``tag_id`` directly."""
    return [
        r[0] for r in db.execute("SELECT annotation_id FROM annotation_tags WHERE tag_id = ?", (tag_id,))
    ]


def add_annotation_tag(db: sqlite_utils.Database, ann_id: str, tag_id: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO annotation_tags(annotation_id, tag_id) VALUES (?, ?)", (ann_id, tag_id)
    )


def remove_annotation_tag(db: sqlite_utils.Database, ann_id: str, tag_id: str) -> None:
    db.execute(
        "DELETE FROM annotation_tags WHERE annotation_id = ? AND tag_id = ?", (ann_id, tag_id)
    )


def annotation_tag_ids(db: sqlite_utils.Database, ann_id: str) -> list[str]:
    return [
        r[0]
        for r in db.execute("SELECT tag_id FROM annotation_tags WHERE annotation_id = ?", (ann_id,))
    ]


def set_annotation_tags(db: sqlite_utils.Database, ann_id: str, tag_ids: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(tag_ids))
    current = set(annotation_tag_ids(db, ann_id))
    for tid in current - set(wanted):
        remove_annotation_tag(db, ann_id, tid)
    for tid in wanted:
        if tid not in current:
            db.execute(
                "INSERT INTO annotation_tags(annotation_id, tag_id) VALUES (?, ?)", (ann_id, tid)
            )


# --- tags -------------------------------------------------------------------

TAG_COLUMNS = "id, name, parent_id, color, description, created, modified"


_TAG_STORED = tuple(c.strip() for c in TAG_COLUMNS.split(","))


def _tag(row: Row | None) -> Tag | None:
    if row is None:
        return None
    return Tag(
        id=row["id"],
        name=row["name"],
        created=row["created"],
        modified=row["modified"],
        parent_id=row["parent_id"],
        color=row["color"],
        description=row["description"],
        usage=row.get("usage"),
    )


def insert_tag(db: sqlite_utils.Database, tag: Tag) -> None:
    db.table("tags").insert({c: getattr(tag, c) for c in _TAG_STORED})


def get_tag(db: sqlite_utils.Database, tag_id: str) -> Tag | None:
    return _tag(_one(db, f"SELECT {TAG_COLUMNS} FROM tags WHERE id = ?", (tag_id,)))


def list_tags(db: sqlite_utils.Database) -> list[Tag]:
    """Every tag with its usage count (annotations tagged directly)."""
    rows = _rows(
        db,
        f"SELECT {TAG_COLUMNS}, (SELECT count(*) FROM annotation_tags at "
        f"WHERE at.tag_id = tags.id) AS usage FROM tags ORDER BY name COLLATE NOCASE",
    )
    return [t for t in map(_tag, rows) if t is not None]


def tag_by_name(db: sqlite_utils.Database, name: str, parent_id: str | None = None) -> Tag | None:
    return _tag(_one(
        db,
        f"SELECT {TAG_COLUMNS} FROM tags WHERE name = ? COLLATE NOCASE "
        f"AND coalesce(parent_id, '') = coalesce(?, '')",
        (name, parent_id),
    ))


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
    return [f"the database is damaged ({exc}); bring back the newest backup with 'kanttekening restore'"]
