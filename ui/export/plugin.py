"""Export and exchange in the window: File → Export summary…, Export annotated
PDF…, Export bundle…, Export REFI-QDA project…, Import bundle….

Each action asks for a file, then runs the use case from ``app.export`` in the
background through the window's op runner (progress bar and Cancel in the
status bar) and reports the outcome in the status bar and a message box.
"""
from __future__ import annotations

from collections import Counter

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app import usecases
from app.domain import ROLES
from app.export import ExportResult, export_summary
from app.library import Library
from ui import settings
from ui.export.summary_dialog import SummaryDialog
from ui.i18n import current_language

_FILTERS = {
    "html": "HTML (*.html)",
    "pdf": "PDF (*.pdf)",
    "docx": "Word (*.docx)",
    "md": "Markdown (*.md)",
    "csv": "CSV (*.csv)",
    "xlsx": "Excel (*.xlsx)",
}


def documents_language(docs: list[Any]) -> str:
    """The language most of the documents are written in (the summary quotes
    them), else the interface's."""
    counts = Counter(str(d.language) for d in docs if str(d.language) in ("nl", "en"))
    return counts.most_common(1)[0][0] if counts else current_language()


class ExportPlugin(QObject):
    sig_export_finished = Signal(object)
    """An ``ExportResult`` after an export wrote its file."""

    sig_import_finished = Signal(object)
    """A ``MergeReport`` after a bundle was merged."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        menu = window.menu_file
        menu.addSeparator()
        self.action_summary = self._action(self.tr("Export &summary…"), self.export_summary, "action_export_summary")
        self.action_pdf = self._action(self.tr("Export annotated &PDF…"), self.export_pdf, "action_export_pdf")
        self.action_bundle = self._action(self.tr("Export &bundle…"), self.export_bundle, "action_export_bundle")
        self.action_qdpx = self._action(self.tr("Export &REFI-QDA project…"), self.export_qdpx, "action_export_qdpx")
        self.action_import = self._action(self.tr("Import bundle…"), self.import_bundle, "action_import_bundle")
        for action in (self.action_summary, self.action_pdf, self.action_bundle, self.action_qdpx,
                       self.action_import):
            menu.addAction(action)

    def _action(self, text: str, slot: Callable[[], None], name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _start_dir(self) -> str:
        folder = settings.get("export/folder")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember(self, chosen: str) -> None:
        settings.set("export/folder", str(Path(chosen).parent))

    # --- running -------------------------------------------------------------------
    def _run(self, work: Callable[[Library, Any, Any], ExportResult], title: str) -> None:
        self.window.ops.run(work, self._exported, title=title)

    def _exported(self, result: ExportResult) -> None:
        text = self.tr("Exported to {0} in {1} s").format(str(result.path), f"{result.seconds:.1f}")
        self.window.statusBar().showMessage(text, 15000)
        self.sig_export_finished.emit(result)

    def _info(self, title: str, text: str) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(text)
        box.open()

    # --- actions ----------------------------------------------------------------------
    def export_summary(self) -> None:
        """Ask what to show (format and filters), then where to write it."""
        from app.tags import tag_paths

        lib = self.window.lib
        docs = usecases.list_documents(lib)
        dialog = SummaryDialog(docs, sorted(tag_paths(lib).values(), key=str.lower),
                               self.window, language=documents_language(docs))
        self.summary_dialog = dialog
        dialog.accepted.connect(
            lambda: self._summary_chosen(dialog.chosen_format(), dialog.filters(), dialog.chosen_language())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _summary_chosen(self, fmt: str, filters: dict[str, list[str]], language: str = "en") -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export summary"), str(Path(self._start_dir()) / f"summary.{fmt}"), _FILTERS[fmt]
        )
        if not name:
            return
        self._remember(name)
        path = Path(name)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")

        def work(lib: Library, progress: Any, cancelled: Any) -> ExportResult:
            return export_summary(lib, path, fmt=fmt, language=language, progress=progress, **filters)

        self._run(work, self.tr("Exporting the summary"))

    def export_pdf(self) -> None:
        docs = usecases.list_documents(self.window.lib)
        if not docs:
            self._info(self.tr("Export annotated PDF"), self.tr("The library has no documents yet."))
            return
        names = [f"{d.title} ({d.file_name})" for d in docs]
        # The document open in the current tab, if any, is offered first.
        open_id = getattr(self.window.tabs.currentWidget(), "doc_id", None)
        current = next((i for i, d in enumerate(docs) if d.id == open_id), 0)
        choice, ok = QInputDialog.getItem(
            self.window, self.tr("Export annotated PDF"), self.tr("Document:"), names, current, False
        )
        if not ok:
            return
        doc = docs[names.index(choice)]
        suggested = Path(self._start_dir()) / f"{Path(doc.file_name).stem}-annotated.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export annotated PDF"), str(suggested), _FILTERS["pdf"]
        )
        if not name:
            return
        self._remember(name)
        from app.export.annotated_pdf import export_annotated_pdf

        doc_id = doc.id
        colors = {role: settings.get(f"colors/{role}") for role in ROLES}
        language = current_language()  # role names in the annotations, as the interface names them
        self._run(
            lambda lib, progress, cancelled: export_annotated_pdf(
                lib, doc_id, name, role_colors=colors, language=language, progress=progress
            ),
            self.tr("Exporting the annotated PDF"),
        )

    def export_bundle(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export bundle"), str(Path(self._start_dir()) / "annotations.jsonld"),
            self.tr("Web Annotation bundle (*.jsonld *.json)"),
        )
        if not name:
            return
        self._remember(name)
        from app.export.bundle import export_bundle

        self._run(lambda lib, progress, cancelled: export_bundle(lib, name, progress=progress),
                  self.tr("Exporting the bundle"))

    def export_qdpx(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export REFI-QDA project"), str(Path(self._start_dir()) / "project.qdpx"),
            self.tr("REFI-QDA project (*.qdpx)"),
        )
        if not name:
            return
        self._remember(name)
        from app.export.qdpx import export_qdpx

        self._run(
            lambda lib, progress, cancelled: export_qdpx(lib, name, progress=progress, cancelled=cancelled),
            self.tr("Exporting the REFI-QDA project"),
        )

    def import_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import bundle"), self._start_dir(),
            self.tr("Web Annotation bundle (*.jsonld *.json);;All files (*)"),
        )
        if not name:
            return
        self._remember(name)
        from app.export.bundle_merge import import_bundle

        def done(report: Any) -> None:
            self._info(self.tr("Bundle imported"), "\n".join(report.lines()))
            self.sig_import_finished.emit(report)

        self.window.ops.run(lambda lib, progress, cancelled: import_bundle(lib, name), done,
                            title=self.tr("Importing the bundle"), cancellable=False)


def install(window: Any) -> ExportPlugin:
    return ExportPlugin(window)
