"""Undo commands for the register: link, change a link, unlink, and the
results of background work (stored detections, linked suggestions).

Each command does its work once in ``first()`` before it is pushed (a
``UserError`` is shown and nothing is pushed); later ``redo``/``undo`` replay
it through the use cases. A replay that fails because the data changed
meanwhile is reported in the status bar and the command becomes obsolete.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain import Link as LinkRecord
from app import annotations as ann_uc
from app.library import Library
from app.recommendations import register as reg
from ui.undo import UseCaseCommand, push, show_error

__all__ = ["UseCaseCommand", "push", "show_error"]  # the feature's modules import them from here


def tr(text: str) -> str:
    # lupdate files module-level tr("...") calls under the empty context.
    return QCoreApplication.translate("", text)


class Link(UseCaseCommand):
    """Link a response passage (or None: "no response") to a recommendation."""

    def __init__(self, lib: Library, response_id: str | None, rec_id: str, stance: str,
                 assessment: str = "") -> None:
        super().__init__(lib, tr("Link response"))
        self.args = (response_id, rec_id, stance, assessment)
        self.link_id = ""
        self.previous: LinkRecord | None = None

    def first(self) -> None:
        result = reg.link(self.lib, *self.args)
        self.link_id, self.previous = result.link_id, result.previous

    def do(self) -> None:
        reg.link(self.lib, *self.args)

    def undo_(self) -> None:
        if self.previous is not None:
            reg.restore_link(self.lib, self.previous)
        else:
            reg.unlink(self.lib, self.link_id)


class UpdateLink(UseCaseCommand):
    def __init__(self, lib: Library, link_id: str, *, stance: str | None = None,
                 assessment: str | None = None) -> None:
        text = tr("Change stance") if stance is not None else tr("Change assessment")
        super().__init__(lib, text)
        self.link_id, self.stance, self.assessment = link_id, stance, assessment
        self.before: LinkRecord | None = None

    def first(self) -> None:
        self.before, _ = reg.update_link(self.lib, self.link_id, stance=self.stance,
                                         assessment=self.assessment)

    def do(self) -> None:
        reg.update_link(self.lib, self.link_id, stance=self.stance, assessment=self.assessment)

    def undo_(self) -> None:
        assert self.before is not None
        reg.restore_link(self.lib, self.before)


class Unlink(UseCaseCommand):
    def __init__(self, lib: Library, link_id: str) -> None:
        super().__init__(lib, tr("Unlink response"))
        self.link_id = link_id
        self.snapshot: LinkRecord | None = None

    def first(self) -> None:
        self.snapshot, _ = reg.unlink(self.lib, self.link_id)

    def do(self) -> None:
        reg.unlink(self.lib, self.link_id)

    def undo_(self) -> None:
        assert self.snapshot is not None
        reg.restore_link(self.lib, self.snapshot)


class Created(UseCaseCommand):
    """Annotations and/or a link already stored by background work: undo
    deletes the annotations (and unlinks, or puts back the link as it was
    before), redo brings them back with the same ids."""

    def __init__(self, lib: Library, text: str, annotation_ids: list[str],
                 link_id: str | None = None, link_previous: LinkRecord | None = None) -> None:
        super().__init__(lib, text)
        self.annotation_ids = list(annotation_ids)
        self.link_id = link_id
        self.link_previous = link_previous
        self.snapshots: list[dict[str, Any]] = []
        self.link_after: LinkRecord | None = None

    def first(self) -> None:
        pass  # the work was done by the background op

    def undo_(self) -> None:
        if self.link_id:
            self.link_after = reg.get_link(self.lib, self.link_id)
            if self.link_previous is not None:
                reg.restore_link(self.lib, self.link_previous)
            else:
                reg.unlink(self.lib, self.link_id)
        self.snapshots = []
        for ann_id in reversed(self.annotation_ids):
            snapshot, _ = ann_uc.delete_annotation(self.lib, ann_id)
            self.snapshots.append(snapshot)

    def do(self) -> None:
        for snapshot in reversed(self.snapshots):
            ann_uc.restore_annotation(self.lib, snapshot)
        if self.link_after is not None:
            reg.restore_link(self.lib, self.link_after)
