"""Hostile bundles are refused with a message and change nothing."""
from __future__ import annotations

import copy
import json

import pytest

from app.cli import main
from app.domain import UserError
from app.export import bundle_parse
from app.export.bundle import build_bundle
from app.export.bundle_merge import import_bundle
from tests.export.test_bundle import snapshot


@pytest.fixture
def good(linked):
    return build_bundle(linked.lib)


def write(tmp_path, data, name="b.jsonld") -> str:
    path = tmp_path / name
    if isinstance(data, (bytes, str)):
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    else:
        path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def refused(lib, path, *words) -> str:
    before = snapshot(lib)
    with pytest.raises(UserError) as info:
        import_bundle(lib, path)
    assert snapshot(lib) == before
    message = str(info.value)
    for w in words:
        assert w in message, message
    return message


def first_item(bundle) -> dict:
    return bundle["first"]["items"][0]


def rec_item(bundle) -> dict:
    return next(it for it in bundle["first"]["items"]
                if {"type": "TextualBody", "purpose": "classifying", "value": "recommendation"} in it["body"])


def test_not_json(sample_library, tmp_path):
    refused(sample_library, write(tmp_path, "this is not JSON {"), "not JSON")
    refused(sample_library, write(tmp_path, b"\xff\xfe\x00garbage"), "UTF-8")
    refused(sample_library, write(tmp_path, b""), "not JSON")
    refused(sample_library, str(tmp_path), "not a file")


def test_wrong_types(linked, good, tmp_path):
    lib = linked.lib
    refused(lib, write(tmp_path, [1, 2, 3]), "expected an object")
    refused(lib, write(tmp_path, {"type": "Annotation"}), "AnnotationCollection")
    bad = copy.deepcopy(good)
    bad["first"]["items"] = "everything"
    refused(lib, write(tmp_path, bad), "first.items", "expected a list")
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["rects"][0][1] = "left"
    refused(lib, write(tmp_path, bad), "rects", "expected a number")
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["selector"][0]["value"] = "page=twelve"
    refused(lib, write(tmp_path, bad), "page=N")
    bad = copy.deepcopy(good)
    first_item(bad)["body"] = [{"type": "TextualBody", "purpose": "classifying", "value": "virus"}]
    refused(lib, write(tmp_path, bad), "role")
    bad2 = copy.deepcopy(good)
    for it in bad2["first"]["items"]:
        for b in it["body"]:
            if b.get("purpose") == "linking":
                b["stance"] = "enthusiastic"
    refused(lib, write(tmp_path, bad2), "stance")
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["rects"][0][1] = float("nan")
    refused(lib, write(tmp_path, json.dumps(bad)), "NaN")


def test_absurd_sizes(linked, good, tmp_path, monkeypatch):
    lib = linked.lib
    path = write(tmp_path, good)
    monkeypatch.setattr(bundle_parse, "MAX_BYTES", 1000)
    refused(lib, path, "larger than the limit")
    monkeypatch.undo()
    monkeypatch.setattr(bundle_parse, "MAX_ANNOTATIONS", 5)
    refused(lib, path, "more than the limit of 5")
    monkeypatch.undo()
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["rects"][0][2] = 1e300
    refused(lib, write(tmp_path, bad), "out of range")
    bad = copy.deepcopy(good)
    body = [b for b in rec_item(bad)["body"] if b["purpose"] == "identifying"][0]
    body["value"] = "x" * 5000
    refused(lib, write(tmp_path, bad), "longer than the limit")
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["rects"][0][0] = 4000  # the document has far fewer pages
    refused(lib, write(tmp_path, bad), "points to page 4000")


def test_deeply_nested(linked, good, tmp_path):
    lib = linked.lib
    refused(lib, write(tmp_path, "[" * 200_000 + "]" * 200_000), "nested")
    bad = copy.deepcopy(good)
    deep: dict = {}
    cur = deep
    for _ in range(40):
        cur["x"] = {}
        cur = cur["x"]
    first_item(bad)["extra"] = deep
    refused(lib, write(tmp_path, bad), "nested deeper")


def test_ids_and_paths_that_escape(linked, good, tmp_path):
    lib = linked.lib
    for bad_id in ("../../library.sqlite", "urn:uuid:../../etc/passwd", "/etc/passwd", "file:///etc/passwd"):
        bad = copy.deepcopy(good)
        first_item(bad)["id"] = bad_id
        refused(lib, write(tmp_path, bad), "id")
    for name in ("../../evil.pdf", "/tmp/evil.pdf", "C:\\Windows\\evil.pdf", "sub/dir.pdf", "a\x00b.pdf"):
        bad = copy.deepcopy(good)
        first_item(bad)["target"]["source"]["fileName"] = name
        refused(lib, write(tmp_path, bad))
    bad = copy.deepcopy(good)
    first_item(bad)["target"]["source"]["id"] = "urn:sha256:../../files/x"
    refused(lib, write(tmp_path, bad), "urn:sha256")


def test_bad_dates(linked, good, tmp_path):
    for value in ("yesterday", "2026-13-45T10:00:00Z", "2026-11-20", "0001-01-01T00:00:00Z", 20261120):
        bad = copy.deepcopy(good)
        first_item(bad)["modified"] = value
        refused(linked.lib, write(tmp_path, bad), "modified")


def test_duplicates_loops_and_lies(linked, good, tmp_path):
    lib = linked.lib
    bad = copy.deepcopy(good)
    bad["first"]["items"].append(copy.deepcopy(first_item(bad)))
    bad["total"] += 1
    refused(lib, write(tmp_path, bad), "appears twice")
    bad = copy.deepcopy(good)
    bad["total"] = 3
    refused(lib, write(tmp_path, bad), "total")
    bad = copy.deepcopy(good)
    a, b = bad["tags"][0], bad["tags"][1]
    a["parent"], b["parent"] = b["id"], a["id"]
    refused(lib, write(tmp_path, bad), "loop")
    text = json.dumps(good)
    refused(lib, write(tmp_path, text.replace('"type": "AnnotationCollection"',
                                              '"type": "AnnotationCollection", "type": "X"', 1)), "twice")


def test_a_valid_bundle_still_imports_after_all_that(linked, good, tmp_path):
    report = import_bundle(linked.lib, write(tmp_path, good))
    assert report.unchanged == 13


def test_command_line_reports_a_refusal(sample_library, tmp_path, capsys):
    path = write(tmp_path, "[" * 10_000)
    root = str(sample_library.root)
    sample_library.close()
    assert main(["--library", root, "import-bundle", path]) == 1
    assert "refused" in capsys.readouterr().err


def test_too_many_new_tags(linked, good, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_parse, "MAX_TAGS", 3)
    bad = copy.deepcopy(good)
    bad["tags"] = []
    for it in bad["first"]["items"]:
        it["body"] = [b for b in it["body"] if b["purpose"] != "tagging"]
    first_item(bad)["body"] += [{"type": "TextualBody", "purpose": "tagging", "value": f"t{i}"} for i in range(5)]
    refused(linked.lib, write(tmp_path, bad), "more than 3 different tags")
    monkeypatch.undo()
    bad = copy.deepcopy(good)
    first_item(bad)["body"].append({"type": "TextualBody", "purpose": "tagging", "value": "/".join("x" * 30)})
    refused(linked.lib, write(tmp_path, bad), "nested deeper")
