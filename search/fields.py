"""The text field type of the index: Whoosh's ``TEXT`` with positions,
whose postings are made in one pass over the words.

Whoosh makes a field's postings through three layers of generators (the
analyzer's tokens, ``Positions.word_values``, ``FieldType.index``), with a
``Token`` object per word; that was most of the indexing time that is not
Whoosh's own posting pool. ``index`` here does the same work in one loop
over the words: the same terms (``analysis``), the same encoding of the
positions (``Positions.encode``), so the index reads and searches as one
made by stock Whoosh would (``tests/search/test_fastpath_guard.py``).

A value may also be given as the list of its words (``WORD.findall``), so
the writer can reuse one regex pass for the word list of the vocabulary.

Whoosh pickles field types into the index's table of contents: this class
must stay importable under this module path.
"""
from __future__ import annotations

from operator import sub
from pickle import dumps
from typing import Any, Iterable

from whoosh.fields import TEXT
from whoosh.system import pack_uint

from search.analysis import WORD, StemmingTokenizer, _term, _term_cache


def postings(
    words: Iterable[str], language: str, stemming: bool, boost: float = 1.0
) -> list[tuple[bytes, int, float, bytes]]:
    """(term bytes, frequency, weight, encoded positions) per distinct term
    of ``words``, as ``Positions.word_values`` and ``FieldType.index`` give."""
    cache = _term_cache(language, stemming)
    get = cache.get
    positions: dict[str, list[int]] = {}
    found = positions.get
    for pos, raw in enumerate(words):
        term = get(raw)
        if term is None:
            term = _term(raw, language, stemming, cache)
        at = found(term)
        if at is None:
            positions[term] = [pos]
        else:
            at.append(pos)
    out = []
    once = _ONCE
    for term, at in positions.items():
        n = len(at)
        if n == 1:  # most terms of a page: the encoding depends on the position only
            pos = at[0]
            value = once.get(pos)
            if value is None:
                value = once[pos] = pack_uint(1) + dumps(at, 2)
        else:
            value = pack_uint(n) + dumps([at[0], *map(sub, at[1:], at)], 2)
        out.append((term.encode("utf-8"), n, n * boost, value))
    return out


_ONCE: dict[int, bytes] = {}  # position -> encoded single-position value


class WordsText(TEXT):
    """``TEXT`` (positions, scorable) indexed in one pass; see the module."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        ana = self.analyzer
        if not isinstance(ana, StemmingTokenizer) or kwargs:
            return super().index(value, **kwargs)
        words = WORD.findall(value) if isinstance(value, str) else value
        return postings(words, ana.language, ana.stemming, self.format.field_boost)
