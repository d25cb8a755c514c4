"""Term-at-a-time evaluation over Whoosh's postings.

Whoosh's collector scores one document at a time through several layers of
matcher objects (about 3 µs a posting: 25 ms and more for a word on 8,700 of
10,000 pages). Here a term's postings are read a block at a time and scored
in one list comprehension; words, ORs and ANDs become dict unions and
intersections; phrase positions are only decoded for the best-scoring
candidates until enough hits are confirmed. The index, the lexicon, the
postings and BM25F (with ``scoring``'s length norms) are Whoosh's.
"""
from __future__ import annotations

import heapq
from itertools import accumulate
from collections import OrderedDict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Callable

from search.scoring import K1, _norms

Scores = dict[int, float]
TermSpec = tuple[str, str, float]  # field, term, boost
TERM_CACHE = 256  # scored postings kept per searcher (typing repeats words)


@dataclass
class Alternative:
    """One way a clause can match: scored docs, and for phrases a check."""

    scores: Scores
    verify: Callable[[int], bool] | None = None


@dataclass
class Group:
    alternatives: list[Alternative] = field(default_factory=list)

    def scores(self) -> Scores:
        alts = self.alternatives
        if len(alts) == 1:
            return alts[0].scores
        acc: Scores = {}
        for alt in sorted(alts, key=lambda a: -len(a.scores)):
            if not acc:
                acc = dict(alt.scores)
                continue
            get = acc.get
            for d, s in alt.scores.items():
                acc[d] = get(d, 0.0) + s
        return acc

    @property
    def needs_check(self) -> bool:
        return any(a.verify is not None for a in self.alternatives)

    def check(self, doc: int) -> bool:
        for a in self.alternatives:
            if doc in a.scores and (a.verify is None or a.verify(doc)):
                return True
        return False


class Evaluator:
    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.leaves = searcher.reader().leaf_readers()
        self.schema = searcher.schema
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()

    def clear(self) -> None:
        self._cache.clear()

    # --- postings ---------------------------------------------------------------------
    def postings(self, fieldname: str, text: str, boost: float = 1.0, values: bool = False) -> tuple:
        """(global doc ids, scores, values or None) of one term."""
        key = (fieldname, text, boost, values)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        fieldobj = self.schema[fieldname]
        btext = fieldobj.to_bytes(text)
        idf = self.searcher.idf(fieldname, text) * boost
        k1p1 = K1 + 1
        all_ids: list[int] = []
        all_scores: list[float] = []
        all_values: list[bytes] | None = [] if values else None
        for seg, base in self.leaves:
            if (fieldname, btext) not in seg:
                continue
            m = seg._terms.matcher(fieldname, btext, fieldobj.format)
            norms, _avg = _norms(seg, fieldname)
            deleted = seg.deleted_docs_set
            while m.is_active():
                if m._ids is None:
                    if m._data is None:
                        m._read_data()
                    raw = m._data[0]
                    # accumulate (C) instead of Whoosh's delta_decode generator
                    m._ids = raw if m._byteids else list(accumulate(raw))
                if m._weights is None:
                    m._read_weights()
                ids, ws = m._ids, m._weights
                scores = [idf * (w * k1p1) / (w + norms[d]) for d, w in zip(ids, ws)]
                vals = None
                if values:
                    if m._values is None:
                        m._read_values()
                    vals = m._values
                if deleted:
                    keep = [i for i, d in enumerate(ids) if d not in deleted]
                    ids = [ids[i] for i in keep]
                    scores = [scores[i] for i in keep]
                    if vals is not None:
                        vals = [vals[i] for i in keep]
                all_ids.extend([d + base for d in ids] if base else ids)
                all_scores.extend(scores)
                if all_values is not None and vals is not None:
                    all_values.extend(vals)
                m._next_block()
        found = (all_ids, all_scores, all_values)
        self._cache[key] = found
        if len(self._cache) > TERM_CACHE:
            self._cache.popitem(last=False)
        return found

    def doc_set(self, fieldname: str, text: str) -> set[int]:
        if fieldname not in self.schema:
            return set()
        return set(self.postings(fieldname, text)[0])

    # --- clauses ----------------------------------------------------------------------
    def words(self, terms: list[TermSpec]) -> Alternative:
        acc: Scores = {}
        for fieldname, text, boost in terms:
            ids, scores, _ = self.postings(fieldname, text, boost)
            if not acc:
                acc = dict(zip(ids, scores))
                continue
            get = acc.get
            for d, s in zip(ids, scores):
                acc[d] = get(d, 0.0) + s
        return Alternative(acc)

    def phrase(self, fieldname: str, stems: list[str], boost: float) -> Alternative:
        lists = [self.postings(fieldname, s, boost, values=True) for s in stems]
        common = set(lists[0][0])
        for ids, _, _ in lists[1:]:
            common.intersection_update(ids)
        # dict(zip()) runs in C; Python only loops over the common docs.
        by_term = [dict(zip(ids, sc)) for ids, sc, _ in lists]
        scores: Scores = {d: sum(t[d] for t in by_term) for d in common}
        values = [dict(zip(ids, vals or ())) for ids, _, vals in lists]
        decode = self.schema[fieldname].format.decode_positions

        def verify(doc: int) -> bool:
            first = decode(values[0][doc])
            rest = [set(decode(v[doc])) for v in values[1:]]
            return any(all(p + k in r for k, r in enumerate(rest, start=1)) for p in first)

        return Alternative(scores, verify)


def rank(
    groups: list[Group],
    allowed: set[int] | None,
    excluded: set[int],
    excluded_checks: list[Group],
    limit: int,
    all_docs: Callable[[], set[int]],
    exact: bool = False,
) -> tuple[list[tuple[int, float]], int, Scores]:
    """The best ``limit`` (doc, score); the total; all candidates."""
    if groups:
        dicts = sorted((g.scores() for g in groups), key=len)
        acc = dict(dicts[0])
        for other in dicts[1:]:
            acc = {d: s + other[d] for d, s in acc.items() if d in other}
    else:
        acc = dict.fromkeys(allowed if allowed is not None else all_docs(), 0.0)
    if allowed is not None and groups:
        acc = {d: s for d, s in acc.items() if d in allowed}
    if excluded:
        acc = {d: s for d, s in acc.items() if d not in excluded}
    checks = [g for g in groups if g.needs_check]

    def ok(doc: int) -> bool:
        return all(g.check(doc) for g in checks) and not any(
            g.check(doc) for g in excluded_checks
        )

    if not checks and not excluded_checks:
        if groups:
            top = heapq.nlargest(limit, acc.items(), key=itemgetter(1))
        else:
            top = [(d, 0.0) for d in sorted(acc)[:limit]]
        return top, len(acc), acc
    ordered = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))
    top, checked = [], 0
    for d, s in ordered:
        if len(top) >= limit and not exact:
            break
        checked += 1
        if ok(d):
            top.append((d, s))
    if checked == len(ordered):
        confirmed = {d for d, _ in top} if exact else None
        if exact:
            acc = {d: s for d, s in acc.items() if d in confirmed}  # type: ignore[operator]
        return top[:limit], len(top), acc
    # Not every candidate was checked: estimate the total from the share of
    # confirmed ones among those checked.
    estimate = max(len(top), round(len(ordered) * len(top) / max(1, checked)))
    return top[:limit], estimate, acc
