"""The core's messages (``app/messages.py``) in the interface language."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.messages import CATALOGUE, CONTEXT, message_of


def text(code: str, params: dict[str, Any] | None = None, fallback: str = "") -> str:
    """``code`` translated, with ``params`` filled in; ``fallback`` (the core's
    English) for a code the catalogue does not know."""
    source = CATALOGUE.get(code)
    if source is None:
        return fallback or code
    translated = QCoreApplication.translate(CONTEXT, source)
    try:
        return translated.format(**(params or {}))
    except (KeyError, IndexError, ValueError):
        return fallback or source


def error_text(error: BaseException) -> str:
    """What to show for a ``UserError``: translated when it carries a code."""
    message = message_of(error)
    if message is None:
        return str(error)
    return text(message.code, message.params, str(error))


def import_failure(code: str, english: str) -> str:
    """Why a file was not imported (``ImportOutcome.code``), in the interface language."""
    return text(f"import.{code}", None, english)


def check_item(what: str) -> str:
    return text(f"check.{what}", None, what)
