"""The query language, parsed into a small engine-neutral tree.

    words            all must match (stemmed: aanbeveling finds aanbevelingen)
    "a phrase"       the words next to each other, in this order
    a OR b           either
    NOT a, -a        must not match
    prefix*          words starting with prefix (also inside compounds' heads)
    word~, word~2    words within 1 (or 2) typing errors
    doc: kind: role: tag: label: stance: page:  filters (page:10-20 a range)

The parser never fails: anything it cannot read (an unclosed quote, a lone
OR, an unknown ``field:``) is taken as plain words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from search.analysis import WORD, fold

FILTER_FIELDS = ("doc", "kind", "role", "tag", "label", "stance", "page", "author")
MIN_PREFIX = 2  # "a*" would expand to half the vocabulary
MIN_TYPING = 3  # the word being typed is completed from this many letters on


@dataclass(frozen=True)
class Word:
    """A folded word; ``mode`` is ``word``, ``prefix``, ``fuzzy`` or
    ``typing`` (the word being typed: itself, and below it the words it
    begins)."""

    text: str
    mode: str = "word"
    distance: int = 0


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Filter:
    field: str
    value: str


Clause = Union[Word, Phrase]


@dataclass
class Query:
    """``groups`` are ANDed, the clauses inside one group ORed."""

    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Union[Clause, Filter]] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    text: str = ""

    @property
    def empty(self) -> bool:
        return not (self.groups or self.filters or self.excluded)

    @property
    def has_terms(self) -> bool:
        return bool(self.groups)

    def filter_values(self, name: str) -> list[str]:
        return [f.value for f in self.filters if f.field == name]

    def positive_clauses(self) -> list[Clause]:
        return [c for g in self.groups for c in g]


_TOKEN = re.compile(
    r'(?P<neg>-)?(?:(?P<field>[A-Za-z]+):"(?P<fquoted>[^"]*)"?'
    r'|"(?P<phrase>[^"]*)(?P<close>"?)'
    r'|(?P<bare>[^\s"]+))'
)
_FUZZY = re.compile(r"^(?P<word>.+?)~(?P<dist>\d?)$")
_PAGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def _words(text: str) -> list[str]:
    return [fold(m.group()) for m in WORD.finditer(text)]


def _clause_from_words(words: list[str]) -> Clause | None:
    if not words:
        return None
    if len(words) == 1:
        return Word(words[0])
    # "VN-Mensenrechtenraad" is indexed as two adjacent words.
    return Phrase(tuple(words))


def _bare(token: str) -> list[Union[Clause, Filter]]:
    """One unquoted token: a filter, a prefix, a fuzzy word or plain words."""
    name, colon, value = token.partition(":")
    if colon and name.lower() in FILTER_FIELDS and value:
        return [Filter(name.lower(), value)]
    if colon:  # an unknown field: its name and value are plain words
        return [Word(w) for w in _words(token)]
    if token.endswith("*"):
        words = _words(token[:-1])
        if len(words) == 1 and len(words[0]) >= MIN_PREFIX:
            return [Word(words[0], "prefix")]
        if len(words) > 1 and len(words[-1]) >= MIN_PREFIX:
            return [_clause_from_words(words[:-1]), Word(words[-1], "prefix")]  # type: ignore[list-item]
    m = _FUZZY.match(token)
    if m:
        words = _words(m.group("word"))
        if len(words) == 1:
            dist = min(max(int(m.group("dist") or 1), 1), 2)
            return [Word(words[0], "fuzzy", dist)]
    clause = _clause_from_words(_words(token))
    return [clause] if clause else []


def parse(text: str, *, typing: bool = False) -> Query:
    """The query ``text`` means. With ``typing`` (search as you type), a
    plain last word not yet followed by a space also matches as the
    beginning of longer words, ranked below the word itself."""
    query = Query(text=text)
    negate_next = False
    or_pending = False
    last: tuple[list, int] | None = None  # where the last plain word went
    for m in _TOKEN.finditer(text):
        last = None
        negate = bool(m.group("neg")) or negate_next
        negate_next = False
        items: list[Union[Clause, Filter]]
        if m.group("field") is not None:
            fname = m.group("field").lower()
            if fname in FILTER_FIELDS and m.group("fquoted").strip():
                items = [Filter(fname, m.group("fquoted").strip())]
            else:
                items = [c for c in [_clause_from_words(_words(m.group("fquoted")))] if c]
        elif m.group("phrase") is not None:
            words = _words(m.group("phrase"))
            if m.group("close"):
                items = [c for c in [_clause_from_words(words)] if c]
            else:
                # An unclosed quote: plain words.
                items = [Word(w) for w in words]
        else:
            bare = m.group("bare")
            if bare == "OR" and not negate:
                or_pending = bool(query.groups)
                continue
            if bare == "NOT" and not negate:
                negate_next = True
                continue
            if bare == "AND" and not negate:
                continue
            items = _bare(bare)
        for i, item in enumerate(items):
            if negate:
                query.excluded.append(item)
            elif isinstance(item, Filter):
                query.filters.append(item)
            elif or_pending and i == 0 and query.groups:
                query.groups[-1].append(item)
            else:
                query.groups.append([item])
        if items:
            or_pending = False
        if (
            m.group("bare") is not None and len(items) == 1 and not negate
            and isinstance(items[0], Word) and items[0].mode == "word"
            and m.end() == len(text)
        ):
            group = query.groups[-1]
            last = (group, len(group) - 1)
    if typing and last is not None:
        group, pos = last
        word = group[pos]
        if isinstance(word, Word) and len(word.text) >= MIN_TYPING:
            group[pos] = Word(word.text, "typing")
    return query


def page_range(value: str) -> tuple[int, int] | None:
    """``"12"`` -> (12, 12), ``"10-20"`` -> (10, 20); None if not a page spec."""
    m = _PAGE.match(value)
    if not m:
        return None
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else start
    return (min(start, end), max(start, end))
