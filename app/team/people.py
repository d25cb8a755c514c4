"""The reviewers a library knows of (everyone who wrote a judgement)."""
from __future__ import annotations

from app.library import Library
from storage import team as team_db


def team_reviewers(lib: Library) -> list[tuple[str, str]]:
    """(id, name) of every reviewer with a judgement in the library, by name."""
    return [(r["author_id"], r["author"] or r["author_id"]) for r in team_db.reviewers(lib.db) if r["author_id"]]
