"""Snippets: the best short window of a text, its matched words marked.

Built from the text itself (taken from SQLite by the caller) rather than by
Whoosh's highlighter, which re-analyses every hit and re-expands prefix and
fuzzy terms; here a word is marked when its folded form is one of the words
the query expanded to or its stem is one of the query's stems.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from search.analysis import language_of, stem, words

OPEN, CLOSE = "«", "»"
WINDOW_WORDS = 32


@dataclass
class Highlight:
    """What a query matched: folded surface words and stems per language."""

    surface: set[str] = field(default_factory=set)
    stems: dict[str, set[str]] = field(default_factory=dict)
    # Phrases are marked only where their words stand together.
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def add_stem(self, language: str, term: str) -> None:
        self.stems.setdefault(language, set()).add(term)

    def matches(self, folded: str, language: str) -> bool:
        if folded in self.surface:
            return True
        stems = self.stems.get(language)
        return bool(stems) and stem(folded, language) in stems  # type: ignore[operator]

    def __bool__(self) -> bool:
        return bool(self.surface or self.stems or self.phrases)


def _same_word(folded: str, wanted: str, language: str) -> bool:
    return folded == wanted or stem(folded, language) == stem(wanted, language)


def _matched_tokens(tokens: list[tuple[int, int, str]], hl: Highlight, language: str) -> list[int]:
    hits = {i for i, (_, _, w) in enumerate(tokens) if hl.matches(w, language)}
    for phrase in hl.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if all(_same_word(tokens[i + k][2], phrase[k], language) for k in range(n)):
                hits.update(range(i, i + n))
    return sorted(hits)


@dataclass
class Snippet:
    """``text`` is plain text; ``marks`` are (start, end) offsets into it."""

    text: str
    marks: list[tuple[int, int]]

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


def make_snippet(
    text: str, highlight: Highlight, language: str, window: int = WINDOW_WORDS
) -> Snippet:
    """The window of ``window`` words with the most distinct matched words."""
    language = language_of(language)
    tokens = list(words(text))
    if not tokens:
        return Snippet(_squash(text[:200]), [])
    hits = _matched_tokens(tokens, highlight, language) if highlight else []
    if hits:
        best_start, best_score = hits[0], -1
        for i in hits:  # a window starting a little before each hit
            start = max(0, i - 4)
            inside = {tokens[j][2] for j in hits if start <= j < start + window}
            score = len(inside) * 100 + sum(1 for j in hits if start <= j < start + window)
            if score > best_score:
                best_start, best_score = start, score
    else:
        best_start = 0
    end_tok = min(len(tokens), best_start + window) - 1
    begin = tokens[best_start][0]
    end = tokens[end_tok][1]
    # Rebuild the window with whitespace squashed, keeping mark offsets right.
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    if best_start > 0:
        out.append("… ")
        length += 2
    cursor = begin
    hit_set = set(hits)
    for j in range(best_start, end_tok + 1):
        s, e, _ = tokens[j]
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
    if end_tok < len(tokens) - 1:
        out.append(" …")
    return Snippet("".join(out), marks)


_SPACE = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s)
