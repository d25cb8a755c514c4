"""Answering queries from the Whoosh index.

Speed comes from: one searcher kept open and refreshed only when the index
changed; prefix and fuzzy words expanded against the surface word list and
cut to the most frequent few; terms absent from a field left out before
Whoosh sees them; snippets made by the caller from SQLite text with the
``Highlight`` collected here, so no hit is analysed twice.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from whoosh import query as wq
from search.scoring import FastBM25F

from search.analysis import LANGUAGES, WORD, fold, stem
from search.index import (
    TEXT_FIELDS,
    IndexState,
    field_boost,
    IndexUnavailable,
    open_generation,
    read_state,
)
from search.query import Filter, Phrase, Query, Word, page_range
from search.snippets import Highlight
from search.vocab import FILE_NAME as VOCAB_FILE
from search.vocab import Vocabulary

PREFIX_LIMIT = 24  # most frequent words kept from a prefix expansion
FUZZY_LIMIT = 16


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
            self._searcher = self._ix.searcher(weighting=FastBM25F())
            self.vocab = Vocabulary.load(self.folder)
        except Exception as exc:  # noqa: BLE001 - damaged segment files
            raise IndexUnavailable(f"the index cannot be read: {exc}") from exc
        self._vocab_mtime = self._mtime(self.folder / VOCAB_FILE)
        self._fields: set[str] = set()
        self._note_fields()

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
                self._searcher = self._ix.searcher(weighting=FastBM25F())
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
    def search(
        self,
        query: Query,
        *,
        limit: int = 20,
        resolve_doc: DocResolver | None = None,
        counts: bool = False,
    ) -> Results:
        with self._lock:
            highlight = Highlight()
            q = self._translate(query, highlight, resolve_doc)
            if q is None:
                return Results([], 0, highlight)
            res = self._searcher.search(q, limit=limit)
            hits = []
            for hit in res:
                stored = hit.fields()
                key = stored["key"]
                is_ann = key.startswith("a/")
                hits.append(
                    RawHit(
                        key=key,
                        document=stored["doc"],
                        page=int(stored["page"]),
                        kind="annotation" if is_ann else "page",
                        annotation=key[2:] if is_ann else None,
                        score=float(hit.score or 0.0),
                    )
                )
            total = len(res) if res.has_exact_length() else res.estimated_length()
            per_doc: dict[str, int] = {}
            if counts:
                per_doc = self._counts(q)
                total = sum(per_doc.values())
            return Results(hits, total, highlight, per_doc)

    def _counts(self, q: wq.Query) -> dict[str, int]:
        """Matches per document, without scoring (for grouped results)."""
        reader = self._searcher.reader()
        column = reader.column_reader("doc")
        out: dict[str, int] = {}
        for docnum in self._searcher.docs_for_query(q):
            doc = column[docnum]
            if isinstance(doc, bytes):
                doc = doc.decode("utf-8")
            out[doc] = out.get(doc, 0) + 1
        return out

    # --- translation ------------------------------------------------------------
    def _translate(
        self, query: Query, hl: Highlight, resolve_doc: DocResolver | None
    ) -> wq.Query | None:
        musts: list[wq.Query] = []
        for group in query.groups:
            alternatives = [q for q in (self._clause(c, hl) for c in group) if q is not None]
            if not alternatives:
                return None  # a required word that is nowhere
            musts.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
        by_field: dict[str, list[wq.Query]] = {}
        for f in query.filters:
            fq = self._filter(f, resolve_doc)
            if fq is None:
                return None
            by_field.setdefault(f.field, []).append(fq)
        for alternatives in by_field.values():
            musts.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
        if not musts:
            if not query.excluded:
                return None
            musts.append(wq.Every())
        positive: wq.Query = musts[0] if len(musts) == 1 else wq.And(musts)
        negatives = []
        for item in query.excluded:
            if isinstance(item, Filter):
                nq = self._filter(item, resolve_doc)
            else:
                nq = self._clause(item, Highlight())
            if nq is not None:
                negatives.append(nq)
        if negatives:
            positive = wq.AndNot(positive, negatives[0] if len(negatives) == 1 else wq.Or(negatives))
        return positive

    def _has(self, fieldname: str, text: str) -> bool:
        return fieldname in self._fields and (fieldname, text) in self._searcher.reader()

    def _surface(self, word: Word) -> list[str]:
        if word.mode == "prefix":
            found = self.vocab.with_prefix(word.text, PREFIX_LIMIT)
            return found if word.text in found else [word.text, *found]
        if word.mode == "fuzzy":
            found = self.vocab.within(word.text, word.distance, FUZZY_LIMIT)
            return found if word.text in found else [word.text, *found]
        return [word.text]

    def _clause(self, clause: Word | Phrase, hl: Highlight) -> wq.Query | None:
        subs: list[wq.Query] = []
        if isinstance(clause, Word):
            surface = self._surface(clause)
            hl.surface.update(surface)
            for lang in LANGUAGES:
                stems = {stem(w, lang) for w in surface}
                for fieldname in TEXT_FIELDS[lang]:
                    for s in stems:
                        if self._has(fieldname, s):
                            subs.append(wq.Term(fieldname, s, boost=field_boost(fieldname)))
                            hl.add_stem(lang, s)
            for w in surface:
                if self._has("label", w):
                    subs.append(wq.Term("label", w, boost=field_boost("label")))
        else:
            hl.phrases.append(clause.words)
            for lang in LANGUAGES:
                stems = [stem(w, lang) for w in clause.words]
                for fieldname in TEXT_FIELDS[lang]:
                    if all(self._has(fieldname, s) for s in stems):
                        subs.append(wq.Phrase(fieldname, stems, boost=field_boost(fieldname)))
            if all(self._has("label", w) for w in clause.words):
                subs.append(wq.Phrase("label", list(clause.words), boost=field_boost("label")))
        if not subs:
            return None
        return subs[0] if len(subs) == 1 else wq.Or(subs)

    def _filter(self, f: Filter, resolve_doc: DocResolver | None) -> wq.Query | None:
        value = f.value.strip()
        if f.field == "doc":
            ids = resolve_doc(value) if resolve_doc else [value]
            if not ids:
                return None
            terms = [wq.Term("doc", i) for i in ids]
            return terms[0] if len(terms) == 1 else wq.Or(terms)
        if f.field == "page":
            pr = page_range(value)
            if pr is None:
                return None
            return wq.NumericRange("page", pr[0], pr[1])
        folded = fold(value)
        if f.field == "kind":
            if folded in ("page", "pages"):
                return wq.Term("kind", "page")
            if folded in ("annotation", "annotations"):
                return wq.Term("kind", "annotation")
            return wq.Term("dkind", folded)
        if f.field in ("role", "stance"):
            return wq.Term(f.field, folded)
        if f.field == "tag":
            return wq.Term("tags", folded)
        if f.field == "author":
            return wq.Term("author", folded)
        if f.field == "label":
            words = [fold(w) for w in WORD.findall(value)]
            if not words:
                return None
            return wq.Term("label", words[0]) if len(words) == 1 else wq.Phrase("label", words)
        return None


def index_state(root: Path) -> IndexState:
    """The state of the current generation, without opening Whoosh."""
    from search.index import current_generation

    folder = current_generation(root)
    if folder is None or not folder.is_dir():
        raise IndexUnavailable("there is no index yet")
    return read_state(folder)
