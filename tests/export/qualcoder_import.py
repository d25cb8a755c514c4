"""Import a .qdpx with QualCoder's own REFI-QDA importer and print what it stored.

    QUALCODER_SOURCE=DIR python qualcoder_import.py PROJECT.qdpx WORKDIR

Runs in QualCoder's own environment (PyQt6, PyMuPDF, Pillow, lxml, openpyxl;
see ``make .venv-qualcoder/.installed``), never in Kanttekening's. ``DIR`` holds
the ``qualcoder`` package (ccbogel/QualCoder ``src/qualcoder``). The project
database is made from the ``CREATE TABLE`` statements of QualCoder's own
``MainWindow.new_project``, read from its source, so it is the schema QualCoder
itself makes. The few things ``RefiImport`` asks of QualCoder's app object and
its dialogs are stood in for: the file dialog answers with PROJECT, the
closing message box is not shown. Writes WORKDIR/result.json: sources, codes, text
codings, area codings, annotations and journal entries, as QualCoder's tables
hold them.
"""
from __future__ import annotations

import ast
import builtins
import json
import os
import sqlite3
import sys
import types
from pathlib import Path


def create_statements(main_py: Path) -> list[str]:
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            out = []
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "execute" and call.args
                        and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
                        and call.args[0].value.lstrip().upper().startswith("CREATE TABLE")):
                    out.append(call.args[0].value)
            return out
    raise SystemExit("new_project() not found in QualCoder's __main__.py")


def stand_in_media_player() -> None:
    # QtMultimedia needs audio libraries a test machine may lack; RefiImport never plays media.
    try:
        import PyQt6.QtMultimedia  # noqa: F401
    except ImportError:
        mod = types.ModuleType("qualcoder.media_player_qt")
        mod.MediaInstance = object
        mod.make_vlc_instance = lambda *a, **k: None
        sys.modules["qualcoder.media_player_qt"] = mod


class TextEdit:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def append(self, text: str) -> None:
        self.lines.append(str(text))


def main(qdpx: str, workdir: str) -> int:
    source = Path(os.environ["QUALCODER_SOURCE"]).resolve()
    sys.path.insert(0, str(source))
    builtins._ = lambda s: s  # gettext, as QualCoder installs it at start
    stand_in_media_player()
    from PyQt6 import QtWidgets

    app_qt = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["qualcoder-import"])
    import qualcoder.refi as refi

    project = Path(workdir) / "import.qda"
    for sub in ("images", "audio", "video", "documents"):
        (project / sub).mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(project / "data.qda")
    for sql in create_statements(source / "qualcoder" / "__main__.py"):
        conn.execute(sql)
    conn.commit()

    class App:
        settings = {"directory": workdir, "codername": "default", "ai_enable": "False"}
        ai_models: list = []
        project_path = str(project)
        project_events = None

        def __init__(self) -> None:
            self.conn = conn

        def write_config_ini(self, settings, ai_models) -> None:  # noqa: ANN001
            pass

    class Message:
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            pass

        def exec(self) -> int:
            return 0

    refi.Message = Message
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (qdpx, "*.qdpx"))
    log = TextEdit()
    refi.RefiImport(App(), log, "qdpx")

    def rows(sql: str) -> list[dict]:
        cur = conn.execute(sql)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    out = {
        "sources": rows("select id, name, fulltext, mediapath, owner, date from source order by id"),
        "codes": rows("select c.cid, c.name, k.name as category from code_name c "
                      "left join code_cat k on k.catid = c.catid order by c.cid"),
        "code_text": rows("select t.fid, c.name as code, t.seltext, t.pos0, t.pos1, t.owner, t.memo, t.date "
                          "from code_text t left join code_name c on c.cid = t.cid order by t.fid, t.pos0, c.name"),
        "code_image": rows("select i.id as fid, c.name as code, i.pdf_page, i.x1, i.y1, i.width, i.height, "
                           "i.memo, i.owner from code_image i left join code_name c on c.cid = i.cid "
                           "order by i.id, i.pdf_page, c.name"),
        "annotations": rows("select fid, pos0, pos1, memo, owner, date from annotation order by fid, pos0"),
        "journals": rows("select name, jentry, owner, date from journal order by name"),
        "documents": sorted(p.name for p in (project / "documents").iterdir()),
        "log": log.lines,
    }
    # QualCoder prints on standard output itself; the result goes to a file.
    with open(Path(workdir) / "result.json", "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False)
    app_qt.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
