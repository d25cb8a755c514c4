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
from bisect import bisect_left
from itertools import accumulate
from collections import OrderedDict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Callable

from search.scoring import K1, _norms, average_length

Scores = dict[int, float]
TermSpec = tuple[str, str, float]  # field, term, boost
TERM_CACHE = 256  # scored postings kept per searcher (typing repeats words)
IDS_CACHE = 4096  # filter terms' doc ids kept (a page range is one term per page)


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


def _block_ids(m: Any) -> list[int]:
    """The document numbers of a postings matcher's current block (in the
    segment), read once: ``accumulate`` (C) instead of Whoosh's
    ``delta_decode`` generator."""
    if m._ids is None:
        if m._data is None:
            m._read_data()
        raw = m._data[0]
        m._ids = raw if m._byteids else list(accumulate(raw))
    ids: list[int] = m._ids
    return ids


class Evaluator:
    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.leaves = searcher.reader().leaf_readers()
        self.schema = searcher.schema
        self._cache: OrderedDict[tuple, tuple] = OrderedDict()
        self._ids: OrderedDict[tuple, list[int]] = OrderedDict()
        self._averages: dict[str, float] = {}

    def clear(self) -> None:
        self._cache.clear()
        self._ids.clear()

    def _average(self, fieldname: str) -> float:
        avg = self._averages.get(fieldname)
        if avg is None:
            avg = self._averages[fieldname] = average_length([seg for seg, _ in self.leaves], fieldname)
        return avg

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
            norms = _norms(seg, fieldname, self._average(fieldname))
            deleted = seg.deleted_docs_set
            while m.is_active():
                ids = _block_ids(m)
                if m._weights is None:
                    m._read_weights()
                ws = m._weights
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

    def doc_set(self, fieldname: str, text: Any) -> set[int]:
        """The global doc ids of one term (a filter: no scores). ``text`` is
        what the field's ``to_bytes`` takes (a page number for ``page``)."""
        if fieldname not in self.schema:
            return set()
        key = (fieldname, text)
        found = self._ids.get(key)
        if found is not None:
            self._ids.move_to_end(key)
            return set(found)
        fieldobj = self.schema[fieldname]
        btext = fieldobj.to_bytes(text)
        out: list[int] = []
        for seg, base in self.leaves:
            if (fieldname, btext) not in seg:
                continue
            m = seg._terms.matcher(fieldname, btext, fieldobj.format)
            deleted = seg.deleted_docs_set
            while m.is_active():
                ids = _block_ids(m)
                if deleted:
                    ids = [d for d in ids if d not in deleted]
                out.extend([d + base for d in ids] if base else ids)
                m._next_block()
        self._ids[key] = out
        if len(self._ids) > IDS_CACHE:
            self._ids.popitem(last=False)
        return set(out)

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
        """Docs with the words in a row. Only the rarest word's postings are
        read in full (they give the candidates and their scores); the other
        words' positions are read block by block for the candidates that
        are checked, best first, until enough are confirmed. At 50,000 pages
        reading every posting of "mensenrechten en democratie" took 200 ms."""
        dfs = [self.searcher.doc_frequency(fieldname, s) for s in stems]
        rare = min(range(len(stems)), key=dfs.__getitem__)
        ids, scores_list, vals = self.postings(fieldname, stems[rare], boost, values=True)
        scores: Scores = dict(zip(ids, scores_list))
        rare_values = dict(zip(ids, vals or ()))
        others = {
            k: LazyPositions(self, fieldname, s) for k, s in enumerate(stems) if k != rare
        }
        decode = self.schema[fieldname].format.decode_positions

        def verify(doc: int) -> bool:
            wanted = []
            for k, lazy in others.items():
                value = lazy.value(doc)
                if value is None:
                    return False
                wanted.append((k - rare, set(decode(value))))
            return any(
                all(p + shift in found for shift, found in wanted)
                for p in decode(rare_values[doc])
            )

        return Alternative(scores, verify)


class LazyPositions:
    """One term's postings values, read a block at a time when asked for a
    document (block headers give each block's last document)."""

    def __init__(self, ev: "Evaluator", fieldname: str, text: str) -> None:
        fieldobj = ev.schema[fieldname]
        btext = fieldobj.to_bytes(text)
        self.blocks: list[tuple[Any, int, int]] = []  # matcher, position, base
        self.maxids: list[int] = []
        self.loaded: dict[int, dict[int, bytes]] = {}
        for seg, base in ev.leaves:
            if (fieldname, btext) not in seg:
                continue
            m = seg._terms.matcher(fieldname, btext, fieldobj.format)
            position = m._baseoffset
            while True:
                self.blocks.append((m, position, base))
                self.maxids.append(m._maxid + base)
                if m._lastblock:
                    break
                position = m._nextoffset
                m._goto(position)

    def value(self, doc: int) -> bytes | None:
        k = bisect_left(self.maxids, doc)
        if k == len(self.maxids):
            return None
        block = self.loaded.get(k)
        if block is None:
            m, position, base = self.blocks[k]
            m._goto(position)  # forgets the block read before
            ids = _block_ids(m)
            m._read_values()
            block = self.loaded[k] = dict(zip((d + base for d in ids), m._values))
        return block.get(doc)


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
