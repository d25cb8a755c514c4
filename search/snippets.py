"""Snippets: the best short window of a text, its matched words marked.

Built from the text itself (taken from SQLite by the caller) rather than by
Whoosh's highlighter, which re-analyses every hit and re-expands prefix and
fuzzy terms; here a word is marked when its folded form is one of the words
the query expanded to or its stem is one of the query's stems.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from itertools import islice
from dataclasses import dataclass, field
from typing import Any, Callable

from search.analysis import WORD, _term, _term_cache, fold, language_of, stem, term_of

OPEN, CLOSE = "«", "»"
WINDOW_WORDS = 32

# Pages come back again and again while someone refines a query: keep the
# words of the most recent ones.
_WORDS: OrderedDict[str, list[str]] = OrderedDict()
_WORDS_MAX = 2048


# Snippets are made on several threads (the window's search worker, the
# reader marking a page): the caches are only read and changed under this.
_LOCK = threading.Lock()


def _cached(cache: OrderedDict, key: object, limit: int, make: Callable[[], Any]) -> Any:
    """``cache[key]``, made by ``make()`` (outside the lock) when missing;
    the least recently used entry goes past ``limit``."""
    with _LOCK:
        found = cache.get(key)
        if found is not None:
            cache.move_to_end(key)
            return found
    found = make()
    with _LOCK:
        cache[key] = found
        if len(cache) > limit:
            cache.popitem(last=False)
    return found


def _words(text: str) -> list[str]:
    """The words of ``text`` as written, in order (``WORD``'s matches)."""
    return _cached(_WORDS, text, _WORDS_MAX, lambda: WORD.findall(text))


def clear_cache() -> None:
    with _LOCK:
        _WORDS.clear()
        _SNIPPETS.clear()


def _terms(words: list[str], language: str) -> list[str]:
    """The index term of each word (through the analysis caches)."""
    cache = _term_cache(language, True)
    out = list(map(cache.get, words))
    if None in out:
        for i, t in enumerate(out):
            if t is None:
                out[i] = _term(words[i], language, True, cache)
    return out  # type: ignore[return-value]  # no None is left


@dataclass
class Highlight:
    """What a query matched: folded surface words and stems per language."""

    surface: set[str] = field(default_factory=set)
    stems: dict[str, set[str]] = field(default_factory=dict)
    # Phrases are marked only where their words stand together.
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def add_stem(self, language: str, term: str) -> None:
        self.stems.setdefault(language, set()).add(term)

    def __bool__(self) -> bool:
        return bool(self.surface or self.stems or self.phrases)


def phrase_starts(terms: list[str], phrase: tuple[str, ...], language: str) -> list[int]:
    """Where the phrase's words stand together (compared as index terms)."""
    wanted = [stem(w, language) for w in phrase]
    n = len(wanted)
    first = wanted[0]
    return [
        i for i in range(len(terms) - n + 1)
        if terms[i] == first and all(terms[i + k] == wanted[k] for k in range(1, n))
    ]


def _matched(words: list[str], hl: Highlight, language: str) -> list[int]:
    """The indexes of the words the query matched: decided once per
    distinct word (its folded form or its index term), then looked up."""
    stems = hl.stems.get(language, set())
    surface = hl.surface
    matched = set()
    for w in set(words):
        folded, term = term_of(w, language)
        if term in stems or folded in surface:
            matched.add(w)
    hits = [i for i, w in enumerate(words) if w in matched] if matched else []
    if hl.phrases:
        found = set(hits)
        terms = _terms(words, language)
        for phrase in hl.phrases:
            for i in phrase_starts(terms, phrase, language):
                found.update(range(i, i + len(phrase)))
        hits = sorted(found)
    return hits


@dataclass(frozen=True)
class Snippet:
    """``text`` is plain text; ``marks`` are (start, end) offsets into it.
    ``source`` is where the window stands in the text it was made from:
    ``source_text[start:end]`` are the window's words exactly as written
    (``text`` squashes white space and adds "…" where the window cuts)."""

    text: str
    marks: list[tuple[int, int]]
    source: tuple[int, int] = (0, 0)

    def passage(self, source_text: str) -> str:
        """The window's words as they stand in ``source_text``."""
        return source_text[self.source[0] : self.source[1]]

    @property
    def matched(self) -> list[str]:
        return list(dict.fromkeys(self.text[s:e] for s, e in self.marks))

    def marked(self, open_mark: str = OPEN, close_mark: str = CLOSE) -> str:
        out, last = [], 0
        for s, e in self.marks:
            out.append(self.text[last:s])
            out.append(open_mark + self.text[s:e] + close_mark)
            last = e
        out.append(self.text[last:])
        return "".join(out)


def _best_window(words: list[str], hits: list[int], window: int) -> int:
    """The start of the window (a little before some hit) holding the most
    distinct matched words, then the most matches; a sliding window over
    the hits, linear in their number."""
    best_start, best_score = max(0, hits[0] - 4), -1
    counts: dict[str, int] = {}
    lo = 0
    for hi, j in enumerate(hits):
        word = fold(words[j])
        counts[word] = counts.get(word, 0) + 1
        # hits[lo..hi] must fit in one window
        while j - hits[lo] >= window - 4:
            w = fold(words[hits[lo]])
            counts[w] -= 1
            if not counts[w]:
                del counts[w]
            lo += 1
        score = len(counts) * 1000 + (hi - lo + 1)
        if score > best_score:
            best_start, best_score = max(0, hits[lo] - 4), score
    return best_start


# The snippets of the most recent (text, query): hits of one query often
# share a text (a page in two versions of a document), and a query typed
# on asks for the same ones again.
_SNIPPETS: OrderedDict[tuple, "Snippet"] = OrderedDict()
_SNIPPETS_MAX = 512


def make_snippet(
    text: str, highlight: Highlight, language: str, window: int = WINDOW_WORDS
) -> Snippet:
    """The window of ``window`` words with the most distinct matched words."""
    language = language_of(language)
    key = (
        text, language, window, frozenset(highlight.surface),
        frozenset((lang, frozenset(s)) for lang, s in highlight.stems.items()),
        tuple(highlight.phrases),
    )
    snippet: Snippet = _cached(
        _SNIPPETS, key, _SNIPPETS_MAX, lambda: _make_snippet(text, highlight, language, window)
    )
    return snippet


def _make_snippet(text: str, highlight: Highlight, language: str, window: int) -> Snippet:
    words = _words(text)
    if not words:
        return Snippet(_squash(text[:200]), [], (0, 0))
    hits = _matched(words, highlight, language) if highlight else []
    best_start = _best_window(words, hits, window) if hits else 0
    end_tok = min(len(words), best_start + window) - 1
    # Where the window's words stand: the regex again, as far as the window
    # (the words before it are skipped without leaving Python's C code).
    spans = [m.span() for m in islice(WORD.finditer(text), best_start, end_tok + 1)]
    begin = spans[0][0]
    end = spans[-1][1]
    # Rebuild the window with whitespace squashed, keeping mark offsets right.
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    if best_start > 0:
        out.append("… ")
        length += 2
    cursor = begin
    hit_set = set(hits)
    for j, (s, e) in enumerate(spans, start=best_start):
        gap = _squash(text[cursor:s])
        out.append(gap)
        length += len(gap)
        if j in hit_set:
            if marks and j - 1 in hit_set and j > best_start and len(gap) <= 1:
                marks[-1] = (marks[-1][0], length + e - s)  # one mark for a phrase
            else:
                marks.append((length, length + e - s))
        out.append(text[s:e])
        length += e - s
        cursor = e
    tail = text[end : end + 1]
    if tail and not tail.isspace():
        out.append(tail)  # closing punctuation
        end += 1
    if end_tok < len(words) - 1:
        out.append(" …")
    return Snippet("".join(out), marks, (begin, end))


_SPACE = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s)
