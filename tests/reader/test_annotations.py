"""Annotation and tag use cases, including undo (delete + restore with links)."""
from __future__ import annotations

import pytest

from app import annotations as uc
from app.anchoring import find_quote
from app.domain import UserError, now_iso
from storage import records
from storage.types import Link, Stance
from tests.conftest import doc_by_file


def _make(lib, doc, quote, page, **kw):
    a = find_quote(lib.document_file(doc), page, quote)
    return uc.create_annotation(
        lib, doc.id, page_no=a.page_no, rects=a.rects, quote=a.quote,
        prefix=a.prefix, suffix=a.suffix, **kw,
    )


def test_create_lists_and_notifies(sample_library):
    lib = sample_library
    seen = []
    lib.subscribe(seen.append)
    doc = doc_by_file(lib, "kamerbrief")
    ann_id, changes = _make(lib, doc, "Daarnaast speelt de Mensenrechtenraad", 1,
                            role="recommendation", label=" 1a ", tags=["Thema/VN", "urgent"])
    assert changes.annotations == {ann_id} and len(changes.tags) == 3 and seen == [changes]
    row = uc.get_annotation(lib, ann_id)
    assert row.label == "1a" and row.tags == ("Thema/VN", "urgent")
    assert row.author == lib.reviewer
    assert [r.id for r in uc.list_annotations(lib, doc.id, tag="Thema")] == [ann_id]
    assert uc.list_annotations(lib, role="evidence") == []
    # Reusing a tag name does not create a second tag.
    _, changes2 = _make(lib, doc, "het tegengaan van straffeloosheid", 1, role="evidence", tags=["urgent"])
    assert changes2.tags == frozenset()
    tree = uc.list_tags(lib)
    assert [(n.path, n.usage, n.total) for n in tree] == [("Thema", 0, 1), ("urgent", 2, 2)]
    assert tree[0].children[0].path == "Thema/VN"


def test_validation_errors(sample_library):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    base = dict(page_no=1, rects=[[1, 1, 1, 5, 5]], quote="x")
    with pytest.raises(UserError, match="unknown role"):
        uc.create_annotation(lib, doc.id, role="nonsense", **base)
    with pytest.raises(UserError, match="does not exist"):
        uc.create_annotation(lib, doc.id, role="comment", **dict(base, page_no=50))
    with pytest.raises(UserError, match="not a colour"):
        uc.create_annotation(lib, doc.id, role="comment", color="red", **base)
    with pytest.raises(UserError, match="empty part"):
        uc.create_annotation(lib, doc.id, role="comment", tags=["a//b"], **base)
    assert uc.list_annotations(lib) == [] and uc.list_tags(lib) == []


def test_update_then_delete_and_restore_with_tags_and_links(sample_library):
    lib = sample_library
    rep = doc_by_file(lib, "iob-evaluatie")
    reply = doc_by_file(lib, "kabinetsreactie")
    rec, _ = _make(lib, rep, "IOB tot aanbevelingen voor de drie hoofdonderdelen", 12,
                   role="recommendation", tags=["multilateraal"])
    resp, _ = uc.create_annotation(lib, reply.id, page_no=1, rects=[[1, 10, 10, 50, 20]],
                                   quote="antwoord", role="response")
    stamp = now_iso()
    with lib.write():
        records.insert_link(lib.db, Link(id="l1", recommendation_id=rec, response_id=resp,
                                     stance=Stance("accepted"), assessment="ok", author="t",
                                     created=stamp, modified=stamp))
    uc.update_annotation(lib, rec, label="1a", note="twee\nregels", tags=["multilateraal", "nieuw"],
                         color="#AABBCC")
    row = uc.get_annotation(lib, rec)
    assert (row.label, row.note, row.color, row.tags) == (
        "1a", "twee\nregels", "#aabbcc", ("multilateraal", "nieuw"))
    with pytest.raises(UserError):
        uc.update_annotation(lib, rec, document_id="x")

    snapshot, changes = uc.delete_annotation(lib, rec)
    assert changes.links == {"l1"}
    assert records.list_links(lib.db) == [] and uc.list_annotations(lib, rep.id) == []
    uc.restore_annotation(lib, snapshot)
    again = uc.get_annotation(lib, rec)
    assert again.tags == ("multilateraal", "nieuw") and again.label == "1a"
    assert [l.id for l in records.list_links(lib.db)] == ["l1"]
    with pytest.raises(UserError, match="exists already"):
        uc.restore_annotation(lib, snapshot)


