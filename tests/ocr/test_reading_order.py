"""Lines that Tesseract's layout analysis cut in two are made whole again
(``app.ocr.rejoin_split_lines``), but columns stay apart."""
from __future__ import annotations

from app.ocr import OcrWord, rejoin_split_lines


def _word(x0: float, text: str, line: tuple[int, int, int], y0: float = 100.0) -> OcrWord:
    return OcrWord(x0, y0, x0 + 10 * len(text), y0 + 12, text, 95.0, line)


def _lines(words: list[OcrWord]) -> dict[tuple[int, int, int], tuple[float, float]]:
    out: dict[tuple[int, int, int], tuple[float, float]] = {}
    for w in words:
        top, bottom = out.get(w.line, (w.y0, w.y1))
        out[w.line] = (min(top, w.y0), max(bottom, w.y1))
    return out


def test_the_end_of_a_line_read_as_a_block_of_its_own_goes_back_to_its_line():
    words = [
        _word(100, "een", (4, 3, 1)), _word(140, "democratie.", (4, 3, 1)),
        _word(100, "leidt", (4, 3, 2), y0=122), _word(160, "in", (4, 3, 2), y0=122),
        _word(265, "is", (5, 1, 1)), _word(290, "waakzaamheid", (5, 1, 1)),
    ]
    out = rejoin_split_lines(words, _lines(words))
    assert [w.text for w in out] == ["een", "democratie.", "is", "waakzaamheid", "leidt", "in"]
    assert {w.line for w in out[:4]} == {(4, 3, 1)}


def test_a_second_column_stays_a_block_of_its_own():
    words = [
        _word(100, "links", (1, 1, 1)), _word(160, "kolom", (1, 1, 1)),
        _word(100, "verder", (1, 1, 2), y0=122),
        _word(400, "rechts", (2, 1, 1)),  # a gutter of about 15 line heights
    ]
    out = rejoin_split_lines(words, _lines(words))
    assert [w.text for w in out] == ["links", "kolom", "verder", "rechts"]
    assert out[-1].line == (2, 1, 1)
