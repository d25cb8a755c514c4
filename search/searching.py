"""Answering queries from the Whoosh index.

Speed comes from: one searcher kept open and replaced only when the index
changed; queries evaluated term-at-a-time over the postings (``fastpath``)
rather than through Whoosh's per-document collector; prefix and fuzzy words
expanded against the surface word list and cut to the most frequent few;
terms absent from a field left out before any postings are read; snippets
made by the caller from SQLite text with the ``Highlight`` collected here,
so no hit is analysed twice.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from whoosh import query as wq

from search.analysis import LANGUAGES, WORD, fold, stem
from search.index import (
    TEXT_FIELDS,
    IndexState,
    field_boost,
    IndexUnavailable,
    open_generation,
    read_state,
)
from search.fastpath import Alternative, Evaluator, Group, rank
from search.query import Filter, Phrase, Query, Word, page_range
from search.snippets import Highlight
from search.vocab import FILE_NAME as VOCAB_FILE
from search.vocab import Vocabulary

PREFIX_LIMIT = 16  # most frequent words kept from a prefix expansion
FUZZY_LIMIT = 16
TYPING_WEIGHT = 0.2  # a word completed from the one being typed, against the word itself
TYPING_TIER = 1000.0  # added for the whole word: above any BM25 sum of completions
PAGE_TERMS_MAX = 2_000  # a page range up to this long is read term by term
POSTINGS_BUDGET = 30_000  # pages read at most for one prefix or fuzzy word (about)


@dataclass
class RawHit:
    key: str
    document: str
    page: int
    kind: str  # "page" or "annotation"
    annotation: str | None
    score: float


@dataclass
class Results:
    hits: list[RawHit]
    total: int
    highlight: Highlight
    counts: dict[str, int] = field(default_factory=dict)


DocResolver = Callable[[str], list[str]]


class Searcher:
    """Reads one index folder; safe to share between threads (a lock
    serialises queries, which take milliseconds)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self.folder, self.state, self._ix = open_generation(root)
        try:
            self._searcher = self._ix.searcher()
            self.vocab = Vocabulary.load(self.folder)
        except Exception as exc:  # noqa: BLE001 - damaged segment files
            raise IndexUnavailable(f"the index cannot be read: {exc}") from exc
        self._vocab_mtime = self._mtime(self.folder / VOCAB_FILE)
        self._fields: set[str] = set()
        self._note_fields()
        self._evaluator = Evaluator(self._searcher)

    @staticmethod
    def _mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def _note_fields(self) -> None:
        reader = self._searcher.reader()
        self._fields = {f for f in reader.indexed_field_names() if reader.field_length(f) > 0}

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    # --- keeping up -------------------------------------------------------------
    def refresh(self) -> bool:
        """Pick up commits made by the index writer; False if the folder is
        no longer the current generation (a rebuild switched it)."""
        with self._lock:
            from search.index import current_generation

            if current_generation(self.root) != self.folder:
                return False
            if not self._searcher.up_to_date():
                # A new searcher, not Searcher.refresh(): refresh reuses the
                # readers of unchanged segments and kept showing entries
                # deleted from them since.
                old = self._searcher
                self._searcher = self._ix.searcher()
                old.close()
                self._note_fields()
            mtime = self._mtime(self.folder / VOCAB_FILE)
            if mtime != self._vocab_mtime:
                self.vocab = Vocabulary.load(self.folder)
                self._vocab_mtime = mtime
            self.state = read_state(self.folder)
            return True

    def doc_count(self) -> int:
        return self._searcher.doc_count()

    # --- querying ------------------------------------------------------------
    def clear_caches(self) -> None:
        """Forget scored postings (for cold-cache measurements)."""
        with self._lock:
            self._evaluator = Evaluator(self._searcher)

    def search(
        self,
        query: Query,
        *,
        limit: int = 20,
        resolve_doc: DocResolver | None = None,
        resolve_tag: DocResolver | None = None,
        counts: bool = False,
    ) -> Results:
        resolvers = {"doc": resolve_doc, "tag": resolve_tag}
        with self._lock:
            if self._evaluator.searcher is not self._searcher:
                self._evaluator = Evaluator(self._searcher)
            ev = self._evaluator
            highlight = Highlight()
            groups: list[Group] = []
            for clause_group in query.groups:
                group = Group()
                for clause in clause_group:
                    group.alternatives.extend(self._clause(ev, clause, highlight))
                if not any(a.scores for a in group.alternatives):
                    return Results([], 0, highlight)  # a required word that is nowhere
                groups.append(group)
            allowed = self._filters(ev, query.filters, resolvers)
            if allowed is not None and not allowed:
                return Results([], 0, highlight)
            if not groups and allowed is None and not query.excluded:
                return Results([], 0, highlight)
            excluded: set[int] = set()
            excluded_checks: list[Group] = []
            for item in query.excluded:
                if isinstance(item, Filter):
                    excluded |= self._filters(ev, [item], resolvers) or set()
                    continue
                alts = self._clause(ev, item, Highlight())
                if any(a.verify is not None for a in alts):
                    excluded_checks.append(Group(alts))
                for a in alts:
                    if a.verify is None:
                        excluded.update(a.scores)
            top, total, candidates = rank(
                groups, allowed, excluded, excluded_checks, limit,
                lambda: set(self._searcher.reader().all_doc_ids()), exact=counts,
            )
            hits = [self._hit(docnum, score) for docnum, score in top]
            per_doc = self._counts(candidates) if counts else {}
            return Results(hits, total, highlight, per_doc)

    def _hit(self, docnum: int, score: float) -> RawHit:
        stored = self._searcher.stored_fields(docnum)  # type: ignore[attr-defined]  # not in Whoosh's hints
        key = stored["key"]
        is_ann = key.startswith("a/")
        return RawHit(
            key=key, document=stored["doc"], page=int(stored["page"]),
            kind="annotation" if is_ann else "page",
            annotation=key[2:] if is_ann else None, score=float(score),
        )

    def _counts(self, candidates: dict[int, float]) -> dict[str, int]:
        """Matches per document (for grouped results)."""
        column = self._searcher.reader().column_reader("doc")
        out: dict[str, int] = {}
        for docnum in candidates:
            doc = column[docnum]
            if isinstance(doc, bytes):
                doc = doc.decode("utf-8")
            out[doc] = out.get(doc, 0) + 1
        return out

    # --- translation ------------------------------------------------------------
    def _has(self, fieldname: str, text: str) -> bool:
        return fieldname in self._fields and (fieldname, text) in self._searcher.reader()  # type: ignore[operator]

    def _surface(self, word: Word) -> list[str]:
        if word.mode in ("prefix", "typing"):
            found = self.vocab.with_prefix(word.text, PREFIX_LIMIT)
        elif word.mode == "fuzzy":
            found = self.vocab.within(word.text, word.distance, FUZZY_LIMIT)
        else:
            return [word.text]
        # Most frequent first, until the postings to read pass a budget: on
        # a common stem the rarer forms add hardly any pages but cost reads.
        kept: list[str] = []
        pages = 0
        for w in found:
            if kept and pages >= POSTINGS_BUDGET:
                break
            kept.append(w)
            pages += self.vocab.counts.get(w, 0)
        return kept if word.text in kept else [word.text, *kept]

    def _clause(self, ev: Evaluator, clause: Word | Phrase, hl: Highlight) -> list[Alternative]:
        if isinstance(clause, Word):
            surface = self._surface(clause)
            hl.surface.update(surface)
            terms: list[tuple[str, str, float]] = []
            for lang in LANGUAGES:
                stems = {stem(w, lang) for w in surface}
                for fieldname in TEXT_FIELDS[lang]:
                    for s in stems:
                        if self._has(fieldname, s):
                            terms.append((fieldname, s, field_boost(fieldname)))
                            hl.add_stem(lang, s)
            for w in surface:
                if self._has("label", w):
                    terms.append(("label", w, field_boost("label")))
            if clause.mode == "typing":
                return self._typing(ev, clause.text, terms)
            return [ev.words(terms)] if terms else []
        hl.phrases.append(clause.words)
        alts = []
        for lang in LANGUAGES:
            phrase_stems = [stem(w, lang) for w in clause.words]
            for fieldname in TEXT_FIELDS[lang]:
                if all(self._has(fieldname, s) for s in phrase_stems):
                    alts.append(ev.phrase(fieldname, phrase_stems, field_boost(fieldname)))
        if all(self._has("label", w) for w in clause.words):
            alts.append(ev.phrase("label", list(clause.words), field_boost("label")))
        return alts

    @staticmethod
    def _typing(ev: Evaluator, word: str, terms: list[tuple[str, str, float]]) -> list[Alternative]:
        """The word being typed: entries with the word itself (any of its
        forms) rank above those that only have words it begins, each tier
        by BM25 (the completions count a fraction within a tier)."""
        whole_terms = {stem(word, lang) for lang in LANGUAGES} | {word}
        whole = [t for t in terms if t[1] in whole_terms]
        rest = [(f, t, b * TYPING_WEIGHT) for f, t, b in terms if t not in whole_terms]
        if not terms:
            return []
        scores = dict(ev.words(rest).scores) if rest else {}
        if whole:
            get = scores.get
            for d, s in ev.words(whole).scores.items():
                scores[d] = get(d, 0.0) + s + TYPING_TIER
        return [Alternative(scores)]

    def _filters(
        self, ev: Evaluator, filters: list[Filter], resolvers: dict[str, DocResolver | None]
    ) -> set[int] | None:
        """Docs allowed by the filters (same field: OR, fields: AND); None
        when there are no filters."""
        by_field: dict[str, set[int]] = {}
        for f in filters:
            docs = self._filter(ev, f, resolvers)
            by_field[f.field] = by_field.get(f.field, set()) | docs
        allowed: set[int] | None = None
        for docs in sorted(by_field.values(), key=len):
            allowed = set(docs) if allowed is None else allowed & docs
        return allowed

    def _filter(
        self, ev: Evaluator, f: Filter, resolvers: dict[str, DocResolver | None]
    ) -> set[int]:
        """``doc:`` and ``tag:`` values go through the caller's resolvers
        (ids from titles and file names; a tag and the tags under it)."""
        value = f.value.strip()
        resolve = resolvers.get(f.field)
        if f.field == "doc":
            ids = resolve(value) if resolve else [value]
            out: set[int] = set()
            for i in ids:
                out |= ev.doc_set("doc", i)
            return out
        if f.field == "page":
            pr = page_range(value)
            if pr is None:
                return set()
            first, last = pr
            if last - first < PAGE_TERMS_MAX and last < 2**32:
                # One term per page number (Whoosh's range query reads its
                # trie terms through layers of matchers: 25 ms for page:10-20).
                out = set()
                for number in range(first, last + 1):
                    out |= ev.doc_set("page", number)
                return out
            return set(self._searcher.docs_for_query(wq.NumericRange("page", first, last)))
        folded = fold(value)
        if f.field == "kind":
            if folded in ("page", "pages"):
                return ev.doc_set("kind", "page")
            if folded in ("annotation", "annotations"):
                return ev.doc_set("kind", "annotation")
            return ev.doc_set("dkind", folded)
        if f.field in ("role", "stance", "author"):
            return ev.doc_set(f.field, folded)
        if f.field == "tag":
            out = set()
            for name in resolve(value) if resolve else [value]:
                out |= ev.doc_set("tags", fold(name.strip()))
            return out
        if f.field == "label":
            words = [fold(w) for w in WORD.findall(value)]
            out = ev.doc_set("label", words[0]) if words else set()
            for w in words[1:]:
                out &= ev.doc_set("label", w)
            return out
        return set()


def index_state(root: Path) -> IndexState:
    """The state of the current generation, without opening Whoosh."""
    from search.index import current_generation

    folder = current_generation(root)
    if folder is None or not folder.is_dir():
        raise IndexUnavailable("there is no index yet")
    return read_state(folder)
