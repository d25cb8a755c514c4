"""The records ``storage/`` returns, and the vocabulary they use.

Role, stance, kind and language names are defined here once; ``app/domain.py``
re-exports them. The enums are ``StrEnum``s: a member compares equal to its
stored text, formats as it and is bound to SQL parameters as it, so the
database and the JSON output keep the plain names.

Records are frozen: a change is a new record (``dataclasses.replace``) that
goes back through a ``storage.records`` function. There is no dict-style
access: a misspelt field is an ``AttributeError`` (and a mypy error), not a
silent ``None``.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    REPORT = "report"
    RESPONSE = "response"
    LETTER = "letter"
    NOTE = "note"
    OTHER = "other"


class Role(StrEnum):
    RECOMMENDATION = "recommendation"
    RESPONSE = "response"
    EVIDENCE = "evidence"
    COMMENT = "comment"


class Stance(StrEnum):
    ACCEPTED = "accepted"
    PARTIAL = "partial"
    REJECTED = "rejected"
    NOTED = "noted"
    NONE = "none"


class Language(StrEnum):
    """A document's language (also the language of an export)."""

    DUTCH = "nl"
    ENGLISH = "en"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
ROLES: tuple[str, ...] = tuple(r.value for r in Role)
STANCES: tuple[str, ...] = tuple(s.value for s in Stance)
LANGUAGES: tuple[str, ...] = tuple(lang.value for lang in Language)

# A rectangle on a page: (page, x0, y0, x1, y1) in PDF points.
Rect = tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    sha256: str
    file_sha256: str
    title: str
    author: str
    kind: Kind
    language: Language
    page_count: int
    file_name: str
    file_size: int
    imported_at: str
    modified: str
    repaired: bool = False
    was_encrypted: bool = False
    outline: str = "[]"  # JSON: [[level, title, page], ...]
    # Filled by ``records.list_documents`` only (None elsewhere).
    pages_with_text: int | None = None
    annotation_count: int | None = None


@dataclass(frozen=True, slots=True)
class Page:
    page_no: int
    text: str = ""
    has_text: bool = True
    width: float = 0.0
    height: float = 0.0
    label: str = ""
    # OCR (issue 13): "" for a page's own text layer (or a scan not tried),
    # "recognised" or "unreadable"; Tesseract's mean word confidence (0-100).
    ocr: str = ""
    ocr_confidence: float | None = None


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A page with what the search index needs of its document."""

    document_id: str
    page_no: int
    text: str
    has_text: bool
    title: str
    kind: Kind
    language: Language


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits: its page, rectangles and quote in context."""

    page_no: int
    rects: tuple[Rect, ...]
    quote: str
    prefix: str = ""
    suffix: str = ""
    score: float = 1.0  # 1.0 for exact matches; below for fuzzy re-anchoring


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    document_id: str
    role: Role
    page_no: int
    rects: tuple[Rect, ...]
    created: str
    modified: str
    label: str = ""
    color: str | None = None
    note: str = ""
    author: str = ""
    is_area: bool = False
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    orphaned: bool = False
    author_id: str = ""  # the reviewer's short id (team review); '' before a team
    tag_ids: tuple[str, ...] = ()
    # Full tag paths ("Parent/Child"), filled by the use cases in app/.
    tags: tuple[str, ...] = ()

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.page_no, self.rects, self.quote, self.prefix, self.suffix)


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    name: str
    created: str
    modified: str
    parent_id: str | None = None
    color: str = "#808080"
    description: str = ""
    # Filled by ``records.list_tags`` only: annotations tagged directly.
    usage: int | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A response passage answering a recommendation, with the judgement.
    ``response_id`` None records "no response found" (stance ``none``)."""

    id: str
    recommendation_id: str
    response_id: str | None
    stance: Stance
    created: str
    modified: str
    assessment: str = ""
    author: str = ""
    author_id: str = ""  # the reviewer's short id: in a team each judges a pair separately


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    entity: str  # "document" or "annotation"
    entity_id: str
    op: str  # "insert", "update" or "delete"


@dataclass(frozen=True, slots=True)
class PendingAnnotation:
    """An item from a bundle whose document is not (yet) in the library."""

    id: str
    document_sha256: str
    document_name: str
    payload: str  # JSON
    received: str
