"""BM25F length norms, computed once per segment and field.

Whoosh's BM25F reads each matching document's field length through three
layers of column readers for every hit; on a common word (8,700 of 10,000
pages) that was a third of the query time. Here the length norm of every
document of a segment is computed once and kept on the segment reader;
``fastpath`` scores a posting with one list index.
"""
from __future__ import annotations

from typing import Any

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
        get = reader.doc_field_length_reader(fieldname) if hasattr(
            reader, "doc_field_length_reader"
        ) else (lambda d: reader.doc_field_length(d, fieldname))
        lengths = [get(d) or 0 for d in range(reader.doc_count_all())]
        having = sum(1 for n in lengths if n)
        avgfl = (sum(lengths) / having) if having else 1.0
        norms = [K1 * ((1 - B) + B * n / avgfl) for n in lengths]
        found = cache[fieldname] = (norms, avgfl)
    return found
