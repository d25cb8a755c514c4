"""Text analysis shared by indexing, querying and snippets.

One pass per token: a word regex, lower case, diacritics folded, Dutch
apostrophe forms normalised, then the Snowball stemmer of the document's
language (PyStemmer, C). Stop words are kept, so a phrase such as
``"mensenrechten en democratie"`` only matches where those three words
stand together.

Apostrophes. Every apostrophe sign (’ ‘ ʼ ') is the straight one. Dutch
writes the plural and the possessive of words ending in a vowel, and of
acronyms, with ``'s`` (thema's, ngo's, NGO’s, Anna's); Snowball's Dutch
stemmer does not know the apostrophe and Lucene's Dutch analysis leaves
such a token whole (its English chain has a possessive filter that drops
``'s``). Here ``'s`` at the end of a word is dropped, as Lucene does for
English, so ``thema``, ``thema's`` and ``thema’s`` are one term. The
clitics stand for whole words and are indexed as them: ``'t`` het,
``'n`` een, ``'k`` ik, ``'s`` (alone: 's avonds, 's-Gravenhage) des,
``z'n`` zijn, ``m'n`` mijn, ``d'r`` haar. Other words with an apostrophe
inside (``zo'n``, ``d'Ancona``) stay one word.

Whoosh pickles analyzers into the index schema, so the classes here must
stay importable under this module path.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

import Stemmer
from whoosh.analysis import Token, Tokenizer

LANGUAGES = {"nl": "dutch", "en": "english"}
DEFAULT_LANGUAGE = "nl"

# Letters and digits; an apostrophe inside a word stays ("zo'n"), as does
# one before a clitic ("'t", "'s"); a hyphen splits ("VN-Mensenrechtenraad"
# gives "vn" and "mensenrechtenraad").
APOSTROPHES = "'’‘ʼ"
# (Written as two alternatives, the common one first: the same matches as
# one pattern with an optional leading apostrophe, found about 15 % faster.)
WORD = re.compile(
    rf"\w+(?:[{APOSTROPHES}]\w+)*|[{APOSTROPHES}](?=[tnks]\b)\w+(?:[{APOSTROPHES}]\w+)*",
    re.UNICODE,
)
_STRAIGHT = str.maketrans({c: "'" for c in APOSTROPHES[1:]})
CLITICS = {
    "'t": "het", "'n": "een", "'k": "ik", "'s": "des",
    "z'n": "zijn", "m'n": "mijn", "d'r": "haar",
}

_stemmers: dict[str, "Stemmer.Stemmer"] = {}


def language_of(code: str | None) -> str:
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without diacritics, apostrophe forms normalised:
    ``Geëvalueerde`` -> ``geevalueerde``, ``NGO’s`` -> ``ngo``, ``’t`` -> ``het``."""
    low = word.lower()
    if not low.isascii():
        decomposed = unicodedata.normalize("NFKD", low)
        low = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_STRAIGHT)
    if "'" in low:
        return apostrophe_form(low)
    return low


def apostrophe_form(word: str) -> str:
    """The word an apostrophe form stands for (see the module's notes)."""
    clitic = CLITICS.get(word)
    if clitic is not None:
        return clitic
    if word.endswith("'s") and len(word) > 2:
        return word[:-2]
    return word


def _stemmer(language: str) -> "Stemmer.Stemmer":
    stemmer = _stemmers.get(language)
    if stemmer is None:
        stemmer = _stemmers[language] = Stemmer.Stemmer(LANGUAGES[language])
        # PyStemmer keeps its own cache of recent words.
        stemmer.maxCacheSize = 100_000
    return stemmer


def stem(word: str, language: str) -> str:
    """The index term for one already folded word."""
    if not word.isalpha():
        return word  # numbers and codes ("2017", "a1") are kept as typed
    return _stemmer(language).stemWord(word)


def terms(text: str, language: str) -> list[str]:
    """The index terms of ``text``, in order."""
    return [stem(fold(m.group()), language) for m in WORD.finditer(text)]


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for every word in ``text`` (for snippets)."""
    for m in WORD.finditer(text):
        yield m.start(), m.end(), fold(m.group())


# Raw word -> index term, per (language, stemming): one dict lookup per
# token instead of fold + stem calls; cleared when it grows too big.
_TERM_CACHES: dict[tuple[str, bool], dict[str, str]] = {}
_TERM_CACHE_MAX = 500_000


def _term_cache(language: str, stemming: bool) -> dict[str, str]:
    cache = _TERM_CACHES.get((language, stemming))
    if cache is None:
        cache = _TERM_CACHES[(language, stemming)] = {}
    return cache


def _term(raw: str, language: str, stemming: bool, cache: dict[str, str]) -> str:
    if len(cache) > _TERM_CACHE_MAX:
        cache.clear()
    word = fold(raw)
    term = cache[raw] = stem(word, language) if stemming else word
    return term


def term_of(raw: str, language: str) -> tuple[str, str]:
    """(folded word, index term) of one raw word, through the caches."""
    cache = _term_cache(language, True)
    term = cache.get(raw)
    if term is None:
        term = _term(raw, language, True, cache)
    return fold(raw), term


class StemmingTokenizer(Tokenizer):
    """Regex words, folded and stemmed in one generator (fewer layers of
    Python generators than Tokenizer | LowercaseFilter | StemFilter, which
    is what indexing speed is made of in Whoosh)."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, stemming: bool = True) -> None:
        self.language = language_of(language)
        self.stemming = stemming

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, StemmingTokenizer)
            and other.language == self.language
            and other.stemming == self.stemming
        )

    def __hash__(self) -> int:
        return hash((self.language, self.stemming))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value  # type: ignore[attr-defined]  # Whoosh sets it dynamically
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return
        cache = _term_cache(self.language, self.stemming)
        pos = start_pos
        for m in WORD.finditer(value):
            raw = m.group()
            term = cache.get(raw)
            if term is None:
                term = _term(raw, self.language, self.stemming, cache)
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = m.group()  # type: ignore[attr-defined]
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t


def analyzer(language: str, stemming: bool = True) -> StemmingTokenizer:
    return StemmingTokenizer(language, stemming)
