"""Who is reviewing: a name and a short id, stored in the library.

The name comes from ``$KANTTEKENING_AUTHOR`` when set, else the settings,
else the login name (``Library.reviewer``). The short id names this
reviewer's folder in the team folder and travels with every annotation and
link as ``urn:kanttekening:reviewer:<id>``.
"""
from __future__ import annotations

import re
import secrets
import unicodedata

from app.domain import UserError
from app.library import Library
from storage import records
from storage import team as team_db

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,23}$")
URN_PREFIX = "urn:kanttekening:reviewer:"


def check_id(short_id: str) -> str:
    short_id = short_id.strip().lower()
    if not ID_RE.match(short_id):
        raise UserError(
            f"'{short_id}' cannot be a reviewer id: use 2 to 24 letters a-z, digits or '-'"
        )
    return short_id


def propose_id(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:12].strip("-") or "reviewer"
    return f"{slug}-{secrets.token_hex(2)}"


def ensure_id(lib: Library) -> str:
    """The reviewer's id, chosen now (from the name) when there is none yet;
    rows this library made before get it too."""
    current = lib.reviewer_id
    if current:
        return current
    new = propose_id(lib.reviewer)
    with lib.write() as db:
        if not records.get_meta(db, "reviewer_id"):
            records.set_meta(db, "reviewer_id", new)
            team_db.claim_unattributed(db, new)
    return lib.reviewer_id


def set_identity(lib: Library, name: str | None = None, short_id: str | None = None) -> None:
    """Settings: the reviewer's name and/or short id. Changing the id of a
    library already in a team is refused (teammates know it by that id)."""
    with lib.write() as db:
        if name is not None and name.strip():
            records.set_meta(db, "reviewer", name.strip())
        if short_id is not None and short_id.strip():
            new = check_id(short_id)
            old = records.get_meta(db, "reviewer_id") or ""
            if old and old != new and records.get_meta(db, "team_folder"):
                raise UserError(
                    "this library is in a team; its reviewer id cannot change any more"
                )
            if new != old:
                records.set_meta(db, "reviewer_id", new)
                team_db.claim_unattributed(db, new)


def creator(name: str, author_id: str) -> dict | None:
    """A W3C creator object naming the reviewer by id and name."""
    if not name and not author_id:
        return None
    out: dict = {"type": "Person"}
    if author_id:
        out["id"] = URN_PREFIX + author_id
    if name:
        out["name"] = name
    return out


def creator_id(value: object) -> str:
    """The short id in a creator object, '' when none (or not ours)."""
    if isinstance(value, dict):
        cid = value.get("id")
        if isinstance(cid, str) and cid.startswith(URN_PREFIX):
            short = cid[len(URN_PREFIX):]
            if ID_RE.match(short):
                return short
    return ""
