"""Reading a PDF's metadata and page text with PyMuPDF.

Runs inside the extraction child process (see ``pdfworker``): every PyMuPDF
object here lives and dies in that one process, on one thread.

Typographic ligatures are expanded (``TEXT_PRESERVE_LIGATURES`` cleared, plus
the table in ``textnorm`` for fonts that map them to other code points).
Words hyphenated at line ends are rejoined by the rules in ``textnorm``:
PyMuPDF's ``TEXT_DEHYPHENATE`` would also glue real hyphens ("VN-" /
"Mensenrechtenraad"), so we do it ourselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from app.textnorm import HYPHENS, clean_text, join_hyphenated

__all__ = ["HYPHENS", "clean_text", "join_hyphenated"]  # re-exported for callers of old

_WORD = re.compile(r"\w[\w'’]*", re.UNICODE)

TEXT_FLAGS = (
    pymupdf.TEXT_PRESERVE_WHITESPACE
    | pymupdf.TEXT_MEDIABOX_CLIP
    | pymupdf.TEXT_CID_FOR_UNKNOWN_UNICODE
)

@dataclass
class PageText:
    page_no: int
    text: str
    has_text: bool
    width: float
    height: float
    label: str = ""


@dataclass
class Extracted:
    title: str
    author: str
    language: str
    page_count: int
    pages: list[PageText]
    outline: list[list[Any]]
    repaired: bool
    warnings: list[str] = field(default_factory=list)


def _page_lines(page: pymupdf.Page) -> list[list[str]]:
    """The page's text blocks, each a list of lines, ligatures expanded."""
    info = page.get_text("dict", flags=TEXT_FLAGS, sort=False)
    blocks = []
    for block in info.get("blocks", []):
        if block.get("type") != 0:
            continue
        lines = []
        for line in block.get("lines", []):
            text = clean_text("".join(span.get("text", "") for span in line.get("spans", [])))
            if text.strip():
                lines.append(text.rstrip())
        if lines:
            blocks.append(lines)
    return blocks


def _vocabulary(all_blocks: list[list[list[str]]]) -> set[str]:
    """Lower-cased words that stand whole inside lines (not at a line's end)."""
    vocab: set[str] = set()
    for blocks in all_blocks:
        for lines in blocks:
            for line in lines:
                words = line.split()
                for w in words[:-1] if line.endswith(HYPHENS) else words:
                    vocab.add(w.strip(".,;:()[]\"'“”‘’!?").lower())
    return vocab


def _join_block(lines: list[str], vocab: set[str]) -> str:
    out: list[str] = []
    cur, i = lines[0], 1
    while True:
        if i < len(lines) and cur.endswith(HYPHENS):
            joined, rest = join_hyphenated(cur, lines[i], vocab)
            i += 1
            cur = joined + (" " + rest if rest else "")
            continue
        out.append(cur)
        if i >= len(lines):
            break
        cur, i = lines[i], i + 1
    return "\n".join(out)


_PAGE_NUMBER = re.compile(
    r"^\s*(\d{1,4}|[ivxlcdm]{1,6}|(pagina|page|blz\.?)\s*\d+(\s*(van|of|/)\s*\d+)?)\s*$", re.I
)


def join_page_break(text: str, next_text: str, vocab: set[str]) -> str:
    """``text`` with a word hyphenated at the end of its page ("Mensen-" /
    next page "rechtenraad") completed, so a search for the whole word finds
    where it starts; the next page keeps its text as printed."""
    lines = text.split("\n")
    k = len(lines) - 1
    while k >= 0 and _PAGE_NUMBER.match(lines[k]):
        k -= 1
    if k < 0 or not lines[k].rstrip().endswith(HYPHENS):
        return text
    following = [l for l in next_text.split("\n") if l.strip() and not _PAGE_NUMBER.match(l)]
    if not following:
        return text
    joined, _rest = join_hyphenated(lines[k].rstrip(), following[0], vocab)
    lines[k] = joined
    return "\n".join(lines)


def _join_across_pages(texts: list[str], vocab: set[str]) -> None:
    for i in range(len(texts) - 1):
        texts[i] = join_page_break(texts[i], texts[i + 1], vocab)


