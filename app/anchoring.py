"""Placing annotations on a page: quotes, word boxes, selections, re-anchoring.

A page's words come from PyMuPDF's ``get_text("words")`` with the same text
flags and ligature table as ``app/pdftext.py``. Everything after loading the
words is pure Python on plain tuples, so the reader can run the selection
logic on the GUI thread with words fetched from its render process.

Quotes are compared on a *normalised* string: only letters and digits, each
mapped back to its (word, character) position. Whitespace, line breaks and
hyphens at line ends therefore never matter ("Mensenrech-" / "tenraad" and
"Mensenrechtenraad" are the same). The text stored for an annotation is the
page's own text for the match, dehyphenated like the extracted page text.

PyMuPDF objects opened here live only in the calling thread: the command line
calls these functions directly, the window calls them in its render process.
"""
from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from app.domain import UserError
from app.textnorm import HYPHENS, clean_text, join_hyphenated
from storage.types import Anchor, Annotation, Rect

# (x0, y0, x1, y1, text, block_no, line_no, word_no), as PyMuPDF gives them.
Word = tuple
CONTEXT_CHARS = 32
_STRIP = ".,;:()[]\"'“”‘’!?"
_PUNCT = _STRIP + "…-–—"


__all__ = ["Anchor"]  # the record lives in storage.types; re-exported for ui/


# --- loading words (PyMuPDF) ------------------------------------------------

def page_words(page) -> list[Word]:  # noqa: ANN001 - a pymupdf.Page
    """The words of an open PyMuPDF page, ligatures expanded, empty ones dropped."""
    from app.pdftext import TEXT_FLAGS

    out = []
    for w in page.get_text("words", flags=TEXT_FLAGS):
        text = clean_text(w[4])
        if text.strip():
            out.append((float(w[0]), float(w[1]), float(w[2]), float(w[3]), text, w[5], w[6], w[7]))
    return out


def load_words(pdf_path: Path, page_nos: Iterable[int]) -> tuple[int, dict[int, list[Word]]]:
    """The page count and the words of the given 1-based pages that exist."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    with pymupdf.open(pdf_path) as doc:
        count = doc.page_count
        return count, {n: page_words(doc[n - 1]) for n in page_nos if 1 <= n <= count}


# --- normalised text ----------------------------------------------------------

def _norm(words: Sequence[Word]) -> tuple[str, list[tuple[int, int]]]:
    """Letters and digits of the words, with each one's (word, char) position."""
    chars: list[str] = []
    pos: list[tuple[int, int]] = []
    for wi, w in enumerate(words):
        for ci, c in enumerate(w[4]):
            if c.isalnum():
                chars.append(c)
                pos.append((wi, ci))
    return "".join(chars), pos


def norm_text(text: str) -> str:
    return "".join(c for c in clean_text(text) if c.isalnum())


def _fold(s: str) -> str:
    # Same length as ``s`` so positions still map back to words.
    return "".join((c.lower() or c)[0] for c in s)


def _find_all(hay: str, needle: str) -> list[int]:
    found, i = [], hay.find(needle)
    while i >= 0:
        found.append(i)
        i = hay.find(needle, i + 1)
    return found


# --- text and rectangles of a run of words ------------------------------------------

def _vocab(words: Sequence[Word]) -> set[str]:
    """Lower-cased words standing whole inside a line (not hyphenated at its end)."""
    vocab: set[str] = set()
    for i, w in enumerate(words):
        at_end = i + 1 == len(words) or words[i + 1][5:7] != w[5:7]
        if not (at_end and w[4].endswith(HYPHENS)):
            vocab.add(w[4].strip(_STRIP).lower())
    return vocab


def span_text(words: Sequence[Word], start: tuple[int, int], end: tuple[int, int],
              vocab: set[str] | None = None) -> str:
    """Text from ``start`` to ``end`` (inclusive (word, char) positions), words
    joined by spaces and words hyphenated at a line end rejoined as pdftext does."""
    (w0, c0), (w1, c1) = start, end
    if w0 > w1:
        return ""
    vocab = _vocab(words) if vocab is None else vocab
    out = ""
    for wi in range(w0, w1 + 1):
        text = words[wi][4]
        if wi == w1:
            text = text[: c1 + 1]
        if wi == w0:
            text = text[c0:]
        if not out:
            out = text
            continue
        prev = words[wi - 1]
        if prev[5:7] != words[wi][5:7] and out.endswith(HYPHENS):
            joined, _ = join_hyphenated(out, text, vocab)
            out = joined
        else:
            out += " " + text
    return out


