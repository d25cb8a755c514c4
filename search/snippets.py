"""Snippets: the best short window of a text, its matched words marked.

Built from the text itself (taken from SQLite by the caller) rather than by
Whoosh's highlighter, which re-analyses every hit and re-expands prefix and
fuzzy terms; here a word is marked when its folded form is one of the words
the query expanded to or its stem is one of the query's stems.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field

from search.analysis import WORD, language_of, stem, term_of

OPEN, CLOSE = "«", "»"
WINDOW_WORDS = 32

Token = tuple[int, int, str, str]  # start, end, folded word, index term

# Pages come back again and again while someone refines a query: keep the
# analysed tokens of the most recent ones.
_TOKENS: OrderedDict[tuple[str, str], list[Token]] = OrderedDict()
_TOKENS_MAX = 2048


def tokens(text: str, language: str) -> list[Token]:
    key = (language, text)
    found = _TOKENS.get(key)
    if found is not None:
        _TOKENS.move_to_end(key)
        return found
    found = []
    for m in WORD.finditer(text):
        folded, term = term_of(m.group(), language)
        found.append((m.start(), m.end(), folded, term))
    _TOKENS[key] = found
    if len(_TOKENS) > _TOKENS_MAX:
        _TOKENS.popitem(last=False)
    return found


def clear_cache() -> None:
    _TOKENS.clear()


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


def phrase_starts(toks: list[Token], phrase: tuple[str, ...], language: str) -> list[int]:
    """Where the phrase's words stand together (compared as index terms)."""
    wanted = [stem(w, language) for w in phrase]
    n = len(wanted)
    first = wanted[0]
    return [
        i for i in range(len(toks) - n + 1)
        if toks[i][3] == first and all(toks[i + k][3] == wanted[k] for k in range(1, n))
    ]


def _matched_tokens(toks: list[Token], hl: Highlight, language: str) -> list[int]:
    stems = hl.stems.get(language, set())
    surface = hl.surface
    hits = {i for i, t in enumerate(toks) if t[3] in stems or t[2] in surface}
    for phrase in hl.phrases:
        for i in phrase_starts(toks, phrase, language):
            hits.update(range(i, i + len(phrase)))
    return sorted(hits)


@dataclass
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


def _best_window(toks: list[Token], hits: list[int], window: int) -> int:
    """The start of the window (a little before some hit) holding the most
    distinct matched words, then the most matches; a sliding window over
    the hits, linear in their number."""
    best_start, best_score = max(0, hits[0] - 4), -1
    counts: dict[str, int] = {}
    lo = 0
    for hi, j in enumerate(hits):
        counts[toks[j][2]] = counts.get(toks[j][2], 0) + 1
        # hits[lo..hi] must fit in one window
        while j - hits[lo] >= window - 4:
            w = toks[hits[lo]][2]
            counts[w] -= 1
            if not counts[w]:
                del counts[w]
            lo += 1
        score = len(counts) * 1000 + (hi - lo + 1)
        if score > best_score:
            best_start, best_score = max(0, hits[lo] - 4), score
    return best_start


def make_snippet(
    text: str, highlight: Highlight, language: str, window: int = WINDOW_WORDS
) -> Snippet:
    """The window of ``window`` words with the most distinct matched words."""
    language = language_of(language)
    toks = tokens(text, language)
    if not toks:
        return Snippet(_squash(text[:200]), [], (0, 0))
    hits = _matched_tokens(toks, highlight, language) if highlight else []
    best_start = _best_window(toks, hits, window) if hits else 0
    end_tok = min(len(toks), best_start + window) - 1
    begin = toks[best_start][0]
    end = toks[end_tok][1]
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
        s, e = toks[j][0], toks[j][1]
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
    if end_tok < len(toks) - 1:
        out.append(" …")
    return Snippet("".join(out), marks, (begin, end))


_SPACE = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _SPACE.sub(" ", s)
