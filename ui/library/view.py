"""The library tab: the documents table, or a welcome page when it is empty."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import Document
from app import usecases
from app.changes import Changes
from app.domain import KINDS
from ui.library.model import DocumentsModel, kind_label
from ui.widgets import SafeLabel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LibraryView(QWidget):
    sig_open_document = Signal(str)
    """The user asked to open a document (its id)."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window_ = window
        self.model = DocumentsModel(window.lib, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter documents by title"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        remove = QAction(self.tr("Remove from library…"), self.table)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_selected)
        self.table.addAction(remove)

        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.setContentsMargins(6, 6, 6, 6)
        tl.addWidget(self.filter)
        tl.addWidget(self.table)

        welcome = QWidget()
        wl = QVBoxLayout(welcome)
        wl.addStretch(1)
        title = SafeLabel(self.tr("Your library is empty"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        hint = SafeLabel(
            self.tr(
                "Import the PDFs you review (an evaluation report, the government's reply, "
                "letters) with the button below, or drop them on this window."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import PDFs…"))
        self.import_button.clicked.connect(window.import_dialog)
        self.samples_button = QPushButton(self.tr("Load the sample documents"))
        self.samples_button.clicked.connect(window.load_samples)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.samples_button)
        buttons.addStretch(1)
        wl.addWidget(title)
        wl.addWidget(hint)
        wl.addLayout(buttons)
        wl.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(welcome)
        self.stack.addWidget(table_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._update_page()
        window.sig_changes.connect(self.on_changes)

    def _update_page(self) -> None:
        self.stack.setCurrentIndex(1 if self.model.rowCount() else 0)

    def on_changes(self, changes: Changes) -> None:
        if changes.documents or changes.annotations:
            self.model.reload()
            self._update_page()

    def _open_index(self, index) -> None:
        doc_id = self.proxy.data(index, DocumentsModel.DocIdRole)
        if doc_id:
            self.sig_open_document.emit(doc_id)

    def selected_document(self) -> Document | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.document_at(self.proxy.mapToSource(rows[0]).row())

    def _context_menu(self, pos) -> None:
        doc = self.selected_document()
        if doc is None:
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("Open"))
        open_action.triggered.connect(lambda: self.sig_open_document.emit(doc.id))
        kinds = menu.addMenu(self.tr("Kind"))
        for kind in KINDS:
            act = QAction(kind_label(kind), kinds)
            act.setCheckable(True)
            act.setChecked(doc.kind == kind)
            act.triggered.connect(lambda _=False, k=kind: self._set_field(doc, kind=k))
            kinds.addAction(act)
        langs = menu.addMenu(self.tr("Language"))
        for code, name in (("nl", self.tr("Dutch")), ("en", self.tr("English"))):
            act = QAction(name, langs)
            act.setCheckable(True)
            act.setChecked(doc.language == code)
            act.triggered.connect(lambda _=False, c=code: self._set_field(doc, language=c))
            langs.addAction(act)
        menu.addAction(self.tr("Rename…"), lambda: self._rename(doc))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from library…"), lambda: self._remove(doc))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _remove_selected(self) -> None:
        doc = self.selected_document()
        if doc is not None:
            self._remove(doc)

    def _set_field(self, doc: Document, **fields) -> None:
        usecases.edit_document(self.window_.lib, doc.id, **fields)

    def _rename(self, doc: Document) -> None:
        title, ok = QInputDialog.getText(
            self, self.tr("Rename document"), self.tr("Title:"), QLineEdit.EchoMode.Normal, doc.title
        )
        if ok and title.strip():
            usecases.edit_document(self.window_.lib, doc.id, title=title)

    def _remove(self, doc: Document) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Remove document"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr("Remove “{0}” and its {1} annotation(s) from the library? This cannot be undone.").format(
                doc.title, doc.annotation_count
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.window_.close_document_tabs(doc.id)
            usecases.remove_document(self.window_.lib, doc.id)


def sample_paths() -> list[Path]:
    from resources import samples_dir

    return sorted(samples_dir().glob("*.pdf"))
