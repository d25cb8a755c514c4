"""The command line as scripts and tests use it."""
import json
import os
import signal
import subprocess
import sys

import pytest

from app.cli import main
from tests.conftest import LETTER, MEETING, REPORT, ROOT, SAMPLES, SCAN


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and "kanttekening" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("import", "documents", "show", "check"):
        assert command in out


def test_import_documents_show_check(tmp_path, capsys):
    lib = str(tmp_path / "lib")
    code, out, err = run(capsys, "--library", lib, "import", "--no-ocr", str(LETTER), str(SCAN))
    assert code == 0, err
    assert "2 imported" in out
    code, out, _ = run(capsys, "--library", lib, "import", str(LETTER))
    assert code == 0 and "already" in out
    code, out, _ = run(capsys, "--library", lib, "documents", "--json")
    docs = json.loads(out)
    assert {d["file_name"] for d in docs} == {LETTER.name, SCAN.name}
    keys = {"id", "title", "kind", "file_name", "sha256", "pages", "pages_with_text", "annotations"}
    assert all(keys <= set(d) for d in docs)
    scan = next(d for d in docs if d["file_name"] == SCAN.name)
    assert scan["pages"] == 29 and scan["pages_with_text"] == 0
    # DOC by id prefix and by file name.
    code, out, _ = run(capsys, "--library", lib, "show", scan["id"][:6], "--json")
    assert code == 0 and json.loads(out)["id"] == scan["id"]
    code, out, _ = run(capsys, "--library", lib, "show", LETTER.name)
    assert code == 0 and "Kamerbrief" in out
    code, out, err = run(capsys, "--library", lib, "show", "nothing-like-this")
    assert code == 1 and "no document matches" in err
    code, out, _ = run(capsys, "--library", lib, "check")
    assert code == 0 and "in order" in out


def test_failed_import_exits_non_zero_with_one_line_per_file(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    code, out, err = run(capsys, "--library", str(tmp_path / "lib"), "import", str(bad), str(MEETING))
    assert code == 1
    assert f"{bad}: not a PDF file" in err
    assert "1 imported" in out


def test_check_fails_when_a_file_is_missing(tmp_path, capsys):
    lib = str(tmp_path / "lib")
    run(capsys, "--library", lib, "import", str(MEETING))
    for f in (tmp_path / "lib" / "files").iterdir():
        f.unlink()
    code, out, _ = run(capsys, "--library", lib, "check")
    assert code == 1 and "missing" in out


def test_library_from_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KANTTEKENING_LIBRARY", str(tmp_path / "envlib"))
    code, _, _ = run(capsys, "import", str(MEETING))
    assert code == 0 and (tmp_path / "envlib" / "library.sqlite").is_file()


@pytest.mark.parametrize("after_files", [1, 3, 5])
def test_killing_an_import_leaves_a_library_that_check_passes(tmp_path, after_files):
    """Kill -9 the importer right after it reported N files: mid-import."""
    lib = tmp_path / "lib"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "app", "--library", str(lib), "import", str(SAMPLES)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    seen = 0
    for line in proc.stdout:
        seen += line.startswith("imported")
        if seen >= after_files:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert seen == after_files
    check = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(lib), "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    again = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(lib), "import", str(SAMPLES)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert again.returncode == 0, again.stderr
    docs = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(lib), "documents", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert len(json.loads(docs.stdout)) == 6


def test_without_a_screen_the_window_command_explains_instead_of_crashing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(tmp_path / "lib")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 1
    assert "no screen" in out.stderr and "--help" in out.stderr
