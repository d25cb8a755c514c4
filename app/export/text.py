"""Making PDF and user text safe for each export format.

Text in a summary comes from PDFs and from users, so every writer treats it
as hostile: HTML escapes it, Markdown neutralises markup, DOCX and XLSX drop
characters XML cannot hold, CSV defuses formulas.
"""
from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020,
# except surrogates and U+FFFE/U+FFFF. python-docx and openpyxl raise on the rest.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Bidirectional overrides can make text read differently than it is stored.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# In a spreadsheet cell every bidirectional control (also the marks) can hide
# or reorder what the cell really says ("Trojan Source", CVE-2021-42574).
_BIDI_CELL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def xml_safe(text: str) -> str:
    """Text without characters that XML 1.0 (DOCX, XLSX, QDPX) cannot hold."""
    return _XML_BAD.sub("", text or "")


def display(text: str) -> str:
    """One line of readable text: runs of whitespace become one space."""
    return " ".join(_BIDI.sub("", xml_safe(text)).split())


# --- Markdown ---------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]{}|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md(text: str) -> str:
    """Inline Markdown: HTML and emphasis/link/code/table syntax made literal."""
    text = display(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    # A leading "#", "-", "1." would start a heading or list item.
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


# --- CSV ------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_LEADING_SPACE = " \t\r\n\u00a0\u2007\u202f\u3000"


def csv_safe(value: object) -> object:
    """A cell that spreadsheet programs will not run as a formula (OWASP, CWE-1236).

    Spreadsheets skip leading whitespace before a formula (``" =1+1"`` is a
    formula in LibreOffice and Excel), so the test is on the text after it;
    bidirectional controls are dropped (CSV and XLSX use this alike)."""
    if isinstance(value, str):
        value = _BIDI_CELL.sub("", xml_safe(value))
        if value.startswith(_FORMULA_START) or value.lstrip(_LEADING_SPACE).startswith(_FORMULA_START):
            return "'" + value
    return value

