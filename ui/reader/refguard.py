"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here: with PySide6-Essentials 6.12.0 (abi3 wheel) on CPython 3.11,
every call of a Qt method that returns nothing takes one reference from
``None`` without having given it, and ``Signal.emit()`` does the same to
``True``. ``None`` starts with about 5,000 references, so after some
thousands of ``update()``/``setText()`` calls the interpreter aborts with
"Fatal Python error: none_dealloc". Python 3.12 made these singletons
immortal, which hides the bug; on 3.11 we make them effectively immortal
the same way, by giving them 2**40 references up front.
"""
from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _BOOST:
            refcnt.value += _BOOST
