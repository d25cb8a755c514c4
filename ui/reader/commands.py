"""Undo commands for annotation and tag edits, all through the use cases
(the mechanism is in ``ui.undo``)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app import annotations as uc
from app.library import Library
from ui.undo import UseCaseCommand, push, show_error

__all__ = ["UseCaseCommand", "push", "show_error"]  # the feature's modules import them from here


def tr(text: str) -> str:
    # lupdate files module-level tr("...") calls under the empty context.
    return QCoreApplication.translate("", text)


class CreateAnnotation(UseCaseCommand):
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


class EditAnnotation(UseCaseCommand):
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


class DeleteAnnotation(UseCaseCommand):
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


class CreateTag(UseCaseCommand):
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


class RenameTag(UseCaseCommand):
    def __init__(self, lib: Library, tag_id: str, name: str) -> None:
        super().__init__(lib, tr("Rename tag"))
        self.tag_id, self.new = tag_id, name
        self.old = uc.resolve_tag(lib, tag_id)["name"]

    def first(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.new)

    do = first

    def undo_(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.old)


class MoveTag(UseCaseCommand):
    def __init__(self, lib: Library, tag_id: str, parent_id: str | None) -> None:
        super().__init__(lib, tr("Move tag"))
        self.tag_id, self.new = tag_id, parent_id
        self.old = uc.resolve_tag(lib, tag_id)["parent_id"]

    def first(self) -> None:
        uc.move_tag(self.lib, self.tag_id, self.new)

    do = first

    def undo_(self) -> None:
        uc.move_tag(self.lib, self.tag_id, self.old)


class UpdateTag(UseCaseCommand):
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


class MergeTags(UseCaseCommand):
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


class DeleteTag(UseCaseCommand):
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
