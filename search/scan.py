"""Matching a query against plain texts, without the index.

Used while the index is being rebuilt: SQLite narrows the rows with LIKE
on substrings every match must contain (``like_groups``), then each
candidate text is analysed here as the index would analyse it, so stems,
apostrophe forms and phrases match as they do in the index. What cannot be
done this way is named in ``notices``: typo-tolerant words are matched as
typed, and there is no BM25 (texts rank by how often they match).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from search.analysis import LANGUAGES, WORD, language_of, stem, term_of
from search.query import Phrase, Query, Word
from search.snippets import Highlight

MIN_SUBSTRING = 3


def _substring(word: str) -> str:
    """A part of ``word`` that every form with its stem contains (as far
    as a prefix goes): the common beginning of the word and its stems."""
    common = os.path.commonprefix([word, *(stem(word, lang) for lang in LANGUAGES)])
    return common if len(common) >= MIN_SUBSTRING else word


@dataclass
class _Text:
    terms: list[str]
    surface: list[str]
    term_set: set[str] = field(default_factory=set)


class TextMatcher:
    def __init__(self, query: Query) -> None:
        self.query = query
        self.highlight = Highlight()
        self.notices: list[str] = []
        for clause in query.positive_clauses():
            if isinstance(clause, Phrase):
                self.highlight.phrases.append(clause.words)
                continue
            if clause.mode == "fuzzy":
                self.notices.append("fuzzy")
            if clause.mode != "prefix":
                self.highlight.surface.add(clause.text)
                for lang in LANGUAGES:
                    self.highlight.add_stem(lang, stem(clause.text, lang))
        self.notices = list(dict.fromkeys(self.notices))

    # --- narrowing in SQLite ----------------------------------------------------
    @staticmethod
    def _clause_substring(clause: Word | Phrase) -> str:
        if isinstance(clause, Phrase):
            return max((_substring(w) for w in clause.words), key=len)
        if clause.mode == "prefix" or clause.mode == "typing":
            return clause.text
        return _substring(clause.text)

    def like_groups(self) -> list[list[str]]:
        """Per AND group the substrings one of which a match contains."""
        return [[self._clause_substring(c) for c in group] for group in self.query.groups]

    # --- matching ----------------------------------------------------------------
    @staticmethod
    def _analyse(text: str, language: str) -> _Text:
        terms, surface = [], []
        for m in WORD.finditer(text):
            folded, term = term_of(m.group(), language)
            terms.append(term)
            surface.append(folded)
        return _Text(terms, surface, set(terms))

    def _count(self, clause: Word | Phrase, t: _Text, language: str) -> int:
        if isinstance(clause, Phrase):
            wanted = [stem(w, language) for w in clause.words]
            n = len(wanted)
            return sum(
                1 for i in range(len(t.terms) - n + 1) if t.terms[i : i + n] == wanted
            )
        if clause.mode in ("prefix", "typing"):
            found = [w for w in t.surface if w.startswith(clause.text)]
            self.highlight.surface.update(found)
            whole = t.terms.count(stem(clause.text, language)) if clause.mode == "typing" else 0
            return whole + len(found)
        target = stem(clause.text, language)
        return t.terms.count(target) if target in t.term_set else 0

    def score(self, text: str, language: str) -> float | None:
        """How well ``text`` matches (more matches, more), None if not."""
        language = language_of(language)
        t = self._analyse(text, language)
        total = 0.0
        for group in self.query.groups:
            best = sum(self._count(c, t, language) for c in group)
            if not best:
                return None
            total += best / (best + 1.2)
        for item in self.query.excluded:
            if isinstance(item, (Word, Phrase)) and self._count(item, t, language):
                return None
        return total
