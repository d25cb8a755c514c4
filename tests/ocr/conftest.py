"""Fixtures for the OCR tests: two pages of the sample scan and of its text
version (the whole scan is recognised only in the bench: 29 pages take minutes
on two cores). Needs Tesseract with Dutch (``.ci/run`` installs it)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import NOTE, SCAN

PAGES = [2, 3]  # 1-based pages of the note used in the ordinary tests


def subset(source: Path, pages: list[int], out: Path) -> Path:
    import pymupdf

    with pymupdf.open(source) as doc:
        doc.select([p - 1 for p in pages])
        doc.save(out)
    return out


@pytest.fixture(scope="session")
def ocr_pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ocr-pdfs")
    return {
        "scan": subset(SCAN, PAGES, folder / "nota-scan-p2-3.pdf"),
        "text": subset(NOTE, PAGES, folder / "nota-tekst-p2-3.pdf"),
        "scan1": subset(SCAN, [2], folder / "nota-scan-p2.pdf"),
    }


@pytest.fixture(scope="session")
def _ocr_template(ocr_pdfs, tmp_path_factory) -> Path:
    """Both subsets imported through the command line, which recognises the scan."""
    from app import search_service
    from app.cli import main
    from app.library import Library

    root = tmp_path_factory.mktemp("ocr-lib") / "lib"
    assert main(["--library", str(root), "import", str(ocr_pdfs["text"]), str(ocr_pdfs["scan"])]) == 0
    lib = Library.open(root)
    search_service.rebuild_index(lib)
    search_service.close_engine(lib)
    lib.close()
    return root


@pytest.fixture
def ocr_library(_ocr_template, tmp_path):
    """A fresh copy of the library with the recognised scan and its text version."""
    from app import search_service
    from app.library import Library

    root = tmp_path / "lib"
    shutil.copytree(_ocr_template, root)
    lib = Library.open(root)
    yield lib
    search_service.close_engine(lib)
    lib.close()


def doc_named(lib, fragment: str):
    from storage import records

    return next(d for d in records.list_documents(lib.db) if fragment in d.file_name)


from tests.reader.conftest import open_window  # noqa: E402,F401 - the reader's window fixture
