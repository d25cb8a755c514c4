"""The window annotates with the mouse and keys, imports through its own op
thread, while six command-line writers work on the same library: every
write lands, none is refused, the window never sees an error."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from app import annotations as uc
from tests.conftest import MEETING, doc_by_file
from tests.reader.test_reader_ui import QUOTE_1A, _select_quote

CLI_QUOTE = "Initiatieven tot burden-sharing tussen EU-delegaties en ambassades zijn hard nodig."


@pytest.mark.slow
def test_window_and_command_line_write_together(qtbot, sample_library, open_window, tmp_path):
    lib = sample_library
    window = open_window(lib)
    failures: list[str] = []
    doc = doc_by_file(lib, "iob-evaluatie")
    window.open_document(doc.id)
    tab = window.tabs.currentWidget()

    # A new PDF for the window's own import op: the meeting report under another name
    # with a byte appended (another SHA-256, same text).
    extra = tmp_path / "verslag-kopie.pdf"
    shutil.copy(MEETING, extra)
    with extra.open("ab") as f:
        f.write(b"\n% copy\n")

    env = {**os.environ, "KANTTEKENING_WRITE_TIMEOUT": "60"}
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--library", str(lib.root), "annotate",
             MEETING.name, "--page", "1", "--quote", CLI_QUOTE, "--note", f"cli-{r}-{w}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for r in range(2) for w in range(6)
    ]
    with qtbot.waitSignal(window.sig_import_finished, timeout=120000) as imported:
        window.import_paths([extra])
        for _ in range(4):
            _select_quote(qtbot, tab, 91, QUOTE_1A)
            window.activateWindow()  # the import's progress row may have taken it
            qtbot.waitUntil(window.isActiveWindow, timeout=5000)
            qtbot.keyClick(tab.view, Qt.Key.Key_1)
            tab.view.setFocus()
    assert not imported.args[0].failed
    for proc in writers:
        out, err = proc.communicate(timeout=300)
        if proc.returncode != 0 or "Traceback" in err or "locked" in err:
            failures.append(f"{proc.returncode}: {err.strip()[-300:]}")
    assert not failures, failures

    mine = [a for a in uc.list_annotations(lib, doc.id) if a.role == "recommendation"]
    assert len(mine) == 4
    meeting = doc_by_file(lib, MEETING.name)
    notes = {a.note for a in uc.list_annotations(lib, meeting.id)}
    assert {f"cli-{r}-{w}" for r in range(2) for w in range(6)} <= notes
    assert lib.resolve_document("verslag-kopie.pdf")
    assert window.undo_stack.count() == 4


def test_what_a_command_writes_shows_in_the_open_window(qtbot, sample_library, open_window):
    """The library table counts an annotation that another process made."""
    lib = sample_library
    window = open_window(lib)
    view = window.library_view
    meeting = doc_by_file(lib, MEETING.name)

    def count_shown() -> str:
        model = view.table.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data() == meeting.title:
                return str(model.index(row, 3).data())
        return ""

    assert count_shown() == "0"
    proc = subprocess.run(
        [sys.executable, "-m", "app", "--library", str(lib.root), "annotate",
         MEETING.name, "--page", "1", "--quote", CLI_QUOTE, "--note", "van buiten"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    with qtbot.waitSignal(window.sig_changes, timeout=10000) as changed:
        pass
    assert changed.args[0].annotations
    qtbot.waitUntil(lambda: count_shown() == "1", timeout=5000)
