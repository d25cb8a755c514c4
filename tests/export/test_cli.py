"""The export commands as a user types them."""
from __future__ import annotations

import json

from app.cli import main
from app.usecases import remove_document


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_commands(linked, tmp_path, capsys):
    root = linked.lib.root
    linked.lib.close()
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "s.md",
                         "--tag", "capaciteit", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["recommendations"] == 1 and result["file"].endswith("s.md")
    # the sample documents are Dutch, so the summary is in Dutch unless --language says otherwise
    assert "Aanbeveling 1b" in (tmp_path / "s.md").read_text(encoding="utf-8")
    code, out, err = run(capsys, "--library", root, "export", "summary", "--format", "csv",
                         "-o", tmp_path / "register.txt", "--role", "recommendation")
    assert code == 0 and "wrote" in out and (tmp_path / "register.txt").read_text(encoding="utf-8-sig").startswith(
        "recommendation_label,")
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "s.odt")
    assert code == 1 and "unknown summary format" in err
    code, out, err = run(capsys, "--library", root, "export", "summary", "-o", tmp_path / "no" / "s.md")
    assert code == 1 and "does not exist" in err
    code, out, err = run(capsys, "--library", root, "export", "pdf", "kabinetsreactie", "-o", tmp_path / "r.pdf")
    assert code == 0 and "5 PDF annotations" in out
    code, out, err = run(capsys, "--library", root, "export", "bundle", "-o", tmp_path / "b.jsonld")
    assert code == 0 and "13 annotations" in out
    code, out, err = run(capsys, "--library", root, "export", "qdpx", "-o", tmp_path / "p.qdpx")
    assert code == 0 and "6 sources" in out
    code, out, err = run(capsys, "--library", root, "import-bundle", tmp_path / "b.jsonld", "--json")
    assert code == 0 and json.loads(out)["unchanged"] == 13


def test_waiting_annotations_are_listed(linked, second_library, tmp_path, capsys):
    from app.export.bundle import export_bundle

    export_bundle(linked.lib, tmp_path / "b.jsonld")
    remove_document(second_library, second_library.resolve_document("kabinetsreactie").id)
    root = second_library.root
    second_library.close()
    code, out, err = run(capsys, "--library", root, "waiting")
    assert code == 0 and "no annotations are waiting" in out
    code, out, err = run(capsys, "--library", root, "import-bundle", tmp_path / "b.jsonld")
    assert code == 0 and "5 annotation(s) wait for documents not in this library: kabinetsreactie" in out
    code, out, err = run(capsys, "--library", root, "waiting", "--json")
    assert json.loads(out)[0]["annotations"] == 5 and json.loads(out)[0]["links"] == 5
