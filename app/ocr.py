"""Recognising the text of scanned pages with Tesseract (the command-line program).

Why the program and not PyMuPDF's built-in OCR (``get_textpage_ocr``,
``pdfocr_save``) or OCRmyPDF: measured on the sample scan (see the README's
engineering part), ``tesseract ... tsv`` gives the word and line boxes *with
Tesseract's confidence* (PyMuPDF's OCR gives none), it was faster per page
than PyMuPDF's built-in engine on this machine, and it needs no Python
package beyond what we have (OCRmyPDF brings Ghostscript, pikepdf and a
PDF/A conversion we do not want).

The words are written over the scanned page as invisible text (render mode
3), each word stretched to its box and each line sized to its line box, so
the stored copy of the PDF gets a text layer whose words cover the printed
ones: every part of the app that reads words from the PDF (selection,
highlights, areas, search marks, the annotated PDF) then works on a scan as
on a text PDF, and other PDF readers can search the copy too. (Tesseract's
own text-only PDF was tried: its glyph-less font makes MuPDF report word
boxes about 3 pt too high, so highlights sat above the words.)

Everything with PyMuPDF here runs in the extraction child process
(``app/pdfworker.py``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from app.pdfworker import die_with_parent

LANGUAGES = {"nl": "nld", "en": "eng"}
INSTALL_HINT = (
    "Scanned pages cannot be recognised because Tesseract is not installed; install it with: "
    "sudo apt-get install tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng"
)
MISSING_LANGUAGE_HINT = (
    "Scanned pages cannot be recognised because Tesseract's {name} language data is missing; "
    "install it with: sudo apt-get install tesseract-ocr-{code}"
)
LANGUAGE_NAMES = {"nld": "Dutch", "eng": "English"}
# Below this mean word confidence (0-100) a page counts as unreadable: its
# "words" would mostly be noise that search would find.
MIN_CONFIDENCE = 30.0
PAGE_TIMEOUT = 180.0
MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 200


def tesseract_language(language: str) -> str:
    return LANGUAGES.get(language, "nld")


def _available_languages(exe: str) -> set[str] | None:
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (out.stdout or "").splitlines()
    return {line.strip() for line in lines[1:] if line.strip()}


def missing_tesseract(language: str = "nl") -> str | None:
    """None when Tesseract can read ``language``; else one sentence saying how to install it."""
    exe = shutil.which("tesseract")
    if exe is None:
        return INSTALL_HINT
    langs = _available_languages(exe)
    if langs is None:
        return INSTALL_HINT
    code = tesseract_language(language)
    if code not in langs:
        return MISSING_LANGUAGE_HINT.format(name=LANGUAGE_NAMES.get(code, code), code=code)
    return None


@dataclass
class OcrWord:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    confidence: float
    line: tuple[int, int, int] = (0, 0, 0)  # Tesseract's block, paragraph, line


@dataclass
class PageOcr:
    page_no: int
    state: str  # recognised, unreadable
    confidence: float | None
    words: list[OcrWord] = field(default_factory=list)
    lines: dict[tuple[int, int, int], tuple[float, float]] = field(default_factory=dict)  # top, bottom
    seconds: float = 0.0
    message: str = ""


class OcrCancelled(Exception):
    pass


def render_dpi(page: Any) -> int:
    """The resolution to recognise at: that of the page's scanned image,
    within bounds. A scan below MIN_DPI is upsampled to it: Tesseract misread
    small type on the 110 dpi sample ("multlateraal" on p. 27) and reads it
    right at 150 dpi, for about a third more time per page."""
    best = 0.0
    try:
        for info in page.get_image_info():
            bbox = info.get("bbox")
            width = info.get("width") or 0
            if bbox and width and bbox[2] - bbox[0] > 0:
                best = max(best, width / ((bbox[2] - bbox[0]) / 72.0))
    except Exception:  # noqa: BLE001 - odd image dictionaries: use the default
        best = 0.0
    if best <= 0:
        return DEFAULT_DPI
    return int(max(MIN_DPI, min(MAX_DPI, round(best))))


def parse_tsv(tsv: str, scale: float) -> tuple[list[OcrWord], dict[tuple[int, int, int], tuple[float, float]]]:
    """Words (level 5) and line tops and bottoms (level 4) of Tesseract's TSV,
    in PDF points (``scale`` = 72 / dpi). Word text is cleaned as extracted text is."""
    from app.textnorm import clean_text

    words: list[OcrWord] = []
    lines: dict[tuple[int, int, int], tuple[float, float]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] not in ("4", "5"):
            continue
        try:
            key = (int(cols[2]), int(cols[3]), int(cols[4]))
            left, top, width, height = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        if cols[0] == "4":
            lines[key] = (top * scale, (top + height) * scale)
            continue
        text = clean_text(cols[11]).strip()
        if not text or conf < 0:
            continue
        words.append(OcrWord(
            left * scale, top * scale, (left + width) * scale, (top + height) * scale, text, conf, key,
        ))
    return words, lines


# A line of its own (Tesseract's block with one line) that starts this close
# after an earlier line ends, on the same height, continues that line; in
# line heights. A column gutter is wider.
_SAME_LINE_GAP = 1.5


def rejoin_split_lines(
    words: list[OcrWord], lines: dict[tuple[int, int, int], tuple[float, float]]
) -> list[OcrWord]:
    """Words in reading order, with printed lines that Tesseract's layout
    analysis cut in two made whole again.

    Tesseract sometimes takes the end of a printed line for a block of its
    own (on the sample scan, page 18: "... een democratie. Tegelijkerti" in
    one block, "is waakzaamheid geboden: ... desinformatie" in the next,
    listed after the rest of the paragraph), so the text read out of order
    and a phrase over the cut was not found. A block holding one line whose
    box sits on the height of an earlier line, and starts just after that
    line's last word, is moved there (its words take that line's key)."""
    order: list[tuple[int, int, int]] = []
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        if w.line not in by_line:
            order.append(w.line)
            by_line[w.line] = []
        by_line[w.line].append(w)
    lines_in_block: dict[int, int] = {}
    for key in order:
        lines_in_block[key[0]] = lines_in_block.get(key[0], 0) + 1
    placed: list[tuple[int, int, int]] = []
    for key in order:
        ws = by_line[key]
        target = None
        if lines_in_block[key[0]] == 1:
            top, bottom = lines.get(key, (min(w.y0 for w in ws), max(w.y1 for w in ws)))
            height = max(1e-6, bottom - top)
            x0 = min(w.x0 for w in ws)
            for other in placed:
                if other[0] == key[0] or not by_line[other]:
                    continue
                o_top, o_bottom = lines.get(other, (by_line[other][0].y0, by_line[other][0].y1))
                overlap = min(bottom, o_bottom) - max(top, o_top)
                end = max(w.x1 for w in by_line[other])
                if overlap > 0.5 * min(height, o_bottom - o_top) and 0 <= x0 - end <= _SAME_LINE_GAP * height:
                    target = other
                    break
        if target is None:
            placed.append(key)
            continue
        by_line[target].extend(OcrWord(w.x0, w.y0, w.x1, w.y1, w.text, w.confidence, target) for w in ws)
        by_line[key] = []
    return [w for key in placed for w in by_line[key]]


def page_confidence(words: list[OcrWord]) -> float | None:
    """Mean word confidence weighted by word length (a wrong 'a' weighs less than a wrong word)."""
    total = sum(len(w.text) for w in words)
    if not total:
        return None
    return sum(w.confidence * len(w.text) for w in words) / total


NICENESS = 10


def _background() -> None:
    """In the forked Tesseract, before exec: die with our process, and give
    way to the window and its render process: OCR is background work (before
    this, the reader's longest stall while recognising was about twice that of
    the same reading without OCR, see ``bench_ocr``)."""
    die_with_parent()
    try:
        os.nice(NICENESS)
    except OSError:
        pass


def run_tesseract(
    image_png: bytes, language: str, dpi: int, cancelled: Callable[[], bool] = lambda: False,
    timeout: float = PAGE_TIMEOUT,
) -> str:
    """Tesseract's TSV for one page image. One thread per
    process (``OMP_THREAD_LIMIT=1``): on a shared machine its OpenMP threads
    only fight each other. ``cancelled`` is asked while it runs."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise RuntimeError(INSTALL_HINT)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="kanttekening-ocr-") as tmp:
        image = Path(tmp) / "page.png"
        image.write_bytes(image_png)
        base = Path(tmp) / "out"
        cmd = [exe, str(image), str(base), "-l", language, "--dpi", str(dpi), "tsv"]
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=_background,
        )
        start = time.monotonic()
        try:
            while True:
                try:
                    proc.wait(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    if cancelled():
                        raise OcrCancelled() from None
                    if time.monotonic() - start > timeout:
                        raise RuntimeError(f"Tesseract took longer than {timeout:.0f} s") from None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        tsv_path = base.with_suffix(".tsv")
        if proc.returncode != 0 or not tsv_path.exists():
            last = err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"
            raise RuntimeError(f"Tesseract failed: {last}")
        return tsv_path.read_text("utf-8", "replace")


def page_image(page: Any) -> tuple[bytes, int]:
    """The grey PNG of a PyMuPDF page that Tesseract is given, and its resolution."""
    import pymupdf

    dpi = render_dpi(page)
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    png = pix.tobytes("png")
    del pix
    return png, dpi


def recognise_page(
    page: Any, page_no: int, language: str, cancelled: Callable[[], bool] = lambda: False
) -> PageOcr:
    """Recognise one PyMuPDF page (in the extraction child)."""
    start = time.monotonic()
    png, dpi = page_image(page)
    tsv = run_tesseract(png, tesseract_language(language), dpi, cancelled)
    words, lines = parse_tsv(tsv, 72.0 / dpi)
    words = rejoin_split_lines(words, lines)
    conf = page_confidence(words)
    readable = [w for w in words if any(c.isalnum() for c in w.text)]
    state = "recognised" if readable and conf is not None and conf >= MIN_CONFIDENCE else "unreadable"
    return PageOcr(
        page_no, state, round(conf, 1) if conf is not None else None, words, lines,
        time.monotonic() - start,
    )


# Helvetica's ascender and descender (PyMuPDF's "helv"), as MuPDF uses them
# for the boxes of extracted words.
_ASCENDER, _DESCENDER = 1.075, 0.299


def lay_text_over(page: Any, words: list[OcrWord], lines: dict[tuple[int, int, int], tuple[float, float]]) -> None:
    """Write ``words`` over the page as invisible text. Each line gets one
    font size, from its line box, so MuPDF sees one line with its words in
    order; each word is stretched to its own width."""
    import pymupdf

    font = pymupdf.Font("helv")
    shape = page.new_shape()
    for w in words:
        top, bottom = lines.get(w.line, (w.y0, w.y1))
        size = max(1.0, (bottom - top) / (_ASCENDER + _DESCENDER))
        natural = font.text_length(w.text, size)
        if natural <= 0:
            continue
        origin = pymupdf.Point(w.x0, top + size * _ASCENDER)
        stretch = pymupdf.Matrix(max(0.05, (w.x1 - w.x0) / natural), 1)
        shape.insert_text(
            origin, w.text, fontsize=size, fontname="helv", render_mode=3, morph=(origin, stretch),
        )
    shape.commit(overlay=True)
