"""Opening another library (and a language change) reopens the window in the same process."""
from PySide6.QtCore import QTimer

from ui import settings


def test_open_another_library_reopens_the_window_on_it(qapp, tmp_path, monkeypatch):
    from ui import application
    from ui.main_window import MainWindow

    first, second = tmp_path / "first", tmp_path / "second"
    seen = []
    original_show = MainWindow.show

    def show(window):
        original_show(window)
        seen.append(window.lib.root)
        if len(seen) == 1:
            QTimer.singleShot(0, lambda: window.open_library(second))
        else:
            QTimer.singleShot(0, window.close)

    monkeypatch.setattr(MainWindow, "show", show)
    assert application.run(str(first)) == 0
    assert seen == [first, second]
    assert settings.get("library") == str(second)
    # Both libraries were really opened (and closed cleanly: the lock is free again).
    assert (first / "library.sqlite").is_file() and (second / "library.sqlite").is_file()
    assert not (second / "kanttekening.lock").exists()
    settings.set("library", "")


def test_a_second_window_on_the_same_library_is_refused(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QMessageBox

    from ui import application

    root = tmp_path / "lib"
    root.mkdir()
    held = QLockFile(str(root / "kanttekening.lock"))
    assert held.tryLock(100)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    try:
        assert application.run(str(root)) == 1
    finally:
        held.unlock()
    assert "already open" in shown[0]
