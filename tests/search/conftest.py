"""Fixtures for the search tests: the samples imported and indexed once."""
from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def _indexed_template(_sample_library_template, tmp_path_factory):
    from app import search_service
    from app.library import Library

    root = tmp_path_factory.mktemp("indexed") / "lib"
    shutil.copytree(_sample_library_template, root)
    lib = Library.open(root)
    search_service.rebuild_index(lib)
    search_service.close_engine(lib)
    index = lib.index_dir
    lib.close()
    return root, index


@pytest.fixture
def indexed_library(_indexed_template, tmp_path):
    """The six samples with an up-to-date search index (a fresh copy)."""
    from app import search_service
    from app.library import Library

    template, index = _indexed_template
    root = tmp_path / "lib"
    shutil.copytree(template, root)
    lib = Library.open(root)
    # The index lives in the cache folder under the library's place: copy
    # it to where this copy's index belongs.
    shutil.copytree(index, lib.index_dir)
    yield lib
    search_service.close_engine(lib)
    shutil.rmtree(lib.index_dir, ignore_errors=True)
    lib.close()


@pytest.fixture
def search_window(qtbot, indexed_library):
    """A main window on the indexed samples, with the search feature."""
    from ui.application import create_application
    from ui.main_window import MainWindow

    create_application()
    window = MainWindow(indexed_library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.ops.wait(30000)
    window.close()
