"""Queries on links (a response passage judged against a recommendation)
and on pending items (annotations from bundles whose document is not in the
library yet). Re-exported by ``storage.records``; same rules: no
transactions of their own, parameters only."""
from __future__ import annotations

from typing import Any, Iterable

import sqlite_utils

from storage.rows import Row, _one, _rows
from storage.types import Link, PendingAnnotation, Stance


# --- links ------------------------------------------------------------------

LINK_COLUMNS = (
    "id, recommendation_id, response_id, stance, assessment, author, created, modified, author_id"
)


_LINK_STORED = tuple(c.strip() for c in LINK_COLUMNS.split(","))


def _link(row: Row | None) -> Link | None:
    if row is None:
        return None
    return Link(
        id=row["id"],
        recommendation_id=row["recommendation_id"],
        response_id=row["response_id"],
        stance=Stance(row["stance"]),
        created=row["created"],
        modified=row["modified"],
        assessment=row["assessment"],
        author=row["author"],
        author_id=row["author_id"],
    )


def insert_link(db: sqlite_utils.Database, link: Link) -> None:
    db.table("links").insert({c: getattr(link, c) for c in _LINK_STORED})


def get_link(db: sqlite_utils.Database, link_id: str) -> Link | None:
    return _link(_one(db, f"SELECT {LINK_COLUMNS} FROM links WHERE id = ?", (link_id,)))


def find_link(
    db: sqlite_utils.Database,
    recommendation_id: str,
    response_id: str | None,
    author_ids: Iterable[str] | None = None,
) -> Link | None:
    """The link of a pair; with ``author_ids``, only one written by one of
    those reviewers (in a team each reviewer judges the pair separately)."""
    sql = (
        f"SELECT {LINK_COLUMNS} FROM links WHERE recommendation_id = ? "
        f"AND coalesce(response_id, '') = coalesce(?, '')"
    )
    params: list[Any] = [recommendation_id, response_id]
    if author_ids is not None:
        ids = list(author_ids)
        sql += f" AND author_id IN ({','.join('?' * len(ids))})" if ids else " AND 0"
        params += ids
    return _link(_one(db, sql + " ORDER BY author_id DESC", params))


def stances_touching(db: sqlite_utils.Database, ann_id: str) -> list[Stance]:
    """The stances of every link from or to ``ann_id``."""
    return [
        Stance(r[0])
        for r in db.execute(
            "SELECT stance FROM links WHERE recommendation_id = ? OR response_id = ?", (ann_id, ann_id)
        )
    ]


def list_links(
    db: sqlite_utils.Database,
    *,
    recommendation_id: str | None = None,
    response_id: str | None = None,
) -> list[Link]:
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
    return [lk for lk in map(_link, _rows(db, sql + " ORDER BY created, id", params)) if lk is not None]


def update_link(db: sqlite_utils.Database, link_id: str, fields: Row) -> None:
    bad = set(fields) - {"stance", "assessment", "author", "modified", "author_id"}
    if bad:
        raise ValueError(f"cannot change link fields {sorted(bad)}")
    db.table("links").update(link_id, fields)


def delete_link(db: sqlite_utils.Database, link_id: str) -> None:
    db.execute("DELETE FROM links WHERE id = ?", (link_id,))


# --- items from bundles whose document is not in the library -----------------

_PENDING_COLUMNS = "id, document_sha256, document_name, payload, received"


def _pending(row: tuple[Any, ...]) -> PendingAnnotation:
    return PendingAnnotation(*row)


def get_pending(db: sqlite_utils.Database, item_id: str) -> PendingAnnotation | None:
    row = db.execute(f"SELECT {_PENDING_COLUMNS} FROM pending_annotations WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else _pending(row)


def put_pending(db: sqlite_utils.Database, item: PendingAnnotation) -> None:
    """Store ``item``, replacing one with the same id."""
    db.execute(
        f"INSERT OR REPLACE INTO pending_annotations({_PENDING_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
        (item.id, item.document_sha256, item.document_name, item.payload, item.received),
    )


def list_pending(db: sqlite_utils.Database, document_sha256: str | None = None) -> list[PendingAnnotation]:
    """Pending items in id order (of one document: by its sha256)."""
    if document_sha256 is None:
        cur = db.execute(f"SELECT {_PENDING_COLUMNS} FROM pending_annotations ORDER BY id")
    else:
        cur = db.execute(
            f"SELECT {_PENDING_COLUMNS} FROM pending_annotations WHERE document_sha256 = ? ORDER BY id",
            (document_sha256,),
        )
    return [_pending(r) for r in cur]


def delete_pending(db: sqlite_utils.Database, item_id: str) -> None:
    db.execute("DELETE FROM pending_annotations WHERE id = ?", (item_id,))
