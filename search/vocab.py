"""The folded surface words of the index, with how many entries each occurs
in (a page that writes a word two ways, "Thema" and "thema", counts twice:
the counts only rank expansions and bound their cost).

Prefix and fuzzy queries are expanded against these words rather than the
stemmed index terms: ``organisat*`` must find ``organisaties`` even though
the Dutch stemmer stores ``organiseer``. Expanding here also bounds the
cost: only the most frequent matches are kept (a prefix on a common stem
expanded to thousands of terms took seconds in stock Whoosh).

The list only grows between rebuilds; a word whose pages were deleted maps
to stems that match nothing, which is harmless. It is stored as JSON (never
a pickle: loading an index file must not be able to run code).
"""
from __future__ import annotations

import bisect
import heapq
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from whoosh.automata import lev
from whoosh.automata.fsa import find_all_matches

FILE_NAME = "words.json"


class Vocabulary:
    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts if counts is not None else Counter()
        self._sorted: list[str] | None = None
        self.dirty = False

    # --- building -------------------------------------------------------------
    def add_counts(self, counts: Counter[str]) -> None:
        """Words with how many entries each was found in."""
        before = len(self.counts)
        self.counts.update(counts)
        if len(self.counts) != before:
            self._sorted = None
        self.dirty = True

    # --- persistence ------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> "Vocabulary":
        path = folder / FILE_NAME
        try:
            with open(path, "rb") as fh:
                data = json.loads(fh.read().decode("utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path} is not a word list: {exc}") from exc
        words = data.get("words") if isinstance(data, dict) else None
        if not isinstance(words, dict) or not all(
            isinstance(w, str) and type(n) is int for w, n in words.items()
        ):
            raise ValueError(f"{path} is not a word list")
        return cls(Counter(words))

    def save(self, folder: Path) -> None:
        path = folder / FILE_NAME
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            fh.write(json.dumps({"words": self.counts}, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        self.dirty = False

    # --- expansion ----------------------------------------------------------------
    @property
    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def _top(self, words: Iterable[str], limit: int) -> list[str]:
        return heapq.nlargest(limit, words, key=self.counts.__getitem__)

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent words starting with ``prefix``."""
        words = self.sorted_words
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff", lo)
        return self._top(words[lo:hi], limit)

    def within(self, word: str, distance: int, limit: int) -> list[str]:
        """The ``limit`` most frequent words within ``distance`` edits
        (Levenshtein automaton walked over the sorted list)."""
        words = self.sorted_words
        if not words:
            return []
        dfa = lev.levenshtein_automaton(word, distance).to_dfa()

        def lookup(key: str) -> str | None:
            i = bisect.bisect_left(words, key)
            return words[i] if i < len(words) else None

        return self._top(find_all_matches(dfa, lookup), limit)
