"""Shared fixtures. Core fixtures need no Qt; `qtbot` comes from pytest-qt."""
from __future__ import annotations

import contextlib
import os
import subprocess
import shutil
from pathlib import Path

import pytest

from app.domain import Document

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's own settings and library.
_TEST_HOME = Path(__import__("tempfile").mkdtemp(prefix="kanttekening-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_TEST_HOME / "config")
os.environ["XDG_DATA_HOME"] = str(_TEST_HOME / "data")
os.environ["KANTTEKENING_LOG_DIR"] = str(_TEST_HOME / "log")
os.environ["XDG_CACHE_HOME"] = str(_TEST_HOME / "cache")
os.environ["KANTTEKENING_CACHE_DIR"] = str(_TEST_HOME / "cache" / "kanttekening")
os.environ.pop("KANTTEKENING_LIBRARY", None)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SHARED = ROOT.parent / "shared"

REPORT = SAMPLES / "iob-evaluatie-mensenrechtenbeleid-2017-2022.pdf"
REPLY = SAMPLES / "kabinetsreactie-iob-evaluatie.pdf"
LETTER = SAMPLES / "kamerbrief-vn-mensenrechtenraad-2020.pdf"
NOTE = SAMPLES / "beleidsnota-mensenrechten-democratie-rechtsorde.pdf"
SCAN = SAMPLES / "beleidsnota-mensenrechten-democratie-rechtsorde-scan.pdf"
MEETING = SAMPLES / "bmo-overleg-minister.pdf"


@pytest.fixture
def library(tmp_path):
    """An empty library in a temporary folder."""
    from app.library import Library

    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def _sample_library_template(tmp_path_factory):
    """The six samples imported once per test session."""
    from app.importer import import_files
    from app.library import Library

    root = tmp_path_factory.mktemp("samples") / "lib"
    lib = Library.open(root)
    report = import_files(lib, [SAMPLES])
    assert not report.failed, [o.message for o in report.failed]
    lib.close()
    return root


@pytest.fixture
def sample_library(_sample_library_template, tmp_path):
    """A library with the six sample PDFs, a fresh copy for each test."""
    from app.library import Library

    root = tmp_path / "lib"
    shutil.copytree(_sample_library_template, root)
    lib = Library.open(root)
    yield lib
    lib.close()


@pytest.fixture
def make_window(qtbot):
    """Build a MainWindow on a library; closed (and its ops waited for) at the end."""
    from ui.application import create_application
    from ui.main_window import MainWindow

    create_application()
    windows = []

    def make(lib):
        window = MainWindow(lib)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for w in windows:
        w.ops.wait(30000)
        w.close()


def doc_by_file(lib, name: str) -> Document:
    """The document row whose file name starts with ``name``."""
    return lib.resolve_document(name)


@contextlib.contextmanager
def mounted_tmpfs(where: Path, size: str):
    """A small file system of its own at ``where`` (needs root, as CI runs):
    for filling a disk up for real. Skips the test where it cannot mount."""
    where.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
