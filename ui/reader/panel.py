"""The annotation panel: a document's annotations, filters, and an editor.

Every edit is stored at once (label and tags when the field is left or Enter
is pressed, the note after a pause in typing or when it loses focus, role and
colour when chosen), each as one undo command through the use cases.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import Annotation
from app import annotations as uc
from app.domain import ROLES
from app.export.i18n import catalogue, remark_lines
from ui import settings
from ui.i18n import current_language
from ui.actions import SPECS
from ui.reader.commands import DeleteAnnotation, EditAnnotation, push
from ui.reader.models import ID_ROLE, ROW_ROLE, AnnotationFilter, AnnotationListModel
from ui.settings_dialog import role_label
from ui.widgets import SafeLabel, compact_combo

if TYPE_CHECKING:
    from ui.main_window import MainWindow


_UNDO_KEYS = [QKeySequence(k)[0] for name in ("undo", "redo") for k in SPECS[name].keys]


class TagCompleter(QCompleter):
    """Completes the last of several comma-separated tag names."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:  # noqa: N802
        text = self.widget().text() if self.widget() else ""
        head = [p.strip() for p in text.split(",")[:-1] if p.strip()]
        return ", ".join([*head, index.data()])


def parse_tags(text: str) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))


class AnnotationPanel(QWidget):
    sig_annotation_selected = Signal(str)
    """The user selected an annotation in the list (its id; "" for none)."""

    def __init__(self, window: "MainWindow", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.lib = window.lib
        self.current: Annotation | None = None
        self._syncing = False

        self.role_filter = QComboBox()
        self.role_filter.addItem(self.tr("All roles"), "")
        for r in ROLES:
            self.role_filter.addItem(role_label(r), r)
        self.tag_filter = compact_combo(QComboBox(), 10)
        compact_combo(self.role_filter, 10)
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("Filter by text"))
        self.text_filter.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(self.role_filter)
        filters.addWidget(self.tag_filter)

        self.model = AnnotationListModel(self)
        self.proxy = AnnotationFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        # A click on the current item must also show it on the page again.
        self.list.clicked.connect(lambda idx: self.sig_annotation_selected.emit(idx.data(ID_ROLE)))
        self.count = SafeLabel()
        self.hint = SafeLabel(self.tr(
            "Select text on the page, then press 1 recommendation, 2 response, 3 evidence or "
            "4 comment. Shift+drag marks an area."))
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # greyed: a hint, not a control

        box = QGroupBox(self.tr("Selected annotation"))
        form = QFormLayout(box)
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(role_label(r), r)
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. 1a"))
        self.color = QPushButton()
        self.color.setToolTip(self.tr("The colour of this annotation (right-click: use the role's colour)"))
        self.color.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tag_names = QStringListModel(self)
        completer = TagCompleter(self.tag_names, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tags.setCompleter(completer)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("Note (plain text)"))
        self.note.setTabChangesFocus(True)
        self.quote = SafeLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete = QPushButton(self.tr("Delete"))
        self.delete.setToolTip(self.tr("Delete this annotation (Delete key in the list; undo with Ctrl+Z)"))
        role_row = QHBoxLayout()
        role_row.addWidget(self.role, 1)
        role_row.addWidget(self.color)
        form.addRow(self.tr("Role:"), role_row)
        form.addRow(self.tr("Label:"), self.label)
        form.addRow(self.tr("Tags:"), self.tags)
        form.addRow(self.tr("Note:"), self.note)
        # What detection noticed (a second printing, the group title): the
        # program's words, kept apart from the reviewer's note and read-only.
        self.remarks = SafeLabel()
        self.remarks.setWordWrap(True)
        self.remarks.setEnabled(False)
        self.remarks.hide()
        form.addRow(self.remarks)
        form.addRow(self.quote)
        form.addRow(self.delete)
        self.editor = box

        # The list and the editor share the height through a splitter; the
        # editor scrolls, so a long passage never squeezes the list.
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.note.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)  # the passage shows below it
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setWidget(box)
        editor_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        self.editor_scroll = editor_scroll
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.text_filter)
        top_layout.addWidget(self.list, 1)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.hint)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(top)
        self.split.addWidget(editor_scroll)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.split)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(800)
        self._note_timer.timeout.connect(self._commit_note)
        self.role_filter.currentIndexChanged.connect(self._filter)
        self.tag_filter.currentIndexChanged.connect(self._filter)
        self.text_filter.textChanged.connect(self._filter)
        self.role.activated.connect(lambda _: self._commit("role", self.role.currentData()))
        self.label.editingFinished.connect(self._commit_label)
        self.tags.editingFinished.connect(self._commit_tags)
        self.note.textChanged.connect(self._note_edited)
        self.note.installEventFilter(self)
        self.color.clicked.connect(self._pick_color)
        self.color.customContextMenuRequested.connect(lambda _: self._commit("color", None))
        self.delete.clicked.connect(self.delete_current)
        self.list.installEventFilter(self)
        for field in (self.label, self.tags, self.note):
            field.installEventFilter(self)
        self.refresh_tags()
        self._show(None)

    # --- data ------------------------------------------------------------------------------
    def set_rows(self, rows: list[Annotation]) -> None:
        self.model.set_rows(rows)
        self.hint.setVisible(not rows)
        self.count.setText(self.tr("{0} of {1} annotations").format(self.proxy.rowCount(), len(rows)))
        if self.current is not None:
            row = self.model.row_of(self.current.id)
            self._show(self.model.rows[row] if row >= 0 else None)

    def refresh_tags(self) -> None:
        paths = [t.path for t in uc.list_tags(self.lib, flat=True)]
        self.tag_names.setStringList(paths)
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), "")
        for p in paths:
            self.tag_filter.addItem(p, p)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(chosen or "")))
        self.tag_filter.blockSignals(False)

    def _filter(self) -> None:
        self.proxy.set_filter(self.role_filter.currentData(), self.tag_filter.currentData(),
                              self.text_filter.text())
        self.count.setText(self.tr("{0} of {1} annotations").format(self.proxy.rowCount(),
                                                                   self.model.rowCount()))

    # --- selection ---------------------------------------------------------------------------
    def select(self, ann_id: str | None) -> None:
        """Select an annotation from the page (no signal back)."""
        self._syncing = True
        try:
            row = self.model.row_of(ann_id) if ann_id else -1
            if row < 0:
                self.list.clearSelection()
                self._show(None)
                return
            idx = self.proxy.mapFromSource(self.model.index(row))
            if not idx.isValid():  # filtered out: clear the filters to show it
                self.role_filter.setCurrentIndex(0)
                self.tag_filter.setCurrentIndex(0)
                self.text_filter.clear()
                idx = self.proxy.mapFromSource(self.model.index(row))
            self.list.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(idx)
            self._show(self.model.rows[row])
        finally:
            self._syncing = False

    def _current_changed(self, current: Any, _previous: Any) -> None:
        self._flush()
        row = current.data(ROW_ROLE) if current.isValid() else None
        self._show(row)
        if not self._syncing:
            self.sig_annotation_selected.emit(current.data(ID_ROLE) if current.isValid() else "")

    def _show(self, a: Annotation | None) -> None:
        # A refresh of the same annotation must not overwrite a field the
        # user is typing in (a note stored meanwhile refreshes the panel).
        same = a is not None and self.current is not None and a.id == self.current.id
        self.current = a
        self.editor.setEnabled(a is not None)
        widgets = (self.role, self.label, self.tags, self.note)
        for w in widgets:
            w.blockSignals(True)
        try:
            if a is None:
                self.label.clear()
                self.tags.clear()
                self.note.clear()
                self.quote.clear()
                self.remarks.clear()
                self.remarks.hide()
                self._paint_color(None)
                return
            self.role.setCurrentIndex(max(0, self.role.findData(a.role)))
            if self.label.text() != a.label and not (same and self.label.isModified()):
                self.label.setText(a.label)
            if parse_tags(self.tags.text()) != list(a.tags) and not (same and self.tags.hasFocus()):
                self.tags.setText(", ".join(a.tags))
            typing = same and self.note.document().isModified()
            if self.note.toPlainText() != a.note and not typing:
                self.note.setPlainText(a.note)
            self.quote.setText(a.quote)
            lines = remark_lines(list(a.remarks), catalogue(current_language()))
            self.remarks.setText("\n".join(lines))
            self.remarks.setVisible(bool(lines))
            self._paint_color(a)
        finally:
            for w in widgets:
                w.blockSignals(False)

    def _paint_color(self, a: Annotation | None) -> None:
        color = (a.color or settings.role_color(a.role)) if a else "#cccccc"
        self.color.setStyleSheet(f"background-color: {QColor(color).name()}; min-width: 32px;")

    # --- edits -------------------------------------------------------------------------------
    def _commit(self, field: str, value: Any) -> None:
        a = self.current
        current = getattr(a, field) if a is not None else None
        if a is None or (list(current) if isinstance(current, tuple) else current) == value:
            return
        push(self.window_, EditAnnotation(self.lib, a.id, {field: value}))

    # Fields are "modified" from the user's first key until stored; a refresh
    # leaves a modified field alone (see _show).
    def _commit_label(self) -> None:
        if self.label.isModified():
            self.label.setModified(False)
            self._commit("label", self.label.text().strip())

    def _commit_tags(self) -> None:
        # (The completer sets the text itself, which clears "modified".)
        if self.current is not None and parse_tags(self.tags.text()) != list(self.current.tags):
            self._commit("tags", parse_tags(self.tags.text()))

    def _note_edited(self) -> None:
        self._note_timer.start()

    def _commit_note(self) -> None:
        self._note_timer.stop()
        if self.note.document().isModified():
            self.note.document().setModified(False)
            self._commit("note", self.note.toPlainText())

    def _flush(self) -> None:
        """Store edits still in the editor before the selection moves."""
        if self._note_timer.isActive():
            self._commit_note()

    def _pick_color(self) -> None:
        if self.current is None:
            return
        start = QColor(self.current.color or settings.role_color(self.current.role))
        color = QColorDialog.getColor(start, self, self.tr("Annotation colour"))
        if color.isValid():
            self._commit("color", color.name())

    def delete_current(self) -> None:
        if self.current is not None:
            ann_id = self.current.id
            self._note_timer.stop()
            self._show(None)
            push(self.window_, DeleteAnnotation(self.lib, ann_id))

    def _typing(self, field: QObject) -> bool:
        """Whether ``field`` holds typing not stored yet (its own undo is for that)."""
        if field is self.note:
            return self.note.document().isModified()
        return isinstance(field, QLineEdit) and field.isModified()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.ShortcutOverride and obj in (self.label, self.tags, self.note)
                and event.keyCombination() in _UNDO_KEYS and not self._typing(obj)):
            # Every edit is stored at once, as one command of the window's undo
            # stack: with nothing typed here, Ctrl+Z is the window's, not the field's.
            event.ignore()
            return True
        if obj is self.note and event.type() == QEvent.Type.FocusOut:
            self._flush()
        elif obj is self.list and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_current()
                return True
        return super().eventFilter(obj, event)
