"""Character error rate of recognised text against the text version (tests and bench)."""
from __future__ import annotations

import re

from app.textnorm import clean_text


def comparable(text: str) -> str:
    """Both sides alike: ligatures expanded, whitespace collapsed (line breaks
    fall differently in a scan)."""
    return " ".join(clean_text(text).split())


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def edit_distance(a: str, b: str) -> int:
    """Character edits from ``a`` to ``b``: exact Levenshtein inside each
    stretch where difflib's alignment differs, summed. Never below the true
    distance (so a CER from it errs on the strict side), and fast on the long,
    nearly equal pages OCR gives (a full table would take seconds a page)."""
    import difflib

    total = 0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            total += _levenshtein(a[i1:i2], b[j1:j2])
    return total


def cer(reference: str, recognised: str) -> float:
    """Edits per reference character (0.0 = identical)."""
    ref, hyp = comparable(reference), comparable(recognised)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)


_WORD = re.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(clean_text(text).lower())
