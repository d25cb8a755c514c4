"""A PDF's pdf.js fingerprint: how Hypothesis (and any pdf.js viewer) names a PDF.

pdf.js (``PDFDocument.fingerprints`` in ``src/core/document.js``) takes the
first string of the trailer's ``/ID`` array when it is 16 bytes and not all
zero, and otherwise the MD5 of the file's first 1024 bytes; the fingerprint
is that, in lower-case hex. Hypothesis names the document
``urn:x-pdf:<fingerprint>``, so an annotation made on a local copy finds the
same PDF anywhere.

``fingerprints`` opens the files with PyMuPDF: call it in a child process
(``app.export.isolated.run_isolated``).
"""
from __future__ import annotations

import hashlib
import re

FIRST_BYTES = 1024
_EMPTY = bytes(16)


def _literal(raw: str, at: int) -> tuple[bytes, int]:
    """A PDF literal string starting after '(' at ``at``; (bytes, index after ')')."""
    out, depth, i = bytearray(), 1, at
    escapes = {"n": 10, "r": 13, "t": 9, "b": 8, "f": 12, "(": 40, ")": 41, "\\": 92}
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in escapes:
                out.append(escapes[nxt])
                i += 2
                continue
            digits = re.match(r"[0-7]{1,3}", raw[i + 1:])
            if digits:
                out.append(int(digits.group(0), 8) & 0xFF)
                i += 1 + len(digits.group(0))
                continue
            i += 2  # a backslash before a line break or another character: dropped
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(ord(c) & 0xFF)
        i += 1
    return bytes(out), i


def id_strings(value: str) -> list[bytes]:
    """The strings of a PDF array as PyMuPDF prints it: ``[<AB01…><…>]`` or ``[(…)(…)]``."""
    out: list[bytes] = []
    i = 0
    while i < len(value):
        c = value[i]
        if c == "<":
            end = value.find(">", i)
            if end < 0:
                break
            digits = re.sub(r"\s", "", value[i + 1:end])
            if len(digits) % 2:
                digits += "0"  # PDF: a missing last digit is 0
            try:
                out.append(bytes.fromhex(digits))
            except ValueError:
                out.append(b"")
            i = end + 1
        elif c == "(":
            data, i = _literal(value, i + 1)
            out.append(data)
        else:
            i += 1
    return out


def fingerprint_of(first_bytes: bytes, trailer_id: str | None) -> str:
    """pdf.js's rule, given the file's first bytes and the trailer's /ID as PyMuPDF prints it."""
    ids = id_strings(trailer_id) if trailer_id else []
    if ids and len(ids[0]) == 16 and ids[0] != _EMPTY:
        return ids[0].hex()
    return hashlib.md5(first_bytes[:FIRST_BYTES]).hexdigest()


def fingerprint(path: str) -> str:
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    with open(path, "rb") as fh:
        head = fh.read(FIRST_BYTES)
    with pymupdf.open(path) as doc:
        kind, value = doc.xref_get_key(-1, "ID")
    return fingerprint_of(head, value if kind == "array" else None)


def fingerprints(paths: list[str]) -> list[str | None]:
    """The fingerprint of each file, None for one that cannot be read."""
    out: list[str | None] = []
    for path in paths:
        try:
            out.append(fingerprint(path))
        except (OSError, RuntimeError, ValueError):
            out.append(None)
    return out


def urn(fp: str) -> str:
    return f"urn:x-pdf:{fp}"
