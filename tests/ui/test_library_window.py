"""The library tab as a user meets it: welcome page, samples, import, drop."""
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QInputDialog, QLineEdit

from tests.conftest import LETTER, MEETING


def test_empty_library_offers_samples_and_loads_them(qtbot, library, make_window, qtmodeltester):
    window = make_window(library)
    view = window.library_view
    assert view.stack.currentIndex() == 0  # the welcome page
    with qtbot.waitSignal(window.sig_import_finished, timeout=120000) as blocker:
        qtbot.mouseClick(view.samples_button, Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert len(report.imported) == 6
    assert view.stack.currentIndex() == 1
    assert view.model.rowCount() == 6
    titles = [view.model.index(r, 0).data() for r in range(6)]
    assert any(t.startswith("Tussen papier en praktijk") for t in titles)
    scan_row = next(r for r in range(6) if "(scan)" in view.model.index(r, 0).data())
    assert "without text" in view.model.index(scan_row, 2).data()
    qtmodeltester.check(view.model)


def test_import_keeps_the_window_responsive_and_reports_duplicates(qtbot, library, make_window):
    window = make_window(library)
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.import_paths([LETTER, MEETING])
    assert window.library_view.model.rowCount() == 2
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000) as blocker:
        window.import_paths([LETTER])
    assert len(blocker.args[0].duplicates) == 1
    assert "already in the library" in window.statusBar().currentMessage()


def test_dropping_files_on_the_window_imports_them(qtbot, library, make_window):
    window = make_window(library)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(MEETING))])
    event = QDropEvent(
        QPoint(50, 50).toPointF(), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.dropEvent(event)
    assert window.library_view.model.rowCount() == 1


def test_encrypted_pdf_asks_for_the_password(qtbot, library, make_window, tmp_path, monkeypatch):
    import pymupdf

    enc = tmp_path / "geheim.pdf"
    doc = pymupdf.open(MEETING)
    doc.save(enc, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="sesam", owner_pw="o")
    doc.close()
    asked = []

    def fake_get_text(parent, title, label, echo=None, text="", *a, **k):
        asked.append((label, echo))
        return "sesam", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake_get_text))
    window = make_window(library)
    reports = []
    window.sig_import_finished.connect(reports.append)
    window.import_paths([enc])
    # The first import fails as encrypted, the prompt starts a second one.
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=60000)
    assert reports[0].failed[0].code == "encrypted"
    assert len(reports[1].imported) == 1
    assert asked and "geheim.pdf" in asked[0][0]
    assert asked[0][1] == QLineEdit.EchoMode.Password
    assert window.library_view.model.rowCount() == 1


def test_markup_in_titles_and_file_names_is_shown_literally(qtbot, library, make_window, tmp_path):
    import pymupdf

    hostile = "<b>Vet</b><img src='file:///etc/passwd'> & 'quote'"
    path = tmp_path / "<i>name<b>.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Tekst")
    doc.set_metadata({"title": hostile})
    doc.save(path)
    doc.close()
    window = make_window(library)
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.import_paths([path])
    model = window.library_view.model
    assert model.index(0, 0).data() == hostile
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;i&gt;name&lt;b&gt;.pdf" in tooltip and "<i>" not in tooltip


def test_delete_key_removes_a_document_after_confirmation(qtbot, library, make_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = make_window(library)
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.import_paths([LETTER, MEETING])
    window.tabs.setCurrentIndex(0)
    table = window.library_view.table
    table.selectRow(0)
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=5000)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "exec", lambda self: answers.pop(0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.library_view.model.rowCount() == 2  # cancelled
    with qtbot.waitSignal(window.sig_changes, timeout=5000):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert window.library_view.model.rowCount() == 1
    assert len(list(library.files_dir.iterdir())) == 1


def test_window_title_names_the_library_and_the_open_document(qtbot, sample_library, make_window):
    window = make_window(sample_library)
    assert window.windowTitle() == f"Kanttekening ({sample_library.root.name})"
    doc = sample_library.resolve_document(LETTER.name)
    window.open_document(doc.id)
    qtbot.waitUntil(lambda: doc.title in window.windowTitle(), timeout=5000)
    window.tabs.setCurrentIndex(0)
    assert doc.title not in window.windowTitle()


def test_one_imported_pdf_opens_from_the_library_but_never_takes_the_page_away(qtbot, library, make_window):
    window = make_window(library)
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.import_paths([LETTER])
    # From the library tab: the new document opens.
    letter = window.tabs.currentWidget()
    assert getattr(letter, "doc_id", None) == library.resolve_document(LETTER.name).id
    # While reading it: the next import ends in the background and says so.
    with qtbot.waitSignal(window.sig_import_finished, timeout=60000):
        window.import_paths([MEETING])
    assert window.tabs.currentWidget() is letter
    assert window.tabs.count() == 2
    assert "in the library" in window.statusBar().currentMessage()
