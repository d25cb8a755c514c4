"""An edit acknowledged by a use case survives the process being killed at once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from app import annotations as uc
from app.library import Library
from tests.conftest import ROOT

CHILD = textwrap.dedent(
    """
    import sys, time
    from app import annotations as uc
    from app.anchoring import find_quote
    from app.library import Library

    lib = Library.open(sys.argv[1])
    doc = lib.resolve_document("kamerbrief")
    a = find_quote(lib.document_file(doc), 1, "het tegengaan van straffeloosheid")
    ann_id, _ = uc.create_annotation(lib, doc.id, page_no=1, rects=a.rects, quote=a.quote,
                                     role="recommendation", tags=["Straffeloosheid"])
    uc.update_annotation(lib, ann_id, label="1a", note="stored before the kill")
    print(ann_id, flush=True)
    time.sleep(60)  # killed long before this ends
    """
)


def test_edit_survives_sigkill_right_after(sample_library):
    root = sample_library.root
    sample_library.close()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(root)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        ann_id = proc.stdout.readline().strip()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert len(ann_id) == 32
    lib = Library.open(root)
    try:
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = uc.get_annotation(lib, ann_id)
        assert (row.label, row.note, row.tags) == ("1a", "stored before the kill", ("Straffeloosheid",))
    finally:
        lib.close()
