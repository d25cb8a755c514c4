"""The plain-text representation of a PDF source in a REFI-QDA project, and
where each annotation's quote stands in it.

QualCoder (and the other REFI-QDA programs) code text by character positions
in a plain-text file that stands for the PDF. The text here is the library's
own page text, pages separated by one line break, so that a passage's stored
quote is found again and ``text[start:end]`` gives it back exactly, also when
the passage runs on over a page break.

A passage that runs on over a page break usually has the page's footer and
the next page's header between its two parts. For such a passage the two
parts are put next to each other and the footer and header text is moved to
the end of the line where the passage ends, so that no text is lost and the
quote still reads as one.

Quotes are looked for exactly first (from their page on); failing that, by
letters and digits only (line breaks and spaces may differ, as they do for a
quote that crosses a page break), and then the whitespace inside the found
span is made the quote's own where both have the same length, so that the
span reads as the quote.
"""
from __future__ import annotations

from dataclasses import dataclass, field

PAGE_BREAK = "\n"
_PUNCT = ".,;:()[]\"'“”‘’!?…-–—"


@dataclass
class Representation:
    text: str
    page_start: list[int]  # offset of each page (index 0 is page 1)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # annotation id -> (start, end)


def build_text(page_texts: list[str]) -> tuple[str, list[int]]:
    starts, parts, at = [], [], 0
    for text in page_texts:
        starts.append(at)
        parts.append(text)
        at += len(text) + len(PAGE_BREAK)
    return PAGE_BREAK.join(parts), starts


def _alnum_index(text: str, lo: int, hi: int) -> tuple[str, list[int]]:
    chars, pos = [], []
    for i in range(lo, hi):
        c = text[i]
        if c.isalnum():
            chars.append(c.lower())
            pos.append(i)
    return "".join(chars), pos


def locate(text: str, page_start: list[int], page_no: int, quote: str) -> tuple[int, int] | None:
    """(start, end) of ``quote`` in ``text``, looked for from page ``page_no``
    on (the page and the next one); None when it is not there."""
    if not quote.strip() or not page_start:
        return None
    first = min(max(page_no, 1), len(page_start)) - 1
    lo = page_start[first]
    hi = page_start[first + 2] if first + 2 < len(page_start) else len(text)
    at = text.find(quote, lo, min(len(text), hi + len(quote)))
    if at >= 0:
        return at, at + len(quote)
    hay, pos = _alnum_index(text, lo, hi)
    needle = "".join(c.lower() for c in quote if c.isalnum())
    if not needle:
        return None
    i = hay.find(needle)
    if i < 0:
        return None
    start, end = pos[i], pos[i + len(needle) - 1] + 1
    core = quote.strip()
    lead = len(core) - len(core.lstrip(_PUNCT))
    trail = len(core) - len(core.rstrip(_PUNCT))
    if lead and text[max(0, start - lead):start] == core[:lead]:
        start -= lead
    if trail and text[end:end + trail] == core[-trail:]:
        end += trail
    return start, end


def _split_over_break(first: str, second: str, quote: str) -> tuple[int, int, int] | None:
    """(end of the quote's first part on ``first``, start and end of its second
    part on ``second``), the first part as long as possible; None if the quote
    is not split over these two pages."""
    needle = "".join(c.lower() for c in quote if c.isalnum())
    hay_a, pos_a = _alnum_index(first, 0, len(first))
    hay_b, pos_b = _alnum_index(second, 0, len(second))
    for k in range(len(needle) - 1, 0, -1):
        a = hay_a.rfind(needle[:k])
        if a < 0:
            continue
        b = hay_b.find(needle[k:])
        if b < 0:
            continue
        end_a = pos_a[a + k - 1] + 1
        start_b, end_b = pos_b[b], pos_b[b + len(needle) - k - 1] + 1
        core = quote.strip()
        trail = len(core) - len(core.rstrip(_PUNCT))
        if trail and second[end_b:end_b + trail] == core[-trail:]:
            end_b += trail
        return end_a, start_b, end_b
    return None


def mend_page_breaks(page_texts: list[str], quotes: list[tuple[str, int, str, int]]) -> list[str]:
    """Page texts where each passage over a page break (id, first page, quote,
    last page) has its two parts side by side; what stood between them
    (footer, header) follows at the end of the passage's line."""
    pages = list(page_texts)
    for _id, page_no, quote, last_page in sorted(quotes, key=lambda q: q[1]):
        if last_page != page_no + 1 or not 1 <= page_no < len(pages):
            continue
        a, b = pages[page_no - 1], pages[page_no]
        if quote in a or quote in b:
            continue
        split = _split_over_break(a, b, quote)
        if split is None:
            continue
        end_a, start_b, end_b = split
        between = " ".join(part for part in (a[end_a:].strip(), b[:start_b].strip()) if part)
        if not between:
            continue
        line_end = b.find("\n", end_b)
        line_end = len(b) if line_end < 0 else line_end
        pages[page_no - 1] = a[:end_a]
        pages[page_no] = b[start_b:line_end] + "\n" + between + b[line_end:]
    return pages


def _same_but_space(a: str, b: str) -> bool:
    return len(a) == len(b) and all(x == y or (x.isspace() and y.isspace()) for x, y in zip(a, b))


def representation(page_texts: list[str], quotes: list[tuple[str, int, str, int]]) -> Representation:
    """The text for a document's pages and the span of each (id, first page,
    quote, last page)."""
    text, starts = build_text(mend_page_breaks(page_texts, quotes))
    rep = Representation(text, starts)
    chars = list(text)
    for ann_id, page_no, quote, _last in quotes:
        span = locate(text, starts, page_no, quote)
        if span is None:
            continue
        rep.spans[ann_id] = span
        found = text[span[0]:span[1]]
        if found != quote and _same_but_space(found, quote):
            chars[span[0]:span[1]] = list(quote)
    rep.text = "".join(chars)
    return rep
