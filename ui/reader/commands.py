"""Undo commands for annotation and tag edits, all through the use cases.

Each command does its work once in ``first()`` before it is pushed (so a
``UserError`` can be shown and nothing is pushed), then ``undo``/``redo``
replay it. Replays that fail because the data changed meanwhile (another
window, the command line) report in the status bar and leave the stack.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox

from app import annotations as uc
from app.domain import UserError
from app.library import Library

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("ReaderCommands", text)


class _Command(QUndoCommand):
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
        except UserError as exc:
            self.setObsolete(True)
            if self.on_error:
                self.on_error(str(exc))


def push(window: "MainWindow", command: _Command) -> bool:
    """Run a command's first step; push it on the window's undo stack when it worked."""
    try:
        command.first()
    except UserError as exc:
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Kanttekening"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(str(exc))
        box.open()
        return False
    command.on_error = lambda m: window.statusBar().showMessage(
        tr("Could not undo or redo: {0}").format(m), 8000)
    window.undo_stack.push(command)
    return True


class CreateAnnotation(_Command):
    def __init__(self, lib: Library, doc_id: str, fields: dict[str, Any]) -> None:
        super().__init__(lib, tr("Create annotation"))
        self.doc_id, self.fields = doc_id, fields
        self.ann_id: str | None = None
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.ann_id, _ = uc.create_annotation(self.lib, self.doc_id, **self.fields)

    def do(self) -> None:
        assert self.snapshot is not None
        uc.restore_annotation(self.lib, self.snapshot)

    def undo_(self) -> None:
        self.snapshot, _ = uc.delete_annotation(self.lib, self.ann_id)


class EditAnnotation(_Command):
    def __init__(self, lib: Library, ann_id: str, fields: dict[str, Any]) -> None:
        super().__init__(lib, tr("Edit annotation"))
        self.ann_id, self.new = ann_id, fields
        current = uc.get_annotation(lib, ann_id)
        self.old = {k: current[k] for k in fields}

    def first(self) -> None:
        uc.update_annotation(self.lib, self.ann_id, **self.new)

    def do(self) -> None:
        uc.update_annotation(self.lib, self.ann_id, **self.new)

    def undo_(self) -> None:
        uc.update_annotation(self.lib, self.ann_id, **self.old)


class DeleteAnnotation(_Command):
    def __init__(self, lib: Library, ann_id: str) -> None:
        super().__init__(lib, tr("Delete annotation"))
        self.ann_id = ann_id
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.snapshot, _ = uc.delete_annotation(self.lib, self.ann_id)

    do = first

    def undo_(self) -> None:
        assert self.snapshot is not None
        uc.restore_annotation(self.lib, self.snapshot)


class CreateTag(_Command):
    def __init__(self, lib: Library, name: str, parent_id: str | None = None) -> None:
        super().__init__(lib, tr("Create tag"))
        self.name, self.parent_id = name, parent_id
        self.tag_id: str | None = None
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.tag_id, _ = uc.create_tag(self.lib, self.name, self.parent_id)

    def do(self) -> None:
        assert self.snapshot is not None
        uc.restore_tag(self.lib, self.snapshot)

    def undo_(self) -> None:
        self.snapshot, _ = uc.delete_tag(self.lib, self.tag_id)


class RenameTag(_Command):
    def __init__(self, lib: Library, tag_id: str, name: str) -> None:
        super().__init__(lib, tr("Rename tag"))
        self.tag_id, self.new = tag_id, name
        self.old = uc.resolve_tag(lib, tag_id)["name"]

    def first(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.new)

    do = first

    def undo_(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.old)


class MoveTag(_Command):
    def __init__(self, lib: Library, tag_id: str, parent_id: str | None) -> None:
        super().__init__(lib, tr("Move tag"))
        self.tag_id, self.new = tag_id, parent_id
        self.old = uc.resolve_tag(lib, tag_id)["parent_id"]

    def first(self) -> None:
        uc.move_tag(self.lib, self.tag_id, self.new)

    do = first

    def undo_(self) -> None:
        uc.move_tag(self.lib, self.tag_id, self.old)


class UpdateTag(_Command):
    def __init__(self, lib: Library, tag_id: str, **fields: str) -> None:
        super().__init__(lib, tr("Change tag"))
        self.tag_id, self.new = tag_id, fields
        current = uc.resolve_tag(lib, tag_id)
        self.old = {k: current[k] for k in fields}

    def first(self) -> None:
        uc.update_tag(self.lib, self.tag_id, **self.new)

    do = first

    def undo_(self) -> None:
        uc.update_tag(self.lib, self.tag_id, **self.old)


class MergeTags(_Command):
    def __init__(self, lib: Library, from_id: str, into_id: str) -> None:
        super().__init__(lib, tr("Merge tags"))
        self.from_id, self.into_id = from_id, into_id
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.snapshot, _ = uc.merge_tags(self.lib, self.from_id, self.into_id)

    do = first

    def undo_(self) -> None:
        assert self.snapshot is not None
        uc.unmerge_tags(self.lib, self.snapshot)


class DeleteTag(_Command):
    def __init__(self, lib: Library, tag_id: str) -> None:
        super().__init__(lib, tr("Delete tag"))
        self.tag_id = tag_id
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.snapshot, _ = uc.delete_tag(self.lib, self.tag_id)

    do = first

    def undo_(self) -> None:
        assert self.snapshot is not None
        uc.restore_tag(self.lib, self.snapshot)
