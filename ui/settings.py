"""Every user preference declared once, with its type and default (Picard style).

Window geometry and state are kept apart from preferences (``window/...``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from app.domain import ROLE_COLORS


@dataclass(frozen=True)
class Option:
    key: str
    type: type
    default: Any


SETTINGS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("language", str, ""),  # "" = the system language
        Option("library", str, ""),  # "" = the default library folder
        Option("offer_samples", bool, True),
        Option("export/folder", str, ""),  # "" = the home folder; else the last export folder
        *(Option(f"colors/{role}", str, color) for role, color in ROLE_COLORS.items()),
    )
}


def qsettings() -> QSettings:
    return QSettings("Kanttekening", "Kanttekening")


def get(key: str) -> Any:
    opt = SETTINGS[key]
    value = qsettings().value(key, opt.default)
    if opt.type is bool and isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    try:
        return opt.type(value)
    except (TypeError, ValueError):
        return opt.default


def set(key: str, value: Any) -> None:  # noqa: A001 - mirrors get()
    if key not in SETTINGS:
        raise KeyError(key)
    qsettings().setValue(key, value)


def role_color(role: str) -> str:
    return get(f"colors/{role}")
