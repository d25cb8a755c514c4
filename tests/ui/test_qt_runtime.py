"""The pinned Qt binding must survive a long session on every supported Python.

PySide6 6.12.0 on Python 3.11 took a reference from None with every Qt call
that returns nothing (and from True with every Signal.emit), so a window
aborted with "Fatal Python error: none_dealloc" after some thousands of
repaints. This runs far more calls than None has references and must exit
cleanly.
"""
import subprocess
import sys

from tests.conftest import ROOT

LOOP = r"""
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])

class Emitter(QObject):
    sig = Signal(int)

e, got, label = Emitter(), [], QLabel()
e.sig.connect(got.append)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for i in range(60000):
    label.setText("x")
    label.update()
    e.sig.emit(i)
assert len(got) == 60000
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_many_qt_calls_do_not_leak_references_or_abort():
    out = subprocess.run(
        [sys.executable, "-c", LOOP], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    none_delta, true_delta = map(int, out.stdout.split())
    assert abs(none_delta) < 1000 and abs(true_delta) < 1000
