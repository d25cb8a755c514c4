"""Messages of the core that reach people, each with a code and parameters.

The core writes English (the command line, logs); the window looks the code up
in its own language (``ui/messages.py``) and fills in the same parameters. The
English texts below are the translation sources: ``make translations`` reads
this file too (``QT_TRANSLATE_NOOP`` marks them; nothing here imports Qt).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain import UserError

CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


CATALOGUE: dict[str, str] = {
    # Import: why a file was not imported (ImportOutcome.code).
    "import.missing": QT_TRANSLATE_NOOP("Messages", "the file is not there (moved or deleted?)"),
    "import.not_pdf": QT_TRANSLATE_NOOP("Messages", "not a PDF file"),
    "import.unreadable": QT_TRANSLATE_NOOP("Messages", "the file cannot be read (no permission?)"),
    "import.empty": QT_TRANSLATE_NOOP("Messages", "the file is empty"),
    "import.truncated": QT_TRANSLATE_NOOP("Messages", "the file ends early; get a complete copy"),
    "import.damaged": QT_TRANSLATE_NOOP("Messages", "the file is damaged beyond repair"),
    "import.encrypted": QT_TRANSLATE_NOOP("Messages", "the file is encrypted: a password is needed"),
    "import.wrong_password": QT_TRANSLATE_NOOP("Messages", "the password is wrong"),
    "import.crash": QT_TRANSLATE_NOOP("Messages", "the PDF reader could not read this file"),
    "import.timeout": QT_TRANSLATE_NOOP("Messages", "reading the file took too long and was stopped"),
    "import.io": QT_TRANSLATE_NOOP("Messages", "the file could not be stored in the library (disk full?)"),
    # Detection and linking.
    "doc.gone": QT_TRANSLATE_NOOP("Messages", "that document is no longer in the library"),
    "detect.no_text": QT_TRANSLATE_NOOP(
        "Messages", "'{title}' has no text layer (a scan?): recommendations cannot be detected"),
    "link.not_placed": QT_TRANSLATE_NOOP("Messages", "could not place the passage on page {page}"),
    "link.self": QT_TRANSLATE_NOOP("Messages", "a recommendation cannot answer itself"),
    # Names of the library check's items (``check_library``: ``what``).
    "check.database": QT_TRANSLATE_NOOP("Messages", "database"),
    "check.files": QT_TRANSLATE_NOOP("Messages", "files"),
    "check.schema": QT_TRANSLATE_NOOP("Messages", "schema"),
    "check.search index": QT_TRANSLATE_NOOP("Messages", "search index"),
    "check.stray files": QT_TRANSLATE_NOOP("Messages", "stray files"),
}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return render(self.code, self.params, "")


def render(code: str, params: dict[str, Any], fallback: str) -> str:
    """The English text of ``code`` with ``params`` filled in (``fallback`` if unknown)."""
    text = CATALOGUE.get(code)
    if text is None:
        return fallback
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return fallback or text


def user_error(code: str, **params: Any) -> UserError:
    """A ``UserError`` in English that also carries its code and parameters."""
    error = UserError(render(code, params, code))
    error.message = Message(code, dict(params))  # type: ignore[attr-defined]
    return error


def message_of(error: BaseException) -> Message | None:
    found = getattr(error, "message", None)
    return found if isinstance(found, Message) else None
