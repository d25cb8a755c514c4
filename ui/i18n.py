"""Choosing the interface language: the setting, else the system language."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.domain import Language
from resources import translations_dir
from ui import settings

# The interface speaks the document languages (Qt's own texts come from its
# translations). Names in their own language, for the language menu.
LANGUAGES: dict[str, str] = {Language.ENGLISH.value: "English", Language.DUTCH.value: "Nederlands"}

_installed: list[QTranslator] = []


def current_language() -> str:
    chosen = settings.get("language")
    if chosen in LANGUAGES:
        return chosen
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Load our and Qt's own translations for ``language``; returns it."""
    language = language or current_language()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    # English has a catalogue too: only its plural forms ("%n item(s)" -> "1 item").
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"kanttekening_{language}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(language))
    return language
