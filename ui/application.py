"""Starting the app: QApplication, language, the library, the main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.startup import skip_sqlite_utils_cli

skip_sqlite_utils_cli()  # before app.library imports sqlite_utils

from app.domain import UserError  # noqa: E402
from app.library import Library, default_library_dir  # noqa: E402
from ui import settings  # noqa: E402
from ui.i18n import install_translators  # noqa: E402


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
    """Open the window on a library; open it again (on another library, or in
    another language) for as long as the window asks for a restart."""
    app = create_application()
    root = library or settings.get("library") or None
    root_path = Path(root).expanduser() if root else default_library_dir()
    while True:
        code, restart = _session(app, root_path)
        if restart is None:
            return code
        root_path = restart
        install_translators(app)  # the language may have changed


def _session(app: QApplication, root_path: Path) -> tuple[int, Path | None]:
    """One window on one library: (exit code, library to open next or None)."""
    try:
        root_path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _error(f"{root_path}: {exc.strerror or exc}"), None
    lock = QLockFile(str(root_path / "kanttekening.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        return _error(
            app.translate(
                "Application",
                "This library is already open in another Kanttekening window:\n{0}",
            ).format(str(root_path))
        ), None
    try:
        lib = Library.open(root_path)
    except UserError as exc:
        lock.unlock()
        return _error(str(exc)), None
    from ui.main_window import MainWindow

    window = MainWindow(lib)
    window.show()
    try:
        code = app.exec()
        return code, window.restart_root
    finally:
        try:
            from app.search_service import prune_applied_changes

            prune_applied_changes(lib)
            lib.backup()  # skipped when nothing changed since the last one
        except (UserError, OSError):
            pass
        lib.close()
        lock.unlock()
