"""Finding quotes on the sample PDFs: whitespace, hyphenation, page breaks, errors."""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.anchoring import (
    area_anchor,
    find_quote,
    load_words,
    reanchor_in_words,
    selection_anchor,
    word_at,
)
from app.domain import Anchor, UserError
from tests.conftest import LETTER, REPORT


def test_hyphenated_word_at_line_end_matches_whole_word():
    # On page 1 of the letter "Mensenrech-" ends a line and "tenraad" starts the next.
    a = find_quote(LETTER, 1, "Daarnaast speelt de Mensenrechtenraad een steeds belangrijker rol")
    assert a.page_no == 1
    assert a.quote == "Daarnaast speelt de Mensenrechtenraad een steeds belangrijker rol"
    assert len(a.rects) == 2  # one per line fragment
    assert all(r[0] == 1 and r[1] < r[3] and r[2] < r[4] for r in a.rects)
    assert a.prefix.endswith("mensenrechten.")
    assert a.suffix.startswith("in het tegengaan")


def test_whitespace_line_breaks_and_hyphens_in_the_quote_do_not_matter():
    a = find_quote(LETTER, 1, "Daarnaast  speelt\nde Mensenrech-\ntenraad een")
    assert a.quote == "Daarnaast speelt de Mensenrechtenraad een"


def test_real_hyphen_is_kept_in_the_stored_quote():
    a = find_quote(LETTER, 1, "lidmaatschap van de VN-Mensenrechtenraad 2020-2022")
    assert "VN-Mensenrechtenraad" in a.quote


def test_case_insensitive_fallback():
    a = find_quote(LETTER, 1, "daarnaast speelt de mensenrechtenraad")
    assert a.quote == "Daarnaast speelt de Mensenrechtenraad"


def test_quote_across_a_page_break_skips_the_page_number():
    a = find_quote(LETTER, 1, "een betrouwbare partner zijn voor leden en niet-leden, grote en kleine landen")
    assert a.page_no == 1
    assert {r[0] for r in a.rects} == {1, 2}
    assert a.quote == "een betrouwbare partner zijn voor leden en niet-leden, grote en kleine landen"


def test_not_found_and_found_twice_are_clear_errors():
    with pytest.raises(UserError, match="the quote was not found on page 1"):
        find_quote(LETTER, 1, "dit staat nergens in de brief")
    with pytest.raises(UserError, match=r"the quote occurs \d+ times on page 1; quote more text"):
        find_quote(LETTER, 1, "Mensenrechtenraad")
    with pytest.raises(UserError, match="does not exist"):
        find_quote(LETTER, 99, "Mensenrechtenraad")


def test_selection_by_words_and_area():
    _, pages = load_words(LETTER, [1, 2])
    words = pages[1]
    i = word_at(words, (words[3][0] + words[3][2]) / 2, (words[3][1] + words[3][3]) / 2)
    assert i == 3
    a = selection_anchor(pages, (1, 10), (1, 3))  # reversed drag
    assert a.quote.split()[0] == words[3][4]
    assert len(a.quote.split()) == 8
    across = selection_anchor(pages, (1, len(words) - 2), (2, 1))
    assert {r[0] for r in across.rects} == {1, 2}
    x0, y0, x1, y1 = words[0][:4]
    area = area_anchor(words, 1, [x0 - 2, y0 - 2, x1 + 2, y1 + 2])
    assert area.quote == words[0][4]
    assert area.rects == ((1, *(round(v, 2) for v in (x0 - 2, y0 - 2, x1 + 2, y1 + 2))),)


def test_reanchor_exact_then_fuzzy_then_orphan():
    _, pages = load_words(REPORT, range(10, 14))
    exact = find_quote(REPORT, 12, "IOB tot aanbevelingen voor de drie hoofdonderdelen")
    ann = Anchor(page_no=40, rects=(), quote=exact.quote, prefix=exact.prefix, suffix=exact.suffix)
    again = reanchor_in_words(pages, ann)
    assert again is not None and again.page_no == 12 and again.rects == exact.rects
    fuzzy = reanchor_in_words(pages, replace(ann, quote="IOB tot aanbevelingen voor drie hoofd onderdelen"))
    assert fuzzy is not None and fuzzy.page_no == 12 and 0.8 <= fuzzy.score < 1
    assert reanchor_in_words(pages, replace(ann, quote="geheel andere tekst over iets anders")) is None
