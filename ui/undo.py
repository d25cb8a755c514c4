"""Undo commands over use cases, shared by every feature.

Each command does its work once in ``first()`` before it is pushed (so a
failure can be shown, as one sentence, and nothing is pushed); later ``redo``/``undo``
replay it through the use cases. A replay that fails because the data
changed meanwhile (another window, the command line) is reported in the
status bar and the command becomes obsolete.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from app.library import Library
from ui.failures import sentence

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def tr(text: str) -> str:
    # lupdate files module-level tr("...") calls under the empty context.
    return QCoreApplication.translate("", text)


class UseCaseCommand(QUndoCommand):
    def __init__(self, lib: Library, text: str) -> None:
        super().__init__(text)
        self.lib = lib
        self._done = False
        self.on_error: Callable[[str], None] | None = None

    def first(self) -> None:
        raise NotImplementedError

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._done:
            self._done = True  # first() already ran before the push
            return
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - a sentence in the status bar, details logged
            self.setObsolete(True)
            if self.on_error:
                self.on_error(sentence(exc, self.lib.root))


def show_error(window: "MainWindow", message: str) -> None:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Kanttekening"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.open()


def push(window: "MainWindow", command: UseCaseCommand) -> bool:
    """Run a command's first step; push it on the window's undo stack when it worked."""
    try:
        command.first()
    except Exception as exc:  # noqa: BLE001 - a UserError in its words, the rest as one sentence
        show_error(window, sentence(exc, window.lib.root))
        return False
    command.on_error = lambda m: window.statusBar().showMessage(
        tr("Could not undo or redo: {0}").format(m), 8000)
    window.undo_stack.push(command)
    return True
