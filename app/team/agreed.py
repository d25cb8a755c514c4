"""The team's agreed judgement of a recommendation, kept apart from each
reviewer's own: stance, assessment, who agreed and when. It travels in the
file of the reviewer who recorded it; the newest record wins."""
from __future__ import annotations

from app.changes import Changes
from app.domain import UserError, now_iso
from app.library import Library
from app.recommendations.register import check_stance
from storage import records
from storage import team as team_db


def record_agreed(
    lib: Library, rec_id: str, stance: str, assessment: str = "", agreed_by: str = ""
) -> tuple[dict | None, Changes]:
    """Record (or replace) the agreed judgement; returns the previous one."""
    stance = check_stance(stance)
    stamp = now_iso()
    with lib.write() as db:
        rec = records.get_annotation(db, rec_id)
        if rec is None or rec.role != "recommendation":
            raise UserError("that is not a recommendation in this library")
        before = team_db.get_agreed(db, rec_id)
        team_db.put_agreed(db, {
            "recommendation_id": rec_id, "stance": stance, "assessment": assessment,
            "agreed_by": agreed_by.strip() or lib.reviewer, "agreed_at": stamp,
            "recorded_by": lib.reviewer, "recorded_by_id": lib.reviewer_id, "modified": stamp,
        })
    return before, lib.changed(Changes.of(annotations=[rec_id]))


def agreed_of(lib: Library, rec_id: str) -> dict | None:
    return team_db.get_agreed(lib.db, rec_id)
