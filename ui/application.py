"""Starting the app: QApplication, language, the library, the main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.startup import skip_sqlite_utils_cli

skip_sqlite_utils_cli()  # before app.library imports sqlite_utils

from app.errors import LibraryUnusable, explain  # noqa: E402
from app.library import Library, default_library_dir  # noqa: E402
from ui import failures, settings  # noqa: E402
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
    another language) for as long as the window asks for a restart. The one
    handler of the window: whatever escapes a slot, a thread or start-up
    becomes one sentence (details in the log file)."""
    app = create_application()
    root = library or settings.get("library") or None
    root_path = Path(root).expanduser() if root else default_library_dir()
    hooks = failures.Hooks(root_path).install()
    try:
        while True:
            hooks.library = root_path
            try:
                code, restart = _session(app, root_path)
            except Exception as exc:  # noqa: BLE001 - start-up or shut-down failed
                return _error(failures.sentence(exc, root_path))
            if restart is None:
                return code
            root_path = restart
            install_translators(app)  # the language may have changed
    finally:
        hooks.uninstall()


def _open(root_path: Path) -> tuple[Library | None, Path | None]:
    """The library, or (None, another library to open), or (None, None): quit.
    A library that cannot be opened safely gets the recovery dialog."""
    from ui.recovery import RecoveryDialog

    while True:
        try:
            return Library.open(root_path), None
        except LibraryUnusable as exc:
            dialog = RecoveryDialog(exc)
            dialog.exec()
            if dialog.restored is not None:
                continue  # open the library again, now with the backup
            return None, dialog.other_root
        except Exception as exc:  # noqa: BLE001 - disk full, permissions, a newer schema...
            _error(failures.sentence(exc, root_path))
            return None, None


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
    lib, other = _open(root_path)
    if lib is None:
        lock.unlock()
        if other is not None:
            settings.set("library", str(other))
            return 0, other
        return 1, None
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
        except Exception as exc:  # noqa: BLE001 - never in the user's way at closing time
            explain(exc, library=root_path)  # logged when unexpected
        lib.close()
        lock.unlock()
