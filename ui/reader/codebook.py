"""The codebook manager: the tag tree with colours and descriptions.

New, rename, move, merge, delete (it says how many annotations use the tag
first), colour and description; each change is an undo command.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
)

from app.tags import TagNode
from app import annotations as uc
from app.changes import Changes
from ui.reader.commands import (
    CreateTag,
    DeleteTag,
    MergeTags,
    MoveTag,
    RenameTag,
    UpdateTag,
    push,
)
from ui.reader.models import ID_ROLE, ROW_ROLE, TagTreeModel
from ui.widgets import SafeLabel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class CodebookDialog(QDialog):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.lib = window.lib
        self.setWindowTitle(self.tr("Codebook"))
        self.resize(620, 520)
        self.model = TagTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("Description of the selected tag (plain text)"))
        self.description.setMaximumHeight(90)
        self.info = SafeLabel()
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("new", self.tr("New…"), self.new_tag),
            ("child", self.tr("New sub-tag…"), lambda: self.new_tag(child=True)),
            ("rename", self.tr("Rename…"), self.rename),
            ("move", self.tr("Move…"), self.move),
            ("merge", self.tr("Merge into…"), self.merge),
            ("color", self.tr("Colour…"), self.pick_color),
            ("delete", self.tr("Delete"), self.delete),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[name] = b
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.description)
        layout.addWidget(self.info)
        layout.addWidget(close)
        self.description.installEventFilter(self)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._selected())
        window.sig_changes.connect(self._on_changes)
        self.reload()

    # --- data ------------------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        keep = keep or self.current_id()
        self.model.set_tree(uc.list_tags(self.lib))
        self.tree.expandAll()
        for col in range(self.model.COLUMNS):
            self.tree.resizeColumnToContents(col)
        if keep:
            idx = self.model.index_of(keep)
            if idx.isValid():
                self.tree.setCurrentIndex(idx)
        self._selected()

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags or changes.annotations:
            self.reload()

    def current_id(self) -> str | None:
        idx = self.tree.currentIndex() if self.tree.selectionModel() else None
        return idx.data(ID_ROLE) if idx is not None and idx.isValid() else None

    def current(self) -> TagNode | None:
        idx = self.tree.currentIndex()
        return idx.data(ROW_ROLE) if idx.isValid() else None

    def _selected(self) -> None:
        tag = self.current()
        for name in ("child", "rename", "move", "merge", "color", "delete"):
            self.buttons[name].setEnabled(tag is not None)
        self.description.setEnabled(tag is not None)
        self.description.blockSignals(True)
        self.description.setPlainText(tag.description if tag else "")
        self.description.blockSignals(False)
        if tag:
            self.info.setText(self.tr("{0}: used by {1} annotation(s), {2} with its sub-tags")
                              .format(tag.path, tag.usage, tag.total))
        else:
            self.info.setText(self.tr("{0} tags").format(len(uc.list_tags(self.lib, flat=True))))

    # --- actions ------------------------------------------------------------------------
    def _paths(self, exclude: str | None = None) -> list[tuple[str, str]]:
        skip = set()
        if exclude:
            tags = uc.list_tags(self.lib, flat=True)
            root = next(t.path for t in tags if t.id == exclude)
            skip = {t.id for t in tags if t.path == root or t.path.startswith(root + "/")}
        return [(t.path, t.id) for t in uc.list_tags(self.lib, flat=True) if t.id not in skip]

    def new_tag(self, child: bool = False) -> None:
        parent = self.current_id() if child else None
        name, ok = QInputDialog.getText(self, self.tr("New tag"),
                                        self.tr("Name (use / for a sub-tag, e.g. Theme/Press):"))
        if ok and name.strip():
            command = CreateTag(self.lib, name.strip(), parent)
            if push(self.window_, command):
                self.reload(command.tag_id)

    def rename(self) -> None:
        tag = self.current()
        if tag is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename tag"), self.tr("New name:"), text=tag.name)
        if ok and name.strip() and name.strip() != tag.name:
            push(self.window_, RenameTag(self.lib, tag.id, name.strip()))

    def move(self) -> None:
        tag = self.current()
        if tag is None:
            return
        choices = [(self.tr("(top level)"), None), *self._paths(exclude=tag.id)]
        label, ok = QInputDialog.getItem(self, self.tr("Move tag"),
                                         self.tr("Put “{0}” under:").format(tag.path),
                                         [c[0] for c in choices], 0, False)
        if ok:
            parent = dict(choices)[label]
            if parent != tag.parent_id:
                push(self.window_, MoveTag(self.lib, tag.id, parent))

    def merge(self) -> None:
        tag = self.current()
        if tag is None:
            return
        choices = self._paths(exclude=tag.id)
        if not choices:
            return
        label, ok = QInputDialog.getItem(
            self, self.tr("Merge tags"),
            self.tr("Merge “{0}” into (its {1} annotation(s) get that tag instead):").format(
                tag.path, tag.usage),
            [c[0] for c in choices], 0, False)
        if ok:
            push(self.window_, MergeTags(self.lib, tag.id, dict(choices)[label]))
            self.reload(dict(choices)[label])

    def pick_color(self) -> None:
        tag = self.current()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, self.tr("Tag colour"))
        if color.isValid() and color.name() != tag.color:
            push(self.window_, UpdateTag(self.lib, tag.id, color=color.name()))

    def delete(self) -> None:
        tag = self.current()
        if tag is None:
            return
        usage = uc.tag_usage(self.lib, tag.id)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete tag"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("Delete “{0}”? {1} annotation(s) use it or one of its {2} sub-tag(s); "
                            "they keep everything else. You can undo this.")
                    .format(tag.path, usage["total"], usage["descendants"]))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if box.exec() == QMessageBox.StandardButton.Yes:
            push(self.window_, DeleteTag(self.lib, tag.id))

    def _store_description(self) -> None:
        tag = self.current()
        text = self.description.toPlainText()
        if tag is not None and text != tag.description:
            push(self.window_, UpdateTag(self.lib, tag.id, description=text))

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001, N802
        from PySide6.QtCore import QEvent

        if obj is self.description and event.type() == QEvent.Type.FocusOut:
            self._store_description()
        return super().eventFilter(obj, event)

    def done(self, result: int) -> None:
        self._store_description()
        try:
            self.window_.sig_changes.disconnect(self._on_changes)
        except (RuntimeError, TypeError):
            pass
        super().done(result)
