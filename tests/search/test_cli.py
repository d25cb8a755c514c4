"""``kanttekening search`` and ``reindex``."""
from __future__ import annotations

import json

from app.cli import main
from tests.conftest import LETTER


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_search_json(sample_library, capsys):
    root = str(sample_library.root)
    # No index yet: the command builds it first.
    code, out, err = run(capsys, "--library", root, "search", "Mensenrechtenraad", "--json", "--limit", "5")
    assert code == 0, err
    hits = json.loads(out)
    assert 1 <= len(hits) <= 5
    for h in hits:
        assert set(h) >= {"document", "title", "page", "kind", "annotation", "score", "snippet"}
        assert h["kind"] == "page" and h["annotation"] is None and h["page"] >= 1
        assert "«" in h["snippet"] and h["matched"]
    letter = sample_library.resolve_document(LETTER.name)
    code, out, _ = run(capsys, "--library", root, "search", "Mensenrechtenraad", "--doc", LETTER.name, "--json")
    assert {h["document"] for h in json.loads(out)} == {letter.id}


def test_no_hits(sample_library, capsys):
    code, out, _ = run(capsys, "--library", str(sample_library.root), "search", "qqzzyxw", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "--library", str(sample_library.root), "search", "qqzzyxw")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "--library", str(sample_library.root), "search", '"unclosed', "OR")
    assert code == 0


def test_text_output_and_reindex(sample_library, capsys):
    root = str(sample_library.root)
    code, out, err = run(capsys, "--library", root, "reindex")
    assert code == 0 and "rebuilt" in out, err
    code, out, _ = run(capsys, "--library", root, "search", "aanbeveling", "--limit", "3")
    assert code == 0 and out.count("«") >= 3
    code, _, err = run(capsys, "--library", root, "search", "x", "--limit", "0")
    assert code == 1 and "limit" in err


def test_annotation_hits_in_json(sample_library, capsys):
    from app.annotations import create_annotation

    lib = sample_library
    letter = lib.resolve_document(LETTER.name)
    ann_id, _ = create_annotation(
        lib, letter.id, page_no=3, rects=[[3, 72, 100, 500, 120]],
        quote="de Mensenrechtenraad", role="recommendation", label="R1", note="kwartelkoning",
    )
    code, out, err = run(capsys, "--library", str(lib.root), "search", "kwartelkoning", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert [(h["kind"], h["annotation"], h["page"], h["document"]) for h in hits] == [
        ("annotation", ann_id, 3, letter.id)
    ]
    # The snippet is the source's words; the reviewer's note is its own field.
    assert hits[0]["note"] == "kwartelkoning" and "kwartelkoning" not in hits[0]["snippet"]
    assert hits[0]["passage"] == "de Mensenrechtenraad" and hits[0]["label"] == "R1"
    code, out, _ = run(capsys, "--library", str(lib.root), "search", "kwartelkoning")
    lines = out.splitlines()
    assert "kwartelkoning" not in lines[1] and lines[2].strip() == "note: «kwartelkoning»"
