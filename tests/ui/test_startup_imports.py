"""The window process skips sqlite-utils' command-line machinery at start-up
(``ui.startup``) and still has all of sqlite-utils when something uses it."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import os
import sys
from ui.startup import skip_sqlite_utils_cli
skip_sqlite_utils_cli()
import sqlite_utils
db = sqlite_utils.Database(memory=True)
db["t"].insert_all([{"a": 1}, {"a": 2}])
assert db.execute("select sum(a) from t").fetchone()[0] == 3
loaded = sorted(m for m in ("click.core", "pluggy", "dateutil.parser") if m in sys.modules)
print("loaded:", loaded)
import click
from sqlite_utils.utils import progressbar
with progressbar(range(3), silent=False, file=open(os.devnull, "w")) as bar:  # its own use of click
    assert list(bar) == [0, 1, 2]
assert "click.core" in sys.modules and callable(click.echo)
from sqlite_utils import recipes
assert recipes.parsedate("2026-12-02") == "2026-12-02"
print("ok")
"""


def test_window_process_defers_the_command_line_stack_and_keeps_sqlite_utils_whole():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "loaded: []" in out.stdout
    assert out.stdout.strip().endswith("ok")
