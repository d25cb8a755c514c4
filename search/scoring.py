"""BM25F length norms, computed once per segment and field.

Whoosh's BM25F reads each matching document's field length through three
layers of column readers for every hit; on a common word (8,700 of 10,000
pages) that was a third of the query time. Here the length norm of every
document of a segment is computed once and kept on the segment reader;
``fastpath`` scores a posting with one list index.
"""
from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

B = 0.75
K1 = 1.2


def _norms(searcher: Any, fieldname: str) -> tuple[list[float], float]:
    """Per document of the segment: the BM25 length norm; and the average
    length. The average counts only documents that have the field (Whoosh
    divides by all documents, which made the sparse annotation fields look
    ten times longer than average and sank every annotation)."""
    reader = searcher.reader() if hasattr(searcher, "reader") else searcher  # a segment reader
    cache = getattr(reader, "_kt_norms", None)
    if cache is None:
        cache = {}
        try:
            reader._kt_norms = cache
        except AttributeError:
            pass
    found = cache.get(fieldname)
    if found is None:
        lengths = _lengths(reader, fieldname)
        having = sum(1 for n in lengths if n)
        avgfl = (sum(lengths) / having) if having else 1.0
        norms = [K1 * ((1 - B) + B * n / avgfl) for n in lengths]
        found = cache[fieldname] = (norms, avgfl)
    return found


_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


def _lengths(reader: Any, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname``. Reads the segment's length
    column as one byte string (Whoosh's per-document accessor took 60 ms
    for 10,000 pages, most of the first query's time); falls back to that
    accessor if the codec is not the one expected."""
    n = reader.doc_count_all()
    try:
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return [0] * n
        raw = column._dbfile.get(column._basepos, column._count)
        table = _BYTE_LENGTHS
        lengths = [table[b] for b in raw]
        return lengths + [0] * (n - len(lengths))
    except AttributeError:
        return [reader.doc_field_length(d, fieldname) or 0 for d in range(n)]
