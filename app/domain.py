"""Domain vocabulary: document kinds, annotation roles, link stances, languages."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

# The vocabulary and the records are defined once, in storage/ (which
# imports nothing of ours); re-exported here for app/ and ui/.
from storage.types import (  # noqa: F401
    KINDS,
    LANGUAGES,
    ROLES,
    STANCES,
    Anchor,
    Annotation,
    Document,
    Kind,
    Language,
    Link,
    Page,
    Role,
    Stance,
    Tag,
)

# Default colours per role (settings may override them in the window).
ROLE_COLORS: dict[str, str] = {
    Role.RECOMMENDATION: "#f5c542",
    Role.RESPONSE: "#5ab1ef",
    Role.EVIDENCE: "#7ccf7a",
    Role.COMMENT: "#d59cf0",
}
STANCE_COLORS: dict[str, str] = {
    Stance.ACCEPTED: "#2e9e44",
    Stance.PARTIAL: "#d9a400",
    Stance.REJECTED: "#d0342c",
    Stance.NOTED: "#6b7fa8",
    Stance.NONE: "#8a8a8a",
}
STANCE_LABELS: dict[str, str] = {
    Stance.ACCEPTED: "accepted",
    Stance.PARTIAL: "partly accepted",
    Stance.REJECTED: "rejected",
    Stance.NOTED: "noted without commitment",
    Stance.NONE: "no response",
}


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    """UTC time with millisecond precision and a Z suffix."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class UserError(Exception):
    """An error whose message is meant for the user as it is."""
