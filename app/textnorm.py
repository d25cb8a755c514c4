"""Plain-text rules shared by extraction and anchoring (no PyMuPDF here, so
the window process can use them without loading MuPDF).

- typographic ligatures are expanded, control characters dropped;
- a word hyphenated at a line end is rejoined ("Mensen-" / "rechtenraad"),
  but a real hyphen is kept ("VN-" / "Mensenrechtenraad", "EU-" / "richtlijn",
  "mensenrechten-" / "en ..."), helped by the words that stand whole
  elsewhere in the same document.
"""
from __future__ import annotations

import re
import unicodedata

LIGATURES = str.maketrans(
    {
        "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
        "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij",
    }
)
# Control characters (but tab and newline) and the Unicode non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
HYPHENS = ("-", "\u2010", "\u00ad")
_CONJUNCTIONS = {"en", "of", "tot", "en/of", "and", "or", "to", "nor", "dan", "als"}


def clean_text(text: str) -> str:
    text = text.translate(LIGATURES)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def join_hyphenated(head: str, tail_line: str, vocab: set[str]) -> tuple[str, str]:
    """Decide how a line ending in a hyphen continues on the next line.

    ``head`` is the line up to and including its trailing hyphen. Returns the
    joined text and what remains of the next line after its first word.
    """
    tail_line = tail_line.lstrip()
    first, _, rest = tail_line.partition(" ")
    hyphen = head[-1]
    stem = head[:-1]
    last_word = stem.split()[-1] if stem.split() else ""
    # The part after any earlier hyphen in the word ("mensenrechten-" in
    # "VN-mensenrechten-") decides about acronyms.
    segment = re.split(r"[-\u2010]", last_word)[-1]
    core_first = first.strip(".,;:()[]\"'“”‘’!?")
    if hyphen == "\u00ad":
        return stem + first, rest
    if not last_word or not segment:
        # "-standaarden" style: a line that is only a hyphen or ends with "--".
        return head + " " + first, rest
    if core_first.lower() in _CONJUNCTIONS:
        return head + " " + first, rest  # "mensenrechten- en democratie"
    glued = (last_word + core_first).lower()
    hyphenated = (last_word + "-" + core_first).lower()
    if glued in vocab and hyphenated not in vocab:
        return stem + first, rest
    if hyphenated in vocab and glued not in vocab:
        return head + first, rest
    if not first[:1].isalpha() or first[:1].isupper():
        return head + first, rest  # "VN-" / "Mensenrechtenraad", "2020-" / "2022"
    if segment.isupper() or any(c.isdigit() for c in segment) or not segment[-1:].isalpha():
        return head + first, rest  # "EU-" / "richtlijn", "G20-" / "top"
    return stem + first, rest  # "Mensen-" / "rechtenraad"
