"""Bundled resources: sample PDFs, translations, icons."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def samples_dir() -> Path:
    return HERE / "samples"


def translations_dir() -> Path:
    return HERE / "translations"


def icons_dir() -> Path:
    return HERE / "icons"
