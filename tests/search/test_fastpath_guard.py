"""The fast path (``search.fastpath``, ``search.scoring``) reads private parts
of whoosh3 (postings blocks, the length column). This test answers a fixed
set of queries both ways, through the fast path and through Whoosh's own
searcher and BM25F, and requires the same top results with the same scores:
a whoosh3 upgrade that changes those internals fails here instead of
ranking wrongly.

The one deliberate difference is told to Whoosh too: the average field
length counts only the entries that have the field (see ``search.scoring``).
"""
from __future__ import annotations

import pytest
from whoosh import query as wq
from whoosh import scoring

from app import search_service
from search import parse_query
from search.analysis import LANGUAGES, stem
from search.index import TEXT_FIELDS, field_boost, open_generation
from search.query import Phrase, Word
from tests.conftest import LETTER, REPORT

WORD_QUERIES = [
    "mensenrechten", "kabinet", "aanbeveling", "thema", "ngo", "Mensenrechtenraad", "de",
    "mensenrechten kabinet", "evaluatie beleid", "ambassades OR posten", "lhbti OR lhbtiq",
    "mensenrechten -kabinet", "doodstraf OR marteling", "zeearend", "zeearend OR kabinet",
]
PHRASE_QUERIES = [
    '"vrijheid van meningsuiting"', '"het kabinet"', '"mensenrechten en democratie"',
    '"maatschappelijk middenveld"', '"de aanbevelingen"',
]
TOP = 10


class _Scorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, avgfl):  # noqa: ANN001
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text)
        self.avgfl = avgfl
        self.B, self.K1, self.qf = B, K1, 1
        self.setup(searcher, fieldname, text)


class _BM25F(scoring.BM25F):
    """Whoosh's BM25F with the average over the entries having the field."""

    def __init__(self, averages: dict[str, float]) -> None:
        super().__init__(B=0.75, K1=1.2)
        self.averages = averages

    def scorer(self, searcher, fieldname, text, qf=1):  # noqa: ANN001
        return _Scorer(searcher, fieldname, text, self.B, self.K1, self.averages.get(fieldname, 1.0))


def _averages(searcher) -> dict[str, float]:
    out = {}
    n = searcher.doc_count_all()
    for fieldname in searcher.schema.scorable_names():
        lengths = [searcher.doc_field_length(d, fieldname, 0) for d in range(n)]
        having = sum(1 for x in lengths if x)
        out[fieldname] = sum(lengths) / having if having else 1.0
    return out


def _word(w: str) -> wq.Query:
    terms = [
        wq.Term(fieldname, stem(w, lang), boost=field_boost(fieldname))
        for lang in LANGUAGES for fieldname in TEXT_FIELDS[lang]
    ]
    terms.append(wq.Term("label", w, boost=field_boost("label")))
    return wq.Or(terms)


def _phrase(words: tuple[str, ...]) -> wq.Query:
    return wq.Or([
        wq.Phrase(fieldname, [stem(w, lang) for w in words])
        for lang in LANGUAGES for fieldname in TEXT_FIELDS[lang]
    ] + [wq.Phrase("label", list(words))])


def _clause(c: Word | Phrase) -> wq.Query:
    if isinstance(c, Phrase):
        return _phrase(c.words)
    assert c.mode == "word"
    return _word(c.text)


def _whoosh_query(text: str) -> wq.Query:
    q = parse_query(text)
    assert not q.filters
    positive = wq.And([wq.Or([_clause(c) for c in group]) for group in q.groups])
    if q.excluded:
        return wq.AndNot(positive, wq.Or([_clause(c) for c in q.excluded]))
    return positive


@pytest.fixture
def guarded(indexed_library):
    """The samples' index plus annotations in later segments, one of them
    replaced (so segment offsets and deleted entries are exercised)."""
    from app.annotations import create_annotation, update_annotation

    lib = indexed_library
    report = lib.resolve_document(REPORT.name)
    letter = lib.resolve_document(LETTER.name)
    a, _ = create_annotation(lib, report.id, page_no=3, rects=[[3, 72, 100, 500, 120]],
                             quote="het kabinet en de mensenrechten", role="recommendation",
                             label="R1 kabinet", note="zeearend")
    search_service.sync_index(lib)
    create_annotation(lib, letter.id, page_no=2, rects=[[2, 72, 100, 500, 120]],
                      quote="vrijheid van meningsuiting", role="comment", note="de aanbevelingen")
    search_service.sync_index(lib)
    update_annotation(lib, a, note="zeearend en kabinet")
    search_service.sync_index(lib)
    _folder, _state, ix = open_generation(lib.index_dir)
    with ix.searcher() as plain:
        averages = _averages(plain)
    with ix.searcher(weighting=_BM25F(averages)) as searcher:
        yield lib, searcher
    ix.close()


def test_the_guard_covers_several_segments_and_deletions(guarded):
    _lib, searcher = guarded
    reader = searcher.reader()
    assert len(reader.leaf_readers()) > 1 or reader.has_deletions()


@pytest.mark.parametrize("text", WORD_QUERIES)
def test_fast_path_ranks_as_whoosh_does(guarded, text):
    lib, searcher = guarded
    ours = search_service.engine(lib).search(parse_query(text), limit=TOP).hits
    theirs = searcher.search(_whoosh_query(text), limit=TOP)
    assert [round(h.score, 6) for h in ours] == [round(h.score, 6) for h in theirs], text
    # The same entries (those tied on the last score may differ in order).
    cut = min(h.score for h in ours) if ours else 0
    assert {h.key for h in ours if h.score > cut + 1e-9} == {
        h["key"] for h in theirs if h.score > cut + 1e-9
    }, text
    if text in ("zeearend", "zeearend OR kabinet", "kabinet"):
        assert ours, text


@pytest.mark.parametrize("text", PHRASE_QUERIES)
def test_fast_path_finds_the_phrases_whoosh_finds(guarded, text):
    lib, searcher = guarded
    ours = search_service.engine(lib).search(parse_query(text), limit=10_000).hits
    theirs = searcher.search(_whoosh_query(text), limit=None)
    assert ours, text
    assert {h.key for h in ours} == {h["key"] for h in theirs}, text


FILTERS = [
    ("page:3", wq.NumericRange("page", 3, 3)), ("page:10-20", wq.NumericRange("page", 10, 20)),
    ("page:1-94", wq.NumericRange("page", 1, 94)), ("page:90-200", wq.NumericRange("page", 90, 200)),
    ("page:1-5000", wq.NumericRange("page", 1, 5000)),  # past the term-by-term limit
    ("kind:page", wq.Term("kind", "page")), ("kind:annotation", wq.Term("kind", "annotation")),
    ("kind:report", wq.Term("dkind", "report")), ("role:recommendation", wq.Term("role", "recommendation")),
]


@pytest.mark.parametrize("text,whoosh_query", FILTERS, ids=[f for f, _ in FILTERS])
def test_filters_select_what_whoosh_selects(guarded, text, whoosh_query):
    """Filters read the ids of their terms (the page range one term per
    page): the same entries as Whoosh's own queries, deleted ones left out."""
    lib, searcher = guarded
    ours = search_service.engine(lib).search(parse_query(text), limit=100_000)
    theirs = {searcher.stored_fields(d)["key"] for d in searcher.docs_for_query(whoosh_query)}
    assert theirs, text
    assert {h.key for h in ours.hits} == theirs, text
    assert ours.total == len(theirs)
