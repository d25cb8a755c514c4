"""The command line: detect, apply, list, suggest, link, unlink."""
from __future__ import annotations

import json

from app.cli import main
from tests.conftest import doc_by_file


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_detect_apply_suggest_link_list_unlink(capsys, sample_library):
    lib = sample_library
    root = str(lib.root)
    report = doc_by_file(lib, "iob-evaluatie").id
    lib.close()
    code, out, _ = run(capsys, "--library", root, "recommendations", "detect", report[:8])
    assert code == 0 and "30 to store" in out and "(also printed on page 14 as 3d-3)" in out
    code, out, _ = run(capsys, "--library", root, "recommendations", "detect", report, "--json")
    items = json.loads(out)["items"]
    assert len(items) == 66 and items[1]["label"] == "1a" and items[1]["twin"] == 34
    code, out, _ = run(capsys, "--library", root, "recommendations", "detect", report, "--apply", "--json")
    assert code == 0 and len(json.loads(out)["created"]) == 30
    code, out, _ = run(capsys, "--library", root, "recommendations", "list", "--json")
    data = json.loads(out)
    assert data["summary"]["recommendations"] == 30 and data["summary"]["covered"] == 0
    rec = next(r for r in data["recommendations"] if r["label"] == "2d")
    assert rec["stance"] is None and rec["note"] == "Ook afgedrukt op pagina 92 als 2d."  # the report's language
    code, out, _ = run(capsys, "--library", root, "recommendations", "suggest", rec["id"][:10], "--json",
                       "--limit", "3")
    cands = json.loads(out)
    assert cands[0]["stance"] == "rejected" and cands[0]["cue"] == "niet wenselijk"
    code, out, _ = run(capsys, "--library", root, "recommendations", "suggest", rec["id"], "--link", "1")
    assert code == 0 and "as rejected" in out
    code, out, _ = run(capsys, "--library", root, "recommendations", "list", "--json")
    rec = next(r for r in json.loads(out)["recommendations"] if r["label"] == "2d")
    response = rec["responses"][0]["response"]["id"]
    assert rec["stance"] == "rejected" and rec["covered"]
    code, out, _ = run(capsys, "--library", root, "link", response, rec["id"], "--stance", "partial",
                       "--note", "fund kept apart", "--json")
    assert json.loads(out)["updated"] is True
    code, out, _ = run(capsys, "--library", root, "recommendations", "list")
    assert "[partly accepted]" in out and "fund kept apart" in out and "coverage 1/30" in out
    code, _, err = run(capsys, "--library", root, "link", rec["id"], response, "--stance", "accepted")
    assert code == 1 and "not a recommendation" in err
    code, out, _ = run(capsys, "--library", root, "link", "none", rec["id"], "--stance", "none")
    assert code == 0 and "no response" in out
    code, out, _ = run(capsys, "--library", root, "unlink", response, rec["id"])
    assert code == 0
    code, out, _ = run(capsys, "--library", root, "recommendations", "list", "--json")
    summary = json.loads(out)["summary"]
    assert summary["covered"] == 0 and summary["per_stance"]["none"] == 1
    code, _, err = run(capsys, "--library", root, "unlink", response, rec["id"])
    assert code == 1 and "not linked" in err
