"""The rebuild writer (``search.bulk``) replaces how Whoosh's own writer
files postings, sorts them and hands them to the postings writer (a block
at a time, through that writer's buffer). An index it writes must hold
exactly what stock Whoosh writes for the same entries: every term, posting,
weight, position value, length and term statistic, every stored field, and
byte for byte the same postings and term files. A whoosh3 upgrade that
changes those parts fails here instead of indexing wrongly. Both ways of
the bulk writer are checked: whole blocks, and one posting at a time (for a
postings writer it does not know).
"""
from __future__ import annotations

import pytest

from app import search_service
from search import bulk, index
from tests.search.index_dump import dump as _dump


def _stock_writer(ix, **kwargs):
    return ix.writer(**kwargs)


class _OtherPostingsWriter:
    """Not the postings writer class the block step knows."""


@pytest.fixture(params=["blocks", "one by one"])
def both(request, indexed_library, monkeypatch):
    lib = indexed_library
    built = []
    if request.param == "one by one":
        # The path for a postings writer the block step does not know.
        monkeypatch.setattr(bulk, "KNOWN_POSTINGS_WRITERS", (_OtherPostingsWriter,))

    class Counting(bulk.BulkWriter):
        def __init__(self, ix, **kwargs):  # noqa: ANN001
            super().__init__(ix, **kwargs)
            built.append(self)

    monkeypatch.setattr(index, "BulkWriter", Counting)
    search_service.rebuild_index(lib, procs=1)
    search_service.close_engine(lib)
    ours = _dump(lib)
    assert built, "the one-process rebuild did not use the bulk writer"
    monkeypatch.setattr(index, "BulkWriter", _stock_writer)
    search_service.rebuild_index(lib, procs=1)
    search_service.close_engine(lib)
    theirs = _dump(lib)
    return ours, theirs


def test_bulk_writer_writes_what_whoosh_writes(both):
    ours, theirs = both
    assert ours["segments"] == theirs["segments"] == 1
    assert len(ours["terms"]) > 3_000  # the samples, not an empty index
    assert ours["stored"] == theirs["stored"]
    assert ours["lengths"] == theirs["lengths"]
    assert ours["terms"].keys() == theirs["terms"].keys()
    for key, value in theirs["terms"].items():
        assert ours["terms"][key] == value, key
    assert ours["raw"].keys() == {".pst", ".trm"}
    assert ours["raw"][".pst"] == theirs["raw"][".pst"]
    assert ours["raw"][".trm"] == theirs["raw"][".trm"]


def test_term_pool_sorts_postings_that_come_out_of_order():
    pool = bulk.TermPool()
    for item in [("b", b"x", 2, 1.0, b""), ("a", b"y", 5, 1.0, b""), ("a", b"y", 1, 2.0, b""),
                 ("a", b"x", 3, 1.0, b"")]:
        pool.add(item)
    assert list(pool.iter_postings()) == [
        ("a", b"x", 3, 1.0, b""), ("a", b"y", 1, 2.0, b""), ("a", b"y", 5, 1.0, b""),
        ("b", b"x", 2, 1.0, b""),
    ]


def test_fields_without_terms_are_written_as_whoosh_writes_them(tmp_path):
    """An entry whose tags, stance or label are empty gives those fields no
    terms; Whoosh then writes no such field in the term table (and numbers
    the others without it). Checked on a schema of our own field types."""
    import whoosh.index
    from whoosh.fields import ID, KEYWORD, Schema

    from search.codec import BlockCodec
    from search.fields import WordsText
    from search.index import _as_analyzer
    from search.analysis import analyzer

    def schema():
        return Schema(key=ID(stored=True), tags=KEYWORD(commas=True),
                      body=WordsText(analyzer=_as_analyzer(analyzer("nl"))))

    docs = [{"key": "a", "tags": "", "body": "het kabinet"}, {"key": "b", "tags": "", "body": ""},
            {"key": "c", "body": "mensenrechten en het kabinet"}]
    files = {}
    for name, make in (("bulk", bulk.BulkWriter), ("stock", None)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh.index.create_in(str(folder), schema(), indexname="MAIN")
        w = make(ix, codec=BlockCodec()) if make else ix.writer(codec=BlockCodec())
        for d in docs:
            w.add_document(**d)
        w.commit()
        with ix.reader() as r:
            fields = sorted(r.indexed_field_names())
        (segment,) = ix._segments()
        storage = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
        files[name] = fields, [segment.open_file(storage, ext).read() for ext in (".trm", ".pst")]
        ix.close()
    assert files["bulk"] == files["stock"]
    assert files["bulk"][0] == ["body", "key"]
