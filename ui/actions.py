"""Every keyed action of the window, declared once: its name, text and keys.

Features create their ``QAction`` objects from this table
(``window.actions.create(name, slot)``), the Help menu's list of keys is
generated from it, and a test presses every key listed here in a real window.
Keys that are not actions (they work inside one widget) are declared here too,
in ``WIDGET_KEYS``, so that the list in Help is complete.

Key strings are in ``QKeySequence`` portable form. The first key of an action
is the one shown in menus. Never give an action a ``StandardKey`` as well as
the same key spelled out: Qt then sees two shortcuts for one key and fires
neither ("Ambiguous shortcut overload").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

CONTEXT = "Actions"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    """English source text; translated in the "Actions" context."""
    keys: tuple[str, ...] = ()
    group: str = ""
    """Heading in the list of keys (also an English source text)."""
    window_wide: bool = True
    """False: the key works only while the widget that owns it has the focus."""


_G_FILE = QT_TRANSLATE_NOOP("Actions", "Library and files")
_G_EDIT = QT_TRANSLATE_NOOP("Actions", "Editing")
_G_READ = QT_TRANSLATE_NOOP("Actions", "Reading and annotating")
_G_SEARCH = QT_TRANSLATE_NOOP("Actions", "Searching")
_G_REC = QT_TRANSLATE_NOOP("Actions", "Recommendations")
_G_HELP = QT_TRANSLATE_NOOP("Actions", "Help")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("import", QT_TRANSLATE_NOOP("Actions", "&Import PDFs…"), ("Ctrl+O",), _G_FILE),
    ActionSpec("open_library", QT_TRANSLATE_NOOP("Actions", "Open &another library…"), (), _G_FILE),
    ActionSpec("samples", QT_TRANSLATE_NOOP("Actions", "Load the sa&mple documents"), (), _G_FILE),
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "Se&ttings…"), ("Ctrl+,",), _G_FILE),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",), _G_FILE),
    ActionSpec("library", QT_TRANSLATE_NOOP("Actions", "Show the &library"), ("Ctrl+L",), _G_FILE),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), ("Ctrl+Z",), _G_EDIT),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), _G_EDIT),
    ActionSpec("copy", QT_TRANSLATE_NOOP("Actions", "&Copy"), ("Ctrl+C",), _G_EDIT),
    ActionSpec("copy_cite", QT_TRANSLATE_NOOP("Actions", "Copy with c&itation"), ("Ctrl+Shift+C",), _G_EDIT),
    ActionSpec("annotate_recommendation", QT_TRANSLATE_NOOP("Actions", "Mark as &recommendation"), ("1",),
               _G_READ),
    ActionSpec("annotate_response", QT_TRANSLATE_NOOP("Actions", "Mark as r&esponse"), ("2",), _G_READ),
    ActionSpec("annotate_evidence", QT_TRANSLATE_NOOP("Actions", "Mark as e&vidence"), ("3",), _G_READ),
    ActionSpec("annotate_comment", QT_TRANSLATE_NOOP("Actions", "Mark as c&omment"), ("4",), _G_READ),
    ActionSpec("delete", QT_TRANSLATE_NOOP("Actions", "&Delete annotation"), ("Delete",), _G_READ,
               window_wide=False),
    ActionSpec("codebook", QT_TRANSLATE_NOOP("Actions", "&Codebook…"), ("Ctrl+Shift+T",), _G_READ),
    ActionSpec("zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom &in"), ("Ctrl++", "Ctrl+="), _G_READ),
    ActionSpec("zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &out"), ("Ctrl+-",), _G_READ),
    ActionSpec("zoom_100", QT_TRANSLATE_NOOP("Actions", "&Actual size"), ("Ctrl+0",), _G_READ),
    ActionSpec("fit_width", QT_TRANSLATE_NOOP("Actions", "Fit &width"), ("Ctrl+8",), _G_READ),
    ActionSpec("fit_page", QT_TRANSLATE_NOOP("Actions", "Fit &page"), ("Ctrl+9",), _G_READ),
    ActionSpec("goto", QT_TRANSLATE_NOOP("Actions", "&Go to page…"), ("Ctrl+G",), _G_READ),
    ActionSpec("search", QT_TRANSLATE_NOOP("Actions", "&Search…"), ("Ctrl+K",), _G_SEARCH),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "&Find in document…"), ("Ctrl+F",), _G_SEARCH),
    ActionSpec("next", QT_TRANSLATE_NOOP("Actions", "Next &match"), ("F3",), _G_SEARCH),
    ActionSpec("previous", QT_TRANSLATE_NOOP("Actions", "&Previous match"), ("Shift+F3",), _G_SEARCH),
    ActionSpec("debate", QT_TRANSLATE_NOOP("Actions", "&Debate mode"), ("F11",), _G_SEARCH),
    ActionSpec("register", QT_TRANSLATE_NOOP("Actions", "&Register of recommendations"), ("Ctrl+Shift+R",),
               _G_REC),
    ActionSpec("detect", QT_TRANSLATE_NOOP("Actions", "&Detect recommendations…"), ("Ctrl+Shift+D",), _G_REC),
    ActionSpec("suggest", QT_TRANSLATE_NOOP("Actions", "&Suggest responses"), (), _G_REC),
    ActionSpec("side", QT_TRANSLATE_NOOP("Actions", "Side &by side"), ("Ctrl+Shift+B",), _G_REC),
    ActionSpec("linked", QT_TRANSLATE_NOOP("Actions", "&Linked passages…"), ("Ctrl+Shift+K",), _G_REC),
    ActionSpec("link", QT_TRANSLATE_NOOP("Actions", "Link to a re&commendation…"), ("Ctrl+Shift+J",), _G_REC),
    ActionSpec("keys", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"), ("F1",), _G_HELP),
)

WIDGET_KEYS: tuple[tuple[str, str, str], ...] = (
    (QT_TRANSLATE_NOOP("Actions", "Shift+drag"), QT_TRANSLATE_NOOP("Actions", "Mark an area (a table, a figure) instead of text"), _G_READ),
    (QT_TRANSLATE_NOOP("Actions", "Ctrl+wheel"), QT_TRANSLATE_NOOP("Actions", "Zoom the page"), _G_READ),
    ("Home / End / PgUp / PgDown", QT_TRANSLATE_NOOP("Actions", "Move through the document"), _G_READ),
    ("Esc", QT_TRANSLATE_NOOP("Actions", "Clear the selection on the page"), _G_READ),
    (QT_TRANSLATE_NOOP("Actions", "Down / Up, Enter"), QT_TRANSLATE_NOOP("Actions", "Choose a search result and open its page"), _G_SEARCH),
    ("Enter", QT_TRANSLATE_NOOP("Actions", "In debate mode: copy the passage with its source"), _G_SEARCH),
    ("Esc", QT_TRANSLATE_NOOP("Actions", "Leave debate mode"), _G_SEARCH),
    ("Alt+Down / Alt+Up", QT_TRANSLATE_NOOP("Actions", "Side by side: next / previous recommendation"), _G_REC),
    ("Alt+Right / Alt+Left", QT_TRANSLATE_NOOP("Actions", "Side by side: next / previous response"), _G_REC),
)

SPECS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTIONS}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def native_keys(spec: ActionSpec) -> str:
    """The keys as the user's platform writes them, e.g. "Ctrl+Shift+Z, Ctrl+Y"."""
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in spec.keys)


