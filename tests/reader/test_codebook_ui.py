"""The codebook dialog: tree model, rename, merge and delete with undo."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from app import annotations as uc
from tests.conftest import doc_by_file


def _ann(lib, doc, tags):
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=[[1, 10, 10, 90, 20]],
                                     quote="x", role="comment", tags=tags)
    return ann_id


def test_codebook_dialog_edits_with_undo(qtbot, sample_library, open_window, qtmodeltester, monkeypatch):
    from ui.reader.codebook import CodebookDialog

    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    a1 = _ann(lib, doc, ["Thema/VN", "Thema/Genève"])
    a2 = _ann(lib, doc, ["Genève"])
    window = open_window(lib)
    dialog = CodebookDialog(window)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2  # Genève, Thema
    thema = dialog.model.index_of(uc.resolve_tag(lib, "Thema").id)
    assert dialog.model.rowCount(thema) == 2
    assert dialog.model.index(thema.row(), 1).data() == "0 (1)"

    # Rename "Thema/VN" to "<b>Verenigde Naties & VN" (stored as typed).
    vn = uc.resolve_tag(lib, "Thema/VN").id
    dialog.tree.setCurrentIndex(dialog.model.index_of(vn))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("<b>Verenigde Naties & VN", True)))
    dialog.rename()
    assert uc.get_annotation(lib, a1).tags == ("Thema/<b>Verenigde Naties & VN", "Thema/Genève")

    # Merge the top-level "Genève" into "Thema/Genève".
    geneve = uc.resolve_tag(lib, "Genève").id
    dialog.tree.setCurrentIndex(dialog.model.index_of(geneve))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Thema/Genève", True)))
    dialog.merge()
    assert uc.get_annotation(lib, a2).tags == ("Thema/Genève",)
    qtmodeltester.check(dialog.model)

    # Delete "Thema": the question names the usage; yes deletes, undo restores.
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: asked.append(self.text()) or QMessageBox.StandardButton.Yes)
    dialog.tree.setCurrentIndex(dialog.model.index_of(uc.resolve_tag(lib, "Thema").id))
    dialog.delete()
    assert "2 annotation(s)" in asked[0] and "2 sub-tag(s)" in asked[0]
    assert uc.list_tags(lib) == [] and uc.get_annotation(lib, a1).tags == ()
    assert dialog.model.rowCount() == 0
    stack = window.undo_stack
    stack.undo()  # delete
    assert uc.get_annotation(lib, a2).tags == ("Thema/Genève",)
    stack.undo()  # merge
    assert uc.get_annotation(lib, a2).tags == ("Genève",)
    stack.undo()  # rename
    assert uc.get_annotation(lib, a1).tags == ("Thema/Genève", "Thema/VN")
    stack.redo()
    stack.redo()
    stack.redo()
    assert uc.list_tags(lib) == []
    dialog.close()
