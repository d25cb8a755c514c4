"""Postings blocks pickled with protocol 4 (``search.codec``) hold exactly
what Whoosh's own codec writes: the same terms, postings, weights, position
values, block headers, lengths and term statistics, read back through
Whoosh's own reader. Only the pickles differ, and they are smaller. A
whoosh3 upgrade that changes the block layout fails here.
"""
from __future__ import annotations

import pickle

from whoosh.codec.whoosh3 import W3Codec

from app import search_service
from search import codec, index
from tests.search.index_dump import dump


def _stock_writer(ix, **kwargs):
    return ix.writer(**kwargs)


def _rebuild(lib, monkeypatch, codec_class) -> dict:
    monkeypatch.setattr(index, "BulkWriter", _stock_writer)  # Whoosh's writer, both times
    monkeypatch.setattr(index, "BlockCodec", codec_class)
    search_service.rebuild_index(lib, procs=1)
    search_service.close_engine(lib)
    return dump(lib)


def test_protocol_4_blocks_hold_what_whoosh_writes(indexed_library, monkeypatch):
    ours = _rebuild(indexed_library, monkeypatch, codec.BlockCodec)
    theirs = _rebuild(indexed_library, monkeypatch, W3Codec)
    assert len(ours["terms"]) > 3_000
    assert ours["terms"].keys() == theirs["terms"].keys()
    for key, value in theirs["terms"].items():
        assert ours["terms"][key] == value, key
    assert ours["blocks"] == theirs["blocks"]
    assert any(len(heads) > 1 for heads in ours["blocks"].values())  # terms of many blocks
    assert ours["lengths"] == theirs["lengths"]
    assert ours["stored"] == theirs["stored"]
    # The difference: bytes are pickled as bytes, not as calls.
    assert b"_codecs" in theirs["raw"][".pst"]
    assert b"_codecs" not in ours["raw"][".pst"]
    assert len(ours["raw"][".pst"]) < 0.8 * len(theirs["raw"][".pst"])


def test_every_writer_uses_the_codec(indexed_library):
    """The rebuild, and the writer that applies later changes (its new
    segment, and the segments it merges)."""
    from dataclasses import replace

    from app.domain import new_id
    from storage import records

    lib = indexed_library
    search_service.rebuild_index(lib, procs=1)
    before = search_service.search(lib, "mensenrechten").total
    doc = next(d for d in records.list_documents(lib.db) if d.page_count == 94)  # the report
    rows = records.get_pages(lib.db, doc.id)
    for n in range(3):
        copy = replace(doc, id=new_id(), sha256=f"{n:064x}", title=f"copy {n}")
        with lib.write() as db:
            records.insert_document(db, copy, rows)
        assert search_service.sync_index(lib) > 0
    search_service.close_engine(lib)
    _folder, _state, ix = index.open_generation(lib.index_dir)
    try:
        segments = ix._segments()
        assert segments and all(type(s.codec()) is codec.BlockCodec for s in segments)
        with ix.searcher() as s:
            assert s.doc_count() > len(rows) * 3
    finally:
        ix.close()
    assert search_service.search(lib, "mensenrechten").total > before