class ActionRegistry(QObject):
    """The window's actions by name, made from ``ACTIONS``."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}

    def create(self, name: str, slot: Callable[..., Any] | None = None) -> QAction:
        return self.adopt(name, QAction(tr(SPECS[name].text), self.window), slot)

    def adopt(self, name: str, action: QAction, slot: Callable[..., Any] | None = None) -> QAction:
        """Give an action made elsewhere (the undo stack's) its keys from the table."""
        spec = SPECS[name]
        action.setObjectName(f"action_{name}")
        action.setShortcuts([QKeySequence(k) for k in spec.keys])
        action.setShortcutContext(
            Qt.ShortcutContext.WindowShortcut if spec.window_wide else Qt.ShortcutContext.WidgetShortcut)
        if spec.keys:
            text = tr(spec.text).replace("&", "").rstrip("…")
            action.setToolTip(f"{text} ({native_keys(spec)})")
        if slot is not None:
            action.triggered.connect(slot)
        self.window.addAction(action)
        self.actions[name] = action
        return action

    def get(self, name: str) -> QAction | None:
        return self.actions.get(name)

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(group, keys, what) for every key of the window, in table order."""
        rows = [
            (tr(s.group), native_keys(s), tr(s.text).replace("&", "").rstrip("…"))
            for s in ACTIONS if s.keys and s.name in self.actions
        ]
        rows += [(tr(group), tr(keys), tr(text)) for keys, text, group in WIDGET_KEYS]
        order = list(dict.fromkeys(tr(s.group) for s in ACTIONS))
        return sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else len(order))
