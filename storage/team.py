"""Queries for team review: authorship, agreed judgements, merged team files.

Like ``storage.records``, no function opens a transaction of its own.
"""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

from storage.links import LINK_COLUMNS, _link
from storage.rows import Row, _rows
from storage.types import Link

AGREED_COLUMNS = (
    "recommendation_id, stance, assessment, agreed_by, agreed_at, recorded_by, recorded_by_id, modified"
)


# --- authorship -----------------------------------------------------------------

def claim_unattributed(db: sqlite_utils.Database, author_id: str) -> int:
    """Give this library's own rows without a reviewer id (made before the
    library joined a team, or since the last sync by code that does not set
    one) the reviewer's id. Rows merged from teammates always carry theirs."""
    n = db.execute("UPDATE annotations SET author_id = ? WHERE author_id = ''", (author_id,)).rowcount
    # A pair this reviewer already judged under the id keeps that judgement.
    n += db.execute("UPDATE OR IGNORE links SET author_id = ? WHERE author_id = ''", (author_id,)).rowcount
    n += db.execute(
        "UPDATE agreed_judgements SET recorded_by_id = ? WHERE recorded_by_id = ''", (author_id,)
    ).rowcount
    return n


def set_annotation_author_id(db: sqlite_utils.Database, ann_id: str, author_id: str) -> None:
    db.execute("UPDATE annotations SET author_id = ? WHERE id = ?", (author_id, ann_id))


def reviewers(db: sqlite_utils.Database) -> list[Row]:
    """Every reviewer (id and name) who wrote a link, with the count."""
    return _rows(
        db,
        "SELECT author_id, max(author) AS author, count(*) AS links FROM links "
        "GROUP BY author_id ORDER BY author COLLATE NOCASE, author_id",
    )


def links_by_author_for_document(db: sqlite_utils.Database, document_id: str, author_id: str) -> list[Link]:
    """The links a reviewer wrote whose recommendation is on ``document_id``."""
    return [lk for lk in map(_link, _rows(
        db,
        f"SELECT {', '.join('l.' + c.strip() for c in LINK_COLUMNS.split(','))} FROM links l "
        "JOIN annotations a ON a.id = l.recommendation_id "
        "WHERE a.document_id = ? AND l.author_id = ? ORDER BY l.id",
        (document_id, author_id),
    )) if lk is not None]


def insert_link(db: sqlite_utils.Database, row: Row) -> None:
    """A teammate's link (plain SQL: a merge inserts many)."""
    cols = [c.strip() for c in LINK_COLUMNS.split(",")]
    db.execute(
        f"INSERT INTO links({LINK_COLUMNS}) VALUES ({', '.join('?' * len(cols))})",
        tuple(row[c] for c in cols),
    )


def document_fingerprints(db: sqlite_utils.Database, author_id: str) -> dict[str, str]:
    """Per document (by SHA-256), a value that changes whenever anything this
    reviewer's team file for it holds may have changed."""
    out: dict[str, str] = {}
    tags = db.execute("SELECT count(*), max(modified) FROM tags").fetchone()
    for sha, a_n, a_m, t_n, l_n, l_m, g_n, g_m in db.execute(
        "SELECT d.sha256, "
        "(SELECT count(*) FROM annotations a WHERE a.document_id = d.id), "
        "(SELECT max(modified) FROM annotations a WHERE a.document_id = d.id), "
        "(SELECT count(*) FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id "
        " WHERE a.document_id = d.id), "
        "(SELECT count(*) FROM links l JOIN annotations a ON a.id = l.recommendation_id "
        " WHERE a.document_id = d.id AND l.author_id = ?1), "
        "(SELECT max(l.modified) FROM links l JOIN annotations a ON a.id = l.recommendation_id "
        " WHERE a.document_id = d.id AND l.author_id = ?1), "
        "(SELECT count(*) FROM agreed_judgements g JOIN annotations a ON a.id = g.recommendation_id "
        " WHERE a.document_id = d.id AND g.recorded_by_id = ?1), "
        "(SELECT max(g.modified) FROM agreed_judgements g JOIN annotations a "
        " ON a.id = g.recommendation_id WHERE a.document_id = d.id AND g.recorded_by_id = ?1) "
        "FROM documents d",
        (author_id,),
    ):
        out[sha] = f"{a_n}|{a_m}|{t_n}|{l_n}|{l_m}|{g_n}|{g_m}|{tags[0]}|{tags[1]}"
    return out


