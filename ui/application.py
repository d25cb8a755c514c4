"""Starting the app: QApplication, language, the library, the main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain import UserError
from app.library import Library, default_library_dir
from ui import settings
from ui.i18n import install_translators


def _error(message: str) -> int:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Kanttekening")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(message)
    box.exec()
    return 1


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("Kanttekening")
    app.setApplicationName("Kanttekening")
    app.setApplicationDisplayName("Kanttekening")
    install_translators(app)
    return app


def run(library: str | None = None) -> int:
    app = create_application()
    root = library or settings.get("library") or None
    root_path = Path(root).expanduser() if root else default_library_dir()
    root_path.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(root_path / "kanttekening.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        return _error(
            app.translate(
                "Application",
                "This library is already open in another Kanttekening window:\n{0}",
            ).format(str(root_path))
        )
    try:
        lib = Library.open(root_path)
    except UserError as exc:
        lock.unlock()
        return _error(str(exc))
    from ui.main_window import MainWindow

    window = MainWindow(lib)
    window.show()
    try:
        return app.exec()
    finally:
        try:
            from app.search_service import prune_applied_changes

            prune_applied_changes(lib)
            lib.backup()  # skipped when nothing changed since the last one
        except (UserError, OSError):
            pass
        lib.close()
        lock.unlock()
