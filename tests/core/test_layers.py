"""The core runs without Qt: app, storage and search import with PySide6 blocked."""
import subprocess
import sys

from tests.conftest import ROOT

BLOCKER = r"""
import importlib, importlib.abc, pkgutil, sys

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
            raise ImportError(f"blocked: {name}")
        return None

sys.meta_path.insert(0, Block())
count = 0
for pkg in ("app", "storage", "search"):
    mod = importlib.import_module(pkg)
    count += 1
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        importlib.import_module(info.name)
        count += 1
assert not any(m.startswith("PySide6") for m in sys.modules), "PySide6 was imported"
print(count)
"""


def test_core_imports_without_pyside6():
    out = subprocess.run(
        [sys.executable, "-c", BLOCKER], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 10  # every module of the three packages was imported


def test_blocker_really_blocks():
    code = BLOCKER.replace('for pkg in ("app", "storage", "search")', 'for pkg in ("ui",)')
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode != 0 and "blocked: PySide6" in out.stderr


def test_the_window_process_does_not_load_pymupdf():
    """PyMuPDF (~0.4 s to import) lives in the import and render child processes only."""
    code = (
        "import sys\n"
        "import ui.main_window, ui.reader.plugin, ui.search.plugin, ui.recommendations.plugin, ui.export.plugin\n"
        "print('pymupdf' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def _sql_in(package: str) -> list[str]:
    """SQL statements written as string literals, and ``.execute*`` calls, in
    a package's modules (docstrings left out)."""
    import ast
    import re

    statement = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|BEGIN|COMMIT|ROLLBACK|CREATE|ALTER|DROP)\b")
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and statement.match(node.value)):
                found.append(f"{where}:{node.lineno}: {node.value.strip()[:40]}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "executescript")):
                found.append(f"{where}:{node.lineno}: .{node.func.attr}(")
    return found


def test_sql_only_in_storage():
    assert _sql_in("app") == []
    assert _sql_in("ui") == []
    # The same scan finds the queries where they belong.
    assert any("records.py" in hit for hit in _sql_in("storage"))
