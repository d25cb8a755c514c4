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
ROLE_COLORS = {
    "recommendation": "#f5c542",
    "response": "#5ab1ef",
    "evidence": "#7ccf7a",
    "comment": "#d59cf0",
}
STANCE_COLORS = {
    "accepted": "#2e9e44",
    "partial": "#d9a400",
    "rejected": "#d0342c",
    "noted": "#6b7fa8",
    "none": "#8a8a8a",
}
STANCE_LABELS = {
    "accepted": "accepted",
    "partial": "partly accepted",
    "rejected": "rejected",
    "noted": "noted without commitment",
    "none": "no response",
}


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    """UTC time with millisecond precision and a Z suffix."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class UserError(Exception):
    """An error whose message is meant for the user as it is."""
