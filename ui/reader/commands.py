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


def drop_unused_tags(lib: Library, tag_ids: list[str]) -> list[dict]:
    """Undo of an edit that created tags: delete those that nothing uses any
    more (sub-tags first). Returns their snapshots for ``restore_tags``."""
    snapshots = []
    tags = {t.id: t for t in uc.list_tags(lib, flat=True)}
    # Deepest first, so a new "Parent/Child" goes before its new parent.
    def depth(tid: str) -> int:
        d, cur = 0, tags.get(tid)
        while cur is not None and cur.parent_id:
            d, cur = d + 1, tags.get(cur.parent_id)
        return d

    for tag_id in sorted((t for t in tag_ids if t in tags), key=depth, reverse=True):
        usage = uc.tag_usage(lib, tag_id)
        if usage["total"] == 0 and usage["descendants"] == 0:
            snapshot, _ = uc.delete_tag(lib, tag_id)
            snapshots.append(snapshot)
    return snapshots


def restore_tags(lib: Library, snapshots: list[dict]) -> None:
    for snapshot in reversed(snapshots):  # parents before their children
        uc.restore_tag(lib, snapshot)


class CreateAnnotation(UseCaseCommand):
    def __init__(self, lib: Library, doc_id: str, fields: dict[str, Any]) -> None:
        super().__init__(lib, tr("Create annotation"))
        self.doc_id, self.fields = doc_id, fields
        self.ann_id: str | None = None
        self.snapshot: dict | None = None

    def first(self) -> None:
        self.ann_id, changes = uc.create_annotation(self.lib, self.doc_id, **self.fields)
        self.created_tags = sorted(changes.tags)
        self.tag_snapshots: list[dict] = []

    def do(self) -> None:
        assert self.snapshot is not None
        restore_tags(self.lib, self.tag_snapshots)
        uc.restore_annotation(self.lib, self.snapshot)

    def undo_(self) -> None:
        self.snapshot, _ = uc.delete_annotation(self.lib, self.ann_id)
        self.tag_snapshots = drop_unused_tags(self.lib, self.created_tags)


class EditAnnotation(UseCaseCommand):
    def __init__(self, lib: Library, ann_id: str, fields: dict[str, Any]) -> None:
        super().__init__(lib, tr("Edit annotation"))
        self.ann_id, self.new = ann_id, fields
        current = uc.get_annotation(lib, ann_id)
        self.old = {k: getattr(current, k) for k in fields}

    def first(self) -> None:
        self.created_tags = sorted(uc.update_annotation(self.lib, self.ann_id, **self.new).tags)

    do = first  # tags named in the edit are created again if undo dropped them

    def undo_(self) -> None:
        uc.update_annotation(self.lib, self.ann_id, **self.old)
        drop_unused_tags(self.lib, self.created_tags)


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
        self.old = uc.resolve_tag(lib, tag_id).name

    def first(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.new)

    do = first

    def undo_(self) -> None:
        uc.rename_tag(self.lib, self.tag_id, self.old)


class MoveTag(UseCaseCommand):
    def __init__(self, lib: Library, tag_id: str, parent_id: str | None) -> None:
        super().__init__(lib, tr("Move tag"))
        self.tag_id, self.new = tag_id, parent_id
        self.old = uc.resolve_tag(lib, tag_id).parent_id

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
        self.old = {k: getattr(current, k) for k in fields}

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
