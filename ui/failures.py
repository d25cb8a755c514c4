"""Failures in the window: one translated sentence, never a traceback.

``sentence(exc)`` words what ``app.errors.explain`` found (the unexpected
is logged there, and the sentence names the log file). ``install_hooks``
makes it the last word for exceptions that escape a Qt slot or a thread.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import explain
from app.domain import Document
from app.messages import message_of
from ui import messages


def tr(text: str) -> str:
    # lupdate files module-level tr("...") calls under the empty context.
    return QCoreApplication.translate("", text)


def sentence(exc: BaseException, library: Path | None = None) -> str:
    said = explain(exc, library=library)
    if said.kind == "disk_full":
        return tr("The disk is full. Nothing that was already saved is lost: free some space and try again.")
    if said.kind == "busy":
        return tr("The library is busy with a change made elsewhere. Try again in a moment.")
    if said.kind == "read_only":
        return tr("The library cannot be changed: its folder or database is read-only.")
    if said.kind == "damaged" and said.log is not None:
        return tr(
            "The library database is damaged. Nothing more is written into it. Close Kanttekening: "
            "at the next start it offers to bring back the newest backup. Details are in {0}"
        ).format(str(said.log))
    if said.kind == "unexpected":
        return tr(
            "Something unexpected went wrong. Everything saved before is kept. Details are in {0}"
        ).format(str(said.log))
    coded = message_of(exc)  # a UserError with a code: in the interface language
    if coded is not None:
        return messages.text(coded.code, coded.params, said.message)
    return said.message  # a UserError: its own words


def missing_pdf(doc: Document, path: Path) -> str:
    return tr(
        "The PDF of “{0}” ({1}) is missing from the library: {2} is not there. To bring it back, "
        "import the same PDF again (File → Import PDFs…). Your annotations on it are kept."
    ).format(doc.title, doc.file_name, str(path))


def show(parent: QWidget | None, text: str, title: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or tr("Kanttekening"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.open()
    return box


class _Relay(QObject):
    """Carries a failure from any thread to the GUI thread."""

    sig_failure = Signal(str)


class Hooks:
    """``sys.excepthook`` and ``threading.excepthook`` while the window runs."""

    def __init__(self, library: Path | None) -> None:
        self.library = library
        self.shown: list[str] = []
        self._relay = _Relay()
        self._relay.sig_failure.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._old_sys = sys.excepthook
        self._old_threading = threading.excepthook

    def install(self) -> "Hooks":
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._old_sys
        threading.excepthook = self._old_threading

    def _sys_hook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QTimer.singleShot(0, QApplication.quit)
            return
        exc.__traceback__ = tb
        self._relay.sig_failure.emit(sentence(exc, self.library))

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            args.exc_value.__traceback__ = args.exc_traceback
            self._relay.sig_failure.emit(sentence(args.exc_value, self.library))

    def _show(self, text: str) -> None:
        self.shown.append(text)
        parent = QApplication.activeWindow()
        show(parent, text)
