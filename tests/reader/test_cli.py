"""The annotate, annotations, delete-annotation and tags commands."""
from __future__ import annotations

import json

from app.cli import main


def _json(capsys):
    return json.loads(capsys.readouterr().out)


def test_annotate_list_tags_delete(sample_library, capsys):
    root = str(sample_library.root)
    sample_library.close()
    assert main(["--library", root, "annotate", "kamerbrief", "--page", "1", "--quote",
                 "Daarnaast speelt de Mensenrech-\ntenraad", "--role", "recommendation",
                 "--label", "1a", "--tag", "Thema/VN", "--tag", "urgent", "--note", "n",
                 "--json"]) == 0
    ann = _json(capsys)
    assert ann["quote"] == "Daarnaast speelt de Mensenrechtenraad"
    assert (ann["page"], ann["role"], ann["label"], ann["tags"]) == (1, "recommendation", "1a",
                                                                      ["Thema/VN", "urgent"])
    assert main(["--library", root, "annotate", "kamerbrief", "--page", "1", "--quote",
                 "het tegengaan van straffeloosheid"]) == 0
    second = capsys.readouterr().out.strip()
    assert len(second) == 32

    assert main(["--library", root, "annotations", "kamerbrief", "--tag", "Thema", "--json"]) == 0
    rows = _json(capsys)
    assert [r["id"] for r in rows] == [ann["id"]]
    assert set(rows[0]) >= {"id", "document", "page", "role", "label", "quote", "note", "tags",
                            "created", "modified"}
    assert main(["--library", root, "annotations", "--role", "comment"]) == 0
    assert second[:8] in capsys.readouterr().out

    assert main(["--library", root, "tags", "--json"]) == 0
    tree = _json(capsys)
    assert [(t["path"], t["total"]) for t in tree] == [("Thema", 1), ("urgent", 1)]

    assert main(["--library", root, "delete-annotation", second[:10]]) == 0
    capsys.readouterr()
    assert main(["--library", root, "annotations", "--json"]) == 0
    assert len(_json(capsys)) == 1


def test_errors_are_clear(sample_library, capsys):
    root = str(sample_library.root)
    sample_library.close()
    assert main(["--library", root, "annotate", "kamerbrief", "--page", "1", "--quote",
                 "Mensenrechtenraad"]) == 1
    assert "quote more text" in capsys.readouterr().err
    assert main(["--library", root, "annotate", "kamerbrief", "--page", "2", "--quote",
                 "bestaat niet"]) == 1
    assert "the quote was not found on page 2" in capsys.readouterr().err
    assert main(["--library", root, "annotations", "--tag", "nope"]) == 1
    assert "no tag 'nope'" in capsys.readouterr().err
