"""A full disk, for real: a small tmpfs holds the library. The disk filling
up during an import or while annotating gives one line that says so, and
once space is freed the library is whole and takes the same work."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import mounted_tmpfs, LETTER, REPLY


@pytest.fixture
def tiny_disk(tmp_path):
    """A 3 MB file system of its own."""
    with mounted_tmpfs(tmp_path / "disk", "3m") as where:
        yield where


def _fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk up, then give back ``leave`` bytes."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(chunk)
                fh.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def _cli(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--library", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_line_disk_full(err: str) -> None:
    assert "disk is full" in err, err
    assert "Traceback" not in err and "disk I/O error" not in err and "damaged" not in err


def test_disk_full_during_import_then_space_freed(tiny_disk, capsys):
    root = tiny_disk / "lib"
    assert _cli(capsys, root, "import", str(LETTER))[0] == 0
    filler = _fill(tiny_disk, leave=48 * 1024)  # less than the reply's 108 KB
    code, out, err = _cli(capsys, root, "import", str(REPLY))
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and REPLY.name in lines[0]
    _one_line_disk_full(err)
    assert sorted(p.suffix for p in (root / "files").iterdir()) == [".pdf"]  # no half copy left
    filler.unlink()
    code, out, err = _cli(capsys, root, "check")
    assert code == 0, out + err
    code, out, err = _cli(capsys, root, "import", str(REPLY))
    assert code == 0 and "1 imported" in out, err
    assert _cli(capsys, root, "check")[0] == 0


def test_disk_full_while_annotating_then_space_freed(tiny_disk, capsys):
    from app import annotations
    from app.anchoring import find_quote
    from app.errors import explain
    from app.library import Library

    root = tiny_disk / "lib"
    assert _cli(capsys, root, "import", str(LETTER))[0] == 0
    lib = Library.open(root)
    doc = lib.resolve_document("kamerbrief")
    anchor = find_quote(lib.stored_file(doc), 1, "het tegengaan van straffeloosheid")
    note = "a long judgement " * 4000  # 68 KB: more than the disk has left
    filler = _fill(tiny_disk)
    try:
        with pytest.raises(Exception) as raised:
            annotations.create_annotation(
                lib, doc.id, page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote,
                prefix=anchor.prefix, suffix=anchor.suffix, role="comment", note=note,
            )
        said = explain(raised.value, library=root)
        assert said.kind == "disk_full"
        _one_line_disk_full(said.message)
        assert annotations.list_annotations(lib, doc.id) == []
    finally:
        lib.close()
    code, _, err = _cli(capsys, root, "annotate", "kamerbrief", "--page", "1",
                        "--quote", "het tegengaan van straffeloosheid", "--note", note)
    assert code == 1 and len(err.strip().splitlines()) == 1
    _one_line_disk_full(err)

    filler.unlink()
    code, out, err = _cli(capsys, root, "check")
    assert code == 0, out + err
    code, _, err = _cli(capsys, root, "annotate", "kamerbrief", "--page", "1",
                        "--quote", "het tegengaan van straffeloosheid", "--note", note)
    assert code == 0, err
    assert _cli(capsys, root, "check")[0] == 0
