"""At start-up, a library whose database cannot be opened safely gets a
dialog: restore the newest backup, choose one, open another library, quit."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.backups import list_backups
from app.errors import LibraryUnusable
from app.library import Library
from app.usecases import check_library, list_documents, remove_document


@pytest.fixture
def broken(sample_library):
    """Samples backed up, then one document removed and backed up again; then
    the database emptied (a sync tool). Newest backup: five documents."""
    lib = sample_library
    lib.backup(force=True)
    remove_document(lib, list_documents(lib)[0].id)
    lib.backup(force=True)
    root = lib.root
    lib.close()
    (root / "library.sqlite").write_bytes(b"")
    with pytest.raises(LibraryUnusable) as exc:
        Library.open(root)
    return exc.value


def _documents(root) -> int:
    with Library.open(root) as lib:
        assert check_library(lib)["ok"]
        return len(list_documents(lib))


def test_restore_newest_brings_the_library_back(qtbot, broken):
    from ui.recovery import RecoveryDialog

    dialog = RecoveryDialog(broken)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "is empty" in dialog.message.text() and dialog.btn_newest.isEnabled()
    assert broken.code == "empty"
    qtbot.mouseClick(dialog.btn_newest, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.restored is not None
    assert dialog.restored.kept_aside.name.startswith("library.sqlite.damaged-")
    assert _documents(broken.root) == 5
    assert len(list_backups(broken.root)) == 2


def test_choose_backup_restores_the_older_one(qtbot, broken):
    from ui.recovery import RecoveryDialog

    dialog = RecoveryDialog(broken)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.btn_choose, Qt.MouseButton.LeftButton)
    assert dialog.list.isVisible() and dialog.list.count() == 2
    dialog.list.setCurrentRow(1)
    assert "6 documents" in dialog.list.currentItem().text()
    qtbot.mouseClick(dialog.btn_choose, Qt.MouseButton.LeftButton)
    assert dialog.restored is not None
    assert _documents(broken.root) == 6


def test_quit_changes_nothing(qtbot, broken):
    from ui.recovery import RecoveryDialog

    before = sorted(p.name for p in broken.root.rglob("*"))
    dialog = RecoveryDialog(broken)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.btn_quit, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.restored is None
    assert sorted(p.name for p in broken.root.rglob("*")) == before


def test_start_up_offers_the_dialog_and_opens_the_restored_library(qtbot, broken, monkeypatch):
    from ui import application, settings
    from ui.main_window import MainWindow
    from ui.recovery import RecoveryDialog

    offered, opened = [], []

    def click_newest() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, RecoveryDialog) and w.isVisible())
        offered.append(dialog)
        qtbot.mouseClick(dialog.btn_newest, Qt.MouseButton.LeftButton)

    original_exec = RecoveryDialog.exec

    def exec_(dialog):
        QTimer.singleShot(0, click_newest)
        return original_exec(dialog)

    original_show = MainWindow.show

    def show(window):
        original_show(window)
        opened.append(len(list_documents(window.lib)))
        QTimer.singleShot(0, window.close)

    monkeypatch.setattr(RecoveryDialog, "exec", exec_)
    monkeypatch.setattr(MainWindow, "show", show)
    assert application.run(str(broken.root)) == 0
    assert len(offered) == 1 and opened == [5]
    settings.set("library", "")


def test_the_dialog_and_the_failure_sentences_speak_dutch(qtbot, qapp, broken):
    """Looked up under the context lupdate files them in (see test_translations_runtime)."""
    import errno

    from ui.failures import sentence
    from ui.i18n import install_translators
    from ui.recovery import RecoveryDialog

    install_translators(qapp, "nl")
    try:
        dialog = RecoveryDialog(broken)
        qtbot.addWidget(dialog)
        assert "is leeg" in dialog.message.text()
        assert dialog.btn_newest.text() == "&Nieuwste back-up terugzetten"
        full = OSError(errno.ENOSPC, "No space left on device")
        assert sentence(full).startswith("De schijf is vol.")
    finally:
        install_translators(qapp, "en")