def test_tag_rename_move_merge_delete_and_undo(sample_library):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    a1, _ = _make(lib, doc, "Daarnaast speelt de Mensenrechtenraad", 1, role="comment", tags=["A", "B/C"])
    a2, _ = _make(lib, doc, "het tegengaan van straffeloosheid", 1, role="comment", tags=["B"])
    tags = {t.path: t for t in uc.list_tags(lib, flat=True)}
    uc.rename_tag(lib, tags["A"].id, "Alpha")
    with pytest.raises(UserError, match="already a tag"):
        uc.rename_tag(lib, tags["A"].id, "b")
    with pytest.raises(UserError, match="under itself"):
        uc.move_tag(lib, tags["B"].id, tags["B/C"].id)
    uc.move_tag(lib, tags["B/C"].id, tags["A"].id)
    assert uc.get_annotation(lib, a1).tags == ("Alpha", "Alpha/C")

    snap, _ = uc.merge_tags(lib, tags["B"].id, tags["A"].id)
    assert uc.get_annotation(lib, a2).tags == ("Alpha",)
    uc.unmerge_tags(lib, snap)
    assert uc.get_annotation(lib, a2).tags == ("B",)
    assert uc.get_annotation(lib, a1).tags == ("Alpha", "Alpha/C")

    assert uc.tag_usage(lib, tags["A"].id) == {"direct": 1, "total": 1, "descendants": 1}
    snap, changes = uc.delete_tag(lib, tags["A"].id)
    assert snap["usage"] == 1 and changes.annotations == {a1}
    assert uc.get_annotation(lib, a1).tags == ()
    uc.restore_tag(lib, snap)
    assert uc.get_annotation(lib, a1).tags == ("Alpha", "Alpha/C")
    uc.update_tag(lib, tags["A"].id, color="#112233", description="eerste")
    t = uc.resolve_tag(lib, "Alpha")
    assert (t.color, t.description) == ("#112233", "eerste")
    with pytest.raises(UserError, match="exists already"):
        uc.create_tag(lib, "Alpha/C")
    new_id, _ = uc.create_tag(lib, "C", parent_id=tags["B"].id, color="#010203")
    assert uc.resolve_tag(lib, "B/C").id == new_id
    with pytest.raises(UserError, match="names 2 tags"):
        uc.resolve_tag(lib, "C")


def test_annotations_are_found_by_id_prefix_or_unique_label(sample_library):
    lib = sample_library
    doc = doc_by_file(lib, "kamerbrief")
    first, _ = _make(lib, doc, "Daarnaast speelt de Mensenrechtenraad", 1, role="recommendation", label="1a")
    second, _ = _make(lib, doc, "het tegengaan van straffeloosheid", 1, role="recommendation", label="2")
    assert uc.resolve_annotation(lib, first[:8]).id == first
    assert uc.resolve_annotation(lib, "1A").id == first
    assert uc.resolve_annotation(lib, "2").id == second
    _make(lib, doc, "Op 17 oktober jl. is het Koninkrijk", 1, role="response", label="2")
    with pytest.raises(UserError, match="several"):
        uc.resolve_annotation(lib, "2")
    with pytest.raises(UserError, match="no annotation matches"):
        uc.resolve_annotation(lib, "9z")