def span_rects(words: Sequence[Word], start: tuple[int, int], end: tuple[int, int],
               page_no: int) -> tuple[Rect, ...]:
    """One rectangle per line fragment covering the span; partial first and
    last words are trimmed in proportion to their characters."""
    (w0, c0), (w1, c1) = start, end
    rects: list[list[float]] = []
    key = None
    for wi in range(w0, w1 + 1):
        x0, y0, x1, y1, text = words[wi][:5]
        n = max(len(text), 1)
        lo = c0 if wi == w0 else 0
        hi = c1 + 1 if wi == w1 else n
        if lo > 0 or hi < n:
            width = x1 - x0
            x0, x1 = x0 + width * lo / n, x0 + width * hi / n
        k = words[wi][5:7]
        if rects and k == key:
            r = rects[-1]
            r[1], r[2], r[3], r[4] = min(r[1], x0), min(r[2], y0), max(r[3], x1), max(r[4], y1)
        else:
            rects.append([float(page_no), x0, y0, x1, y1])
            key = k
    return tuple((int(r[0]), *(round(v, 2) for v in r[1:])) for r in rects)


def _context(words: Sequence[Word], start: tuple[int, int], end: tuple[int, int]) -> tuple[str, str]:
    before = " ".join(w[4] for w in words[max(0, start[0] - 12) : start[0]])
    before = (before + " " + words[start[0]][4][: start[1]]).strip() if start[1] else before
    after = words[end[0]][4][end[1] + 1 :]
    rest = " ".join(w[4] for w in words[end[0] + 1 : end[0] + 13])
    after = (after + " " + rest).strip() if after else rest
    return before[-CONTEXT_CHARS:], after[:CONTEXT_CHARS]


# --- finding a quote ------------------------------------------------------------

