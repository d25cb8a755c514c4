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


def _cache(reader: Any) -> dict:
    cache = getattr(reader, "_kt_norms", None)
    if cache is None:
        cache = {}
        try:
            reader._kt_norms = cache
        except AttributeError:
            pass
    return cache


def field_stats(reader: Any, fieldname: str) -> tuple[int, int]:
    """(total length, entries having the field) of one segment."""
    cache = _cache(reader)
    key = ("stats", fieldname)
    found = cache.get(key)
    if found is None:
        lengths = _segment_lengths(reader, fieldname)
        found = cache[key] = (sum(lengths), sum(1 for n in lengths if n))
    return found


def average_length(leaves: list[Any], fieldname: str) -> float:
    """The average length of ``fieldname`` over the entries of every
    segment that have it (Whoosh divides by all entries, which made the
    sparse annotation fields look ten times longer than average and sank
    every annotation). Over the whole index, as Whoosh's BM25F does: a
    per-segment average ranked an annotation in a small new segment
    differently from the same annotation after a merge."""
    total = having = 0
    for reader in leaves:
        t, h = field_stats(reader, fieldname)
        total += t
        having += h
    return total / having if having else 1.0


def _norms(reader: Any, fieldname: str, avgfl: float) -> list[float]:
    """Per document of the segment: the BM25 length norm."""
    cache = _cache(reader)
    key = ("norms", fieldname, avgfl)
    found = cache.get(key)
    if found is None:
        for k in [k for k in cache if k[0] == "norms" and k[1] == fieldname]:
            del cache[k]  # another average: the index changed
        lengths = _segment_lengths(reader, fieldname)
        found = cache[key] = [K1 * ((1 - B) + B * n / avgfl) for n in lengths]
    return found


def _segment_lengths(reader: Any, fieldname: str) -> list[int]:
    cache = _cache(reader)
    key = ("lengths", fieldname)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _lengths(reader, fieldname)
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
