"""Undo takes back the tags an edit created, and redo brings them back."""
from PySide6.QtGui import QUndoStack

from app import annotations as uc
from app.anchoring import find_quote
from tests.conftest import doc_by_file
from ui.reader.commands import CreateAnnotation, EditAnnotation


def _paths(lib):
    return sorted(t.path for t in uc.list_tags(lib, flat=True))


def _push(stack, command):
    command.first()
    stack.push(command)  # the first redo is skipped: first() did the work


def test_undo_of_a_new_annotation_removes_the_tags_it_created(qapp, sample_library):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    a = find_quote(lib.document_file(doc), 1, "Daarnaast speelt de Mensenrechtenraad")
    uc.create_tag(lib, "Bestaand")
    stack = QUndoStack()
    fields = dict(page_no=1, rects=a.rects, quote=a.quote, role="comment", tags=["Thema/VN", "Bestaand"])
    command = CreateAnnotation(lib, doc.id, fields)
    _push(stack, command)
    assert _paths(lib) == ["Bestaand", "Thema", "Thema/VN"]
    stack.undo()
    assert _paths(lib) == ["Bestaand"]  # the existing tag stays
    assert uc.list_annotations(lib, doc.id) == []
    stack.redo()
    assert _paths(lib) == ["Bestaand", "Thema", "Thema/VN"]
    assert uc.get_annotation(lib, command.ann_id).tags == ("Bestaand", "Thema/VN")


def test_undo_of_a_tag_edit_removes_new_unused_tags_only(qapp, sample_library):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    a = find_quote(lib.document_file(doc), 1, "Daarnaast speelt de Mensenrechtenraad")
    b = find_quote(lib.document_file(doc), 1, "het tegengaan van straffeloosheid")
    first, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=a.rects, quote=a.quote, role="comment")
    other, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=b.rects, quote=b.quote, role="comment")
    stack = QUndoStack()
    _push(stack, EditAnnotation(lib, first, {"tags": ["Nieuw", "Gedeeld"]}))
    uc.update_annotation(lib, other, tags=["Gedeeld"])  # meanwhile used elsewhere
    stack.undo()
    assert uc.get_annotation(lib, first).tags == ()
    assert _paths(lib) == ["Gedeeld"]
    stack.redo()
    assert uc.get_annotation(lib, first).tags == ("Gedeeld", "Nieuw")