def document_by_sha(db: sqlite_utils.Database, sha256: str) -> str | None:
    row = db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


def delete_links(db: sqlite_utils.Database, link_ids: Iterable[str]) -> None:
    for lid in link_ids:
        db.execute("DELETE FROM links WHERE id = ?", (lid,))


def find_link_of_author(
    db: sqlite_utils.Database, recommendation_id: str, response_id: str | None, author_id: str
) -> Link | None:
    rows = _rows(
        db,
        f"SELECT {LINK_COLUMNS} FROM links WHERE recommendation_id = ? AND coalesce(response_id, '') = "
        "coalesce(?, '') AND author_id = ?",
        (recommendation_id, response_id, author_id),
    )
    return _link(rows[0]) if rows else None


def all_judgements(db: sqlite_utils.Database) -> list[Link]:
    """Every link on a recommendation, in creation order."""
    return [lk for lk in map(_link, _rows(
        db,
        f"SELECT {', '.join('l.' + c.strip() for c in LINK_COLUMNS.split(','))} FROM links l "
        "JOIN annotations a ON a.id = l.recommendation_id "
        "WHERE a.role = 'recommendation' ORDER BY l.created, l.id",
    )) if lk is not None]


# --- agreed judgements ---------------------------------------------------------------

def get_agreed(db: sqlite_utils.Database, recommendation_id: str) -> Row | None:
    rows = _rows(
        db, f"SELECT {AGREED_COLUMNS} FROM agreed_judgements WHERE recommendation_id = ?",
        (recommendation_id,),
    )
    return rows[0] if rows else None


def list_agreed(db: sqlite_utils.Database) -> list[Row]:
    return _rows(db, f"SELECT {AGREED_COLUMNS} FROM agreed_judgements ORDER BY recommendation_id")


def agreed_for_document(db: sqlite_utils.Database, document_id: str, recorded_by_id: str) -> list[Row]:
    return _rows(
        db,
        f"SELECT {', '.join('g.' + c.strip() for c in AGREED_COLUMNS.split(','))} "
        "FROM agreed_judgements g JOIN annotations a ON a.id = g.recommendation_id "
        "WHERE a.document_id = ? AND g.recorded_by_id = ? ORDER BY g.recommendation_id",
        (document_id, recorded_by_id),
    )


def put_agreed(db: sqlite_utils.Database, row: Row) -> None:
    cols = [c.strip() for c in AGREED_COLUMNS.split(",")]
    db.execute(
        f"INSERT INTO agreed_judgements({AGREED_COLUMNS}) VALUES ({', '.join('?' * len(cols))}) "
        "ON CONFLICT(recommendation_id) DO UPDATE SET stance = excluded.stance, "
        "assessment = excluded.assessment, agreed_by = excluded.agreed_by, "
        "agreed_at = excluded.agreed_at, recorded_by = excluded.recorded_by, "
        "recorded_by_id = excluded.recorded_by_id, modified = excluded.modified",
        tuple(row[c] for c in cols),
    )


def delete_agreed(db: sqlite_utils.Database, recommendation_id: str) -> None:
    db.execute("DELETE FROM agreed_judgements WHERE recommendation_id = ?", (recommendation_id,))


# --- team files already merged ------------------------------------------------------------

def merged_files(db: sqlite_utils.Database) -> dict[str, str]:
    return {p: s for p, s in db.execute("SELECT path, sha256 FROM team_files")}


def mark_merged(db: sqlite_utils.Database, path: str, sha256: str, stamp: str) -> None:
    db.execute(
        "INSERT INTO team_files(path, sha256, merged_at) VALUES (?, ?, ?) "
        "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, merged_at = excluded.merged_at",
        (path, sha256, stamp),
    )


def forget_file(db: sqlite_utils.Database, path: str) -> None:
    db.execute("DELETE FROM team_files WHERE path = ?", (path,))


def forget_merged(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM team_files")


def delete_meta(db: sqlite_utils.Database, keys: Iterable[str]) -> None:
    for key in keys:
        db.execute("DELETE FROM library_meta WHERE key = ?", (key,))