def _locate(words: Sequence[Word], quote: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Every (start, end) position where ``quote`` occurs; case-sensitive matches
    win, case-insensitive ones are the fallback."""
    hay, pos = _norm(words)
    needle = norm_text(quote)
    hits = _find_all(hay, needle)
    if not hits:
        hits = _find_all(_fold(hay), _fold(needle))
    spans = [(pos[i], pos[i + len(needle) - 1]) for i in hits]
    return [_widen(words, quote.strip(), a, b) for a, b in spans]


def _widen(words: Sequence[Word], quote: str, start: tuple[int, int],
           end: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """Take in punctuation the quote has around its letters ("(DMM" / "monitoren.")
    when the page has it at the same place."""
    lead = len(quote) - len(quote.lstrip(_PUNCT))
    trail = len(quote) - len(quote.rstrip(_PUNCT))
    (w0, c0), (w1, c1) = start, end
    if lead and c0 >= lead and words[w0][4][c0 - lead : c0] == quote[:lead]:
        c0 -= lead
    if trail and words[w1][4][c1 + 1 : c1 + 1 + trail] == quote[-trail:]:
        c1 += trail
    return (w0, c0), (w1, c1)


def anchor_on_words(words: Sequence[Word], page_no: int, start: tuple[int, int],
                    end: tuple[int, int]) -> Anchor:
    prefix, suffix = _context(words, start, end)
    return Anchor(page_no, span_rects(words, start, end, page_no),
                  span_text(words, start, end), prefix, suffix)


def _across(words_a: Sequence[Word], words_b: Sequence[Word], needle: str,
            fold: bool) -> list[tuple[int, int, int]]:
    """Splits (k, index on page a, index on page b) where needle[:k] ends page
    a's match and needle[k:] starts page b's. Running headers and footers may
    stand between the two parts."""
    hay_a, _ = _norm(words_a)
    hay_b, _ = _norm(words_b)
    if fold:
        hay_a, hay_b, needle = _fold(hay_a), _fold(hay_b), _fold(needle)
    for k in range(len(needle) - 1, 0, -1):
        in_a = _find_all(hay_a, needle[:k])
        if not in_a:
            continue
        in_b = _find_all(hay_b, needle[k:])
        if in_b:
            return [(k, a, b) for a in in_a for b in in_b]
    return []


def find_quote_in_words(pages: dict[int, list[Word]], page_no: int, quote: str) -> Anchor:
    """``find_quote`` on words already loaded for ``page_no`` (and ``page_no + 1``)."""
    needle = norm_text(quote)
    if not needle:
        raise UserError("the quote has no letters or digits")
    words = pages.get(page_no)
    if words is None:
        raise UserError(f"page {page_no} does not exist")
    hits = _locate(words, quote)
    if len(hits) > 1:
        raise UserError(f"the quote occurs {len(hits)} times on page {page_no}; quote more text")
    if hits:
        return anchor_on_words(words, page_no, *hits[0])
    nxt = pages.get(page_no + 1)
    if nxt:
        splits = _across(words, nxt, needle, False) or _across(words, nxt, needle, True)
        if len(splits) > 1:
            raise UserError(
                f"the quote occurs {len(splits)} times on pages {page_no} and {page_no + 1}; "
                "quote more text"
            )
        if splits:
            k, a, b = splits[0]
            _, pos_a = _norm(words)
            _, pos_b = _norm(nxt)
            first = anchor_on_words(words, page_no, pos_a[a], pos_a[a + k - 1])
            second = anchor_on_words(nxt, page_no + 1, pos_b[b], pos_b[b + len(needle) - k - 1])
            quote_text = (
                join_hyphenated(first.quote, second.quote, _vocab(words) | _vocab(nxt))[0]
                if first.quote.endswith(HYPHENS) else first.quote + " " + second.quote
            )
            return Anchor(page_no, first.rects + second.rects, quote_text, first.prefix, second.suffix)
    raise UserError(f"the quote was not found on page {page_no}")


def find_quote(pdf_path: Path, page_no: int, quote: str) -> Anchor:
    """Where ``quote`` stands on page ``page_no`` (1-based) of the PDF.

    Whitespace, line breaks and hyphenation at line ends are ignored; the
    match is case-sensitive first, then case-insensitive. A quote that runs
    on over the page break into the next page is found too.
    """
    count, pages = load_words(pdf_path, (page_no, page_no + 1))
    if not 1 <= page_no <= count:
        raise UserError(f"page {page_no} does not exist; the document has {count} pages")
    return find_quote_in_words(pages, page_no, quote)


# --- selections in the reader ----------------------------------------------------

def word_at(words: Sequence[Word], x: float, y: float, slack: float = 1.5) -> int | None:
    for i, w in enumerate(words):
        if w[0] - slack <= x <= w[2] + slack and w[1] - slack <= y <= w[3] + slack:
            return i
    return None


def nearest_word(words: Sequence[Word], x: float, y: float) -> int | None:
    """The word closest to a point (vertical distance counts more: lines)."""
    best, best_d = None, float("inf")
    for i, w in enumerate(words):
        dx = max(w[0] - x, 0.0, x - w[2])
        dy = max(w[1] - y, 0.0, y - w[3])
        d = dx + 4 * dy
        if d < best_d:
            best, best_d = i, d
    return best


def words_in_rect(words: Sequence[Word], rect: Sequence[float]) -> list[int]:
    """Indices of the words whose centre lies in ``rect`` (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = rect
    return [
        i for i, w in enumerate(words)
        if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1
    ]


def selection_anchor(pages: dict[int, list[Word]], start: tuple[int, int],
                     end: tuple[int, int]) -> Anchor | None:
    """The anchor of whole words from ``start`` to ``end``, each a (page, word
    index), in reading order, across pages if need be."""
    if end < start:
        start, end = end, start
    parts: list[Anchor] = []
    for page_no in range(start[0], end[0] + 1):
        words = pages.get(page_no) or []
        if not words:
            continue
        i = start[1] if page_no == start[0] else 0
        j = end[1] if page_no == end[0] else len(words) - 1
        i, j = max(0, i), min(len(words) - 1, j)
        if i > j:
            continue
        parts.append(anchor_on_words(words, page_no, (i, 0), (j, len(words[j][4]) - 1)))
    if not parts:
        return None
    text = parts[0].quote
    for p in parts[1:]:
        text = join_hyphenated(text, p.quote, set())[0] if text.endswith(HYPHENS) else text + " " + p.quote
    return Anchor(parts[0].page_no, tuple(r for p in parts for r in p.rects), text,
                  parts[0].prefix, parts[-1].suffix)


def area_anchor(words: Sequence[Word], page_no: int, rect: Sequence[float]) -> Anchor:
    """An area annotation: the rectangle itself, quoting the words inside it."""
    inside = words_in_rect(words, rect)
    quote = ""
    if inside and inside[-1] - inside[0] + 1 == len(inside):
        quote = span_text(words, (inside[0], 0), (inside[-1], len(words[inside[-1]][4]) - 1))
    elif inside:
        # Words of other columns lie between; quote only the ones inside.
        quote = " ".join(words[i][4] for i in inside)
    x0, y0, x1, y1 = rect
    return Anchor(page_no, ((page_no, round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)),), quote)


# --- re-anchoring on a new edition -------------------------------------------------

FUZZY_MIN = 0.8


def _fuzzy(words: Sequence[Word], needle: str) -> tuple[float, tuple[int, int] | None]:
    hay, pos = _norm(words)
    if not hay or not needle:
        return 0.0, None
    hay_f, needle_f = _fold(hay), _fold(needle)
    sm = difflib.SequenceMatcher(None, hay_f, needle_f, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size >= 3]
    if not blocks:
        return 0.0, None
    # Keep the densest run of blocks around the longest one.
    longest = max(blocks, key=lambda b: b.size)
    lo = longest.a - longest.b
    hi = lo + len(needle_f)
    kept = [b for b in blocks if b.a >= lo - len(needle_f) // 4 and b.a + b.size <= hi + len(needle_f) // 4]
    matched = sum(b.size for b in kept)
    start, stop = kept[0].a, kept[-1].a + kept[-1].size - 1
    span = stop - start + 1
    score = matched / max(len(needle_f), span)
    return score, (start, stop) if score else None


def reanchor_in_words(pages: dict[int, list[Word]], ann: Anchor) -> Anchor | None:
    """Place an annotation's quote on a new edition's pages: the exact quote
    first (near its old page, disambiguated by its context), then a fuzzy
    match of at least ``FUZZY_MIN``. None when it cannot be placed."""
    needle = norm_text(ann.quote or "")
    if not needle:
        return None
    old = int(ann.page_no or 1)
    order = sorted(pages, key=lambda n: (abs(n - old), n))
    ctx = norm_text((ann.prefix or "")[-16:]), norm_text((ann.suffix or "")[:16])
    candidates: list[tuple[int, int, Anchor]] = []
    for n in order:
        for start, end in _locate(pages[n], ann.quote):
            a = anchor_on_words(pages[n], n, start, end)
            fit = sum(bool(c) and c in norm_text(t) for c, t in zip(ctx, (a.prefix, a.suffix)))
            candidates.append((-fit, abs(n - old), a))
    if candidates:
        return min(candidates, key=lambda c: (c[0], c[1]))[2]
    best: tuple[float, int, tuple[int, int]] | None = None
    for n in order:
        score, span = _fuzzy(pages[n], needle)
        if span and score >= FUZZY_MIN and (best is None or score > best[0]):
            best = (score, n, span)
    if best is None:
        return None
    score, n, (i, j) = best
    _, pos = _norm(pages[n])
    a = anchor_on_words(pages[n], n, pos[i], pos[j])
    return replace(a, score=round(score, 3))


def reanchor(pdf_path: Path, annotations: list[Annotation]) -> dict[str, Anchor | None]:
    """New anchors on ``pdf_path`` for each annotation (by id); None: orphaned."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    with pymupdf.open(pdf_path) as doc:
        pages = {i + 1: page_words(doc[i]) for i in range(doc.page_count)}
    return {a.id: reanchor_in_words(pages, a.anchor) for a in annotations}
