"""The Dutch translation: complete, compiled, and actually shown.

A developer who adds an interface string without translating it makes
``test_every_string_is_translated`` fail; ``make translations`` then lists the
new string in ``resources/translations/kanttekening_nl.ts`` as unfinished.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "kanttekening_nl.ts"
QM = ROOT / "resources" / "translations" / "kanttekening_nl.qm"


def qt_tool(name: str) -> str:
    """The lupdate/lrelease that come with PySide6 (what pyside6-lupdate runs)."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (name + (".exe" if sys.platform == "win32" else ""))
    assert exe.exists(), f"{exe} is missing: PySide6 is installed without its Qt tools"
    return str(exe)


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) for every message of a .ts file."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.append((name, msg.findtext("source") or "", msg.find("translation")))
    return out


def forms(tr: ET.Element) -> list[str]:
    """The translated text, or each plural form of a ``%n`` message."""
    plural = tr.findall("numerusform")
    return [f.text or "" for f in plural] if plural else [tr.text or ""]


def test_every_string_is_translated(tmp_path):
    copy = tmp_path / "kanttekening_nl.ts"
    shutil.copyfile(TS, copy)
    # The same command as `make translations`, into a copy.
    run = subprocess.run(
        [qt_tool("lupdate"), "-extensions", "py", "-no-obsolete", "-locations", "none", "ui", "app/messages.py",
         "-ts", str(copy)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    found = messages(copy)
    assert len(found) > 300, run.stdout  # the scan really found the interface
    untranslated = [
        f"{ctx or '(no context)'}: {src!r}"
        for ctx, src, tr in found
        if tr.get("type") == "unfinished" or not all(f.strip() for f in forms(tr))
    ]
    assert not untranslated, (
        "Untranslated interface strings; run `make translations` and translate them in "
        "resources/translations/kanttekening_nl.ts:\n" + "\n".join(untranslated)
    )


def test_translations_keep_placeholders_and_accelerators():
    def placeholders(text: str) -> list[str]:
        return sorted(re.findall(r"\{\d+\}|%[0-9a-zA-Z]", text))

    def has_accelerator(text: str) -> bool:
        return "&" in text.replace("&&", "")

    problems = []
    for ctx, src, tr in messages(TS):
        for dst in forms(tr):
            if placeholders(src) != placeholders(dst):
                problems.append(f"{ctx}: {src!r} -> {dst!r} (placeholders)")
            if has_accelerator(src) != has_accelerator(dst):
                problems.append(f"{ctx}: {src!r} -> {dst!r} (accelerator)")
            if src.endswith("…") != dst.endswith("…"):
                problems.append(f"{ctx}: {src!r} -> {dst!r} (ellipsis)")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_is_up_to_date(tmp_path):
    qm = tmp_path / "kanttekening_nl.qm"
    run = subprocess.run(
        [qt_tool("lrelease"), str(TS), "-qm", str(qm)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert qm.read_bytes() == QM.read_bytes(), (
        "resources/translations/kanttekening_nl.qm is older than the .ts; run `make translations`"
    )


def _accelerator(text: str) -> str | None:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _duplicate_accelerators(titles: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    dupes = []
    for t in titles:
        key = _accelerator(t)
        if key is None:
            continue
        if key in seen:
            dupes.append(f"{seen[key]!r} and {t!r}")
        seen[key] = t
    return dupes


@pytest.fixture
def dutch(make_window):
    """Dutch for the test, English again afterwards (for the other tests).

    After ``make_window``, whose set-up installs the system language.
    """
    from PySide6.QtWidgets import QApplication

    from ui.application import create_application
    from ui.i18n import install_translators

    app = create_application()
    assert install_translators(app, "nl") == "nl"
    yield app
    install_translators(QApplication.instance(), "en")


def test_window_in_dutch(dutch, make_window, library):
    from PySide6.QtCore import QCoreApplication

    window = make_window(library)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    titles = [m.title() for m in menus]
    assert titles[0] == "&Bestand"
    assert window.menu_edit.title() == "Be&werken"
    assert window.menu_view.title() == "Beel&d"
    assert window.menu_tools.title() == "E&xtra"
    assert window.action_settings.text() == "I&nstellingen…"
    assert window.tabs.tabText(0) == "Bibliotheek"
    # Alt+letter must reach one menu and one item in each menu.
    assert not _duplicate_accelerators(titles), titles
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert not _duplicate_accelerators(texts), (menu.title(), texts)
    # A text nobody translated stays as it is (not empty).
    assert QCoreApplication.translate("MainWindow", "Not in the catalogue") == "Not in the catalogue"
    # Qt's own texts come in Dutch too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"


def test_window_in_english(dutch, make_window, library):
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install_translators

    install_translators(QApplication.instance(), "en")
    window = make_window(library)
    assert window.menu_file.title() == "&File"
    assert window.menu_edit.title() == "&Edit"
    assert window.tabs.tabText(0) == "Library"


EN_TS = ROOT / "resources" / "translations" / "kanttekening_en.ts"


def test_plural_forms_in_both_languages(qapp):
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import install_translators

    def stored(n: int) -> str:
        return QCoreApplication.translate("DetectionDialog", "%n recommendation(s) stored", "", n)

    try:
        install_translators(qapp, "en")
        assert (stored(1), stored(30)) == ("1 recommendation stored", "30 recommendations stored")
        install_translators(qapp, "nl")
        assert (stored(1), stored(30)) == ("1 aanbeveling vastgelegd", "30 aanbevelingen vastgelegd")
    finally:
        install_translators(qapp, "en")
    # Every %n message has its English forms (`make translations` lists new ones).
    numerus = [(c, s, t) for c, s, t in messages(TS) if "%n" in s]
    english = {(c, s): forms(t) for c, s, t in messages(EN_TS)}
    assert numerus and all(len(forms(t)) == 2 for _c, _s, t in numerus)
    missing = [f"{c}: {s}" for c, s, _t in numerus if len([f for f in english.get((c, s), []) if f.strip()]) != 2]
    assert not missing, "English plural forms missing in kanttekening_en.ts:\n" + "\n".join(missing)