def recognised_page_text(page: pymupdf.Page, vocab: set[str]) -> str:
    """The text of one page whose text layer OCR has just added, normalised
    as ``page_texts`` does (``vocab`` grows with the words seen so far).

    MuPDF makes nearly every line of the OCR layer a block of its own (each
    line is its own text object), so joining words hyphenated at a line end
    only inside a block, as for text pages, would join none ("Beleids-" /
    "kader", "partner-" / "schappen" stayed apart). The layer is written in
    Tesseract's reading order, so its lines are joined as one sequence."""
    blocks = _page_lines(page)
    vocab |= _vocabulary([blocks])
    lines = [line for block in blocks for line in block]
    k = len(lines)
    while k > 0 and _PAGE_NUMBER.match(lines[k - 1]):
        k -= 1  # the page number under the text continues no word ("mensenrechten-" / "24")
    body = _join_block(lines[:k], vocab) if k else ""
    return "\n".join([body, *lines[k:]] if body else lines[k:])


def page_texts(doc: pymupdf.Document) -> list[str]:
    all_blocks = [_page_lines(page) for page in doc.pages()]
    vocab = _vocabulary(all_blocks)
    texts = ["\n".join(_join_block(list(lines), vocab) for lines in blocks) for blocks in all_blocks]
    _join_across_pages(texts, vocab)
    return texts


_NL = {"de", "het", "een", "van", "en", "is", "niet", "dat", "die", "voor", "op", "met", "zijn", "wordt", "ook"}
_EN = {"the", "of", "and", "to", "is", "that", "for", "on", "with", "are", "be", "this", "not", "by", "it"}


def detect_language(text: str) -> str:
    """'nl' or 'en', by counting common function words (Dutch wins ties)."""
    words = [w.lower() for w in _WORD.findall(text[:200_000])]
    nl = sum(w in _NL for w in words)
    en = sum(w in _EN for w in words)
    return "en" if en > nl else "nl"


_JUNK_TITLE = re.compile(r"^(untitled|naamloos|document\d*|microsoft word\s*-.*|\s*)$", re.I)


def _first_heading(page: pymupdf.Page) -> str:
    """The text set in the largest type on the first page."""
    info = page.get_text("dict", flags=TEXT_FLAGS)
    best: list[tuple[float, str]] = []
    for block in info.get("blocks", []):
        for line in block.get("lines", []):
            for span in line.get("spans", []):
                text = clean_text(span.get("text", "")).strip()
                if len(text) >= 3:
                    best.append((round(span.get("size", 0), 1), text))
    if not best:
        return ""
    top = max(size for size, _ in best)
    words = " ".join(t for size, t in best if size == top)
    return re.sub(r"\s+", " ", words)[:300]


def choose_title(metadata_title: str, first_page: pymupdf.Page | None, file_name: str) -> str:
    title = clean_text(metadata_title or "").strip()
    if title.lower().startswith("microsoft word - "):
        title = title[17:]
    if title and not _JUNK_TITLE.match(title):
        return title
    if first_page is not None:
        heading = _first_heading(first_page)
        if heading:
            return heading
    return Path(file_name).stem


def extract(doc: pymupdf.Document, file_name: str) -> Extracted:
    """Metadata and text of every page of an opened, authenticated document."""
    texts = page_texts(doc)
    pages: list[PageText] = []
    for i, page in enumerate(doc.pages()):
        text = texts[i]
        rect = page.rect
        try:
            label = page.get_label() or ""
        except Exception:  # noqa: BLE001 - a broken label tree is not fatal
            label = ""
        pages.append(PageText(i + 1, text, bool(text.strip()), rect.width, rect.height, label))
    meta = doc.metadata or {}
    title = choose_title(meta.get("title", ""), doc[0] if doc.page_count else None, file_name)
    try:
        outline = [[lvl, clean_text(t), p] for lvl, t, p, *_ in doc.get_toc(simple=True)]
    except Exception:  # noqa: BLE001 - an illegal outline is not fatal
        outline = []
    language = detect_language(" ".join(texts))
    return Extracted(
        title=title,
        author=clean_text(meta.get("author", "") or "").strip(),
        language=language,
        page_count=doc.page_count,
        pages=pages,
        outline=outline,
        repaired=bool(doc.is_repaired),
    )
