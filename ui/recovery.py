"""At start-up, when the library's database cannot be opened safely: bring
back a backup, open another library, or quit. Nothing is deleted either way
(``app.backups.restore`` keeps the replaced database beside it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import backups
from app.errors import LibraryUnusable
from ui import failures
from ui.widgets import SafeLabel


class RecoveryDialog(QDialog):
    """After ``exec()``: ``restored`` (a backup was brought back: open the
    library again), ``other_root`` (open that library instead), or neither
    (quit)."""

    def __init__(self, problem: LibraryUnusable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = problem.root
        self.restored: backups.Restored | None = None
        self.other_root: Path | None = None
        self.setWindowTitle(self.tr("The library cannot be opened"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.message = SafeLabel(
            self._what(problem) + "\n\n"
            + self.tr("Nothing was changed: your stored PDFs and backups are all still there.")
        )
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.list = QListWidget()
        self._backups = backups.list_backups(self.root)
        for b in self._backups:
            verdict = backups.verify_backup(b)
            if verdict.problem is None:
                text = self.tr("{0} – {1} documents, {2} annotations").format(
                    b.when, verdict.contents.documents, verdict.contents.annotations)
            else:
                text = self.tr("{0} – fails its check, cannot be used").format(b.when)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            if verdict.problem is not None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.setVisible(False)
        layout.addWidget(self.list)
        if self._backups:
            note = self.tr("Bringing back a backup replaces the database by that copy; "
                           "the current file is kept beside it, renamed.")
        else:
            note = self.tr("There are no backups of this library.")
        self.note = SafeLabel(note)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        buttons = QHBoxLayout()
        self.btn_newest = QPushButton(self.tr("&Restore newest backup"))
        self.btn_choose = QPushButton(self.tr("&Choose backup…"))
        self.btn_other = QPushButton(self.tr("&Open another library…"))
        self.btn_quit = QPushButton(self.tr("&Quit"))
        usable = any(
            self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled for i in range(self.list.count())
        )
        self.btn_newest.setEnabled(usable)
        self.btn_choose.setEnabled(usable)
        for button in (self.btn_newest, self.btn_choose, self.btn_other, self.btn_quit):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.btn_newest.clicked.connect(lambda: self._restore(None))
        self.btn_choose.clicked.connect(self._choose)
        self.btn_other.clicked.connect(self._other)
        self.btn_quit.clicked.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self._choose())
        self.btn_newest.setDefault(usable)

    def _what(self, problem: LibraryUnusable) -> str:
        root = str(self.root)
        if problem.code == "missing":
            return self.tr(
                "The library database (library.sqlite) in {0} is missing, but the folder still holds "
                "the library's stored PDFs or backups. A sync tool or an incomplete copy may have removed it."
            ).format(root)
        if problem.code == "empty":
            return self.tr(
                "The library database (library.sqlite) in {0} is empty, but the folder still holds "
                "the library's stored PDFs or backups. A sync tool or an incomplete copy may have emptied it."
            ).format(root)
        if problem.code == "truncated":
            return self.tr("The library database in {0} is cut off: part of the file is missing.").format(root)
        if problem.code == "unreadable":
            return self.tr("The library database in {0} cannot be read ({1}).").format(root, problem.reason)
        return self.tr("The library database in {0} is damaged ({1}).").format(root, problem.reason)

    def _choose(self) -> None:
        """First press shows the list; with a backup chosen, it restores that one."""
        if not self.list.isVisible():
            self.list.setVisible(True)
            self.btn_choose.setText(self.tr("Restore &chosen backup"))
            for i in range(self.list.count()):
                if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                    self.list.setCurrentRow(i)
                    break
            self.list.setFocus()
            return
        item = self.list.currentItem()
        if item is not None:
            self._restore(item.data(Qt.ItemDataRole.UserRole))

    def _restore(self, choice: str | None) -> None:
        try:
            self.restored = backups.restore(self.root, choice, check_window=False)
        except Exception as exc:  # noqa: BLE001 - said in the dialog, the user chooses again
            failures.show(self, failures.sentence(exc, self.root))
            return
        self.accept()

    def _other(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open another library (choose or create an empty folder)"), str(self.root.parent)
        )
        if folder:
            self.other_root = Path(folder)
            self.accept()
