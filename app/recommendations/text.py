"""Page text as a clean stream of lines and paragraphs.

The page text stored at import keeps PyMuPDF's lines: justified lines are
sometimes split into one word per line, page numbers, running headers and
footnotes sit between the lines of the body. Detection and suggestion both
need the body's lines in reading order without that furniture, and a way to
tell where a paragraph ends. Nothing here knows about any particular report.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from storage.types import Page

_PAGE_NO = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|pagina|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|van)\s*\d{1,4})?(?:\s*[-–—])?$",
    re.I,
)
_FOOTNOTE = re.compile(r"^(\d{1,3})\s+\S")
_TERMINAL = ".!?:;"
_CLOSERS = "\"'’”)]»"


@dataclass(frozen=True)
class Line:
    page_no: int
    text: str


@dataclass
class Paragraph:
    page_no: int
    lines: list[Line] = field(default_factory=list)
    heading: str = ""  # a short title line just before the paragraph

    @property
    def text(self) -> str:
        return join_lines(ln.text for ln in self.lines)

    @property
    def pages(self) -> list[int]:
        return sorted({ln.page_no for ln in self.lines})


def join_lines(parts: Iterable[str]) -> str:
    """Lines joined by spaces; a line ending in a hyphen after a letter is
    joined without a space (the extractor already rejoined real hyphenation
    within a page; what is left is a kept hyphen such as "VN-" / "verband")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith(("-", "\u2010")) and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out += part
        else:
            out += " " + part
    return out


def ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return bool(t) and t[-1] in _TERMINAL


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def typical_width(lines: Sequence[Line]) -> float:
    """The length of a full line of body text (90th percentile of lines with
    several words), so "short" can be judged per document."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text.split()) >= 5)
    if not lengths:
        return 80.0
    return float(lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))])


def _footnote_refs(text: str) -> set[str]:
    """Numbers glued to the end of a word or sentence ("beleid.11", "Democratie2")."""
    return set(re.findall(r"(?<=[A-Za-zÀ-ÿ.,;:’”)\]])(\d{1,3})(?=\s|$|[.,;:])", text))


def body_lines(pages: Sequence[Page]) -> list[Line]:
    """The body lines of every page in order: page numbers, running headers
    and footers, and footnotes (a numbered line whose number was used as a
    reference just before) left out."""
    per_page: list[tuple[int, list[str]]] = []
    for p in pages:
        raw = [ln.strip() for ln in (p.text or "").splitlines()]
        per_page.append((int(p.page_no), [ln for ln in raw if ln]))
    # Running furniture: the same first or last lines (digits folded) on many pages.
    edge: Counter[str] = Counter()
    for _, lines in per_page:
        for ln in set(lines[:2] + lines[-2:]):
            edge[_norm_furniture(ln)] += 1
    repeated = {k for k, n in edge.items() if n >= 3 and n >= 0.3 * len(per_page) and len(k) > 2}

    width = typical_width([Line(n, t) for n, lines in per_page for t in lines])
    out: list[Line] = []
    recent_refs: list[set[str]] = []
    for page_no, lines in per_page:
        keep: list[Line] = []
        refs_here: set[str] = set().union(*recent_refs[-1:]) if recent_refs else set()
        in_note = False
        for idx, text in enumerate(lines):
            at_edge = idx < 2 or idx >= len(lines) - 2
            if at_edge and (_PAGE_NO.match(text) or _norm_furniture(text) in repeated):
                in_note = False
                continue
            m = _FOOTNOTE.match(text)
            if m and m.group(1) in refs_here and not re.match(r"^\d{1,3}\s*[.)]", text):
                refs_here.discard(m.group(1))
                in_note = len(text) >= 0.95 * width
                continue
            if in_note:
                # A footnote (smaller type, longer lines) goes on while its
                # previous line was full.
                in_note = len(text) >= 0.95 * width
                continue
            keep.append(Line(page_no, text))
            refs_here |= _footnote_refs(text)
        recent_refs.append(refs_here)
        out.extend(keep)
    return out


def is_single_word(line: Line | None) -> bool:
    return line is not None and len(line.text.split()) == 1


def paragraph_ends(lines: Sequence[Line], i: int, width: float) -> bool:
    """Whether the paragraph ends after line ``i``: the line ends a sentence
    and is clearly shorter than a full line. Inside a run of one-word lines
    (justified text torn apart by the extractor) a short line means nothing."""
    line = lines[i]
    if not ends_sentence(line.text):
        return False
    # A title (one or two lines) follows: the paragraph ends here.
    if i + 2 < len(lines) and _is_heading_end(lines, i + 1, width):
        return True
    if (i + 3 < len(lines) and not ends_sentence(lines[i + 1].text)
            and _is_heading_end(lines, i + 2, width)):
        return True
    if len(line.text) >= 0.85 * width:
        return False
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if is_single_word(prev) and is_single_word(nxt):
        return False
    return True


def _is_heading_end(lines: Sequence[Line], i: int, width: float) -> bool:
    line = lines[i]
    if ends_sentence(line.text) or len(line.text) >= 0.8 * width:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return bool(nxt and nxt.text[:1].isupper() and len(nxt.text.split()) >= 4)


def paragraphs(pages: Sequence[Page]) -> list[Paragraph]:
    """Body paragraphs in reading order, a paragraph continuing across a page
    break; a short title line at a paragraph's start becomes its ``heading``."""
    lines = body_lines(pages)
    width = typical_width(lines)
    out: list[Paragraph] = []
    cur: Paragraph | None = None
    start = 0
    for i, line in enumerate(lines):
        if cur is None:
            cur = Paragraph(line.page_no)
            start = i
        cur.lines.append(line)
        # A title of up to three lines opening a paragraph is split off.
        if i - start < 3 and _is_heading_end(lines, i, width):
            title = join_lines(ln.text for ln in cur.lines)
            cur = Paragraph(lines[i + 1].page_no, heading=title)
            start = i + 1
            continue
        if paragraph_ends(lines, i, width):
            out.append(cur)
            cur = None
    if cur is not None and cur.lines:
        out.append(cur)
    # A paragraph's first line decides its page; drop paragraphs left empty.
    for p in out:
        p.page_no = p.lines[0].page_no
    return [p for p in out if p.lines]
