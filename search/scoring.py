"""BM25F with the per-document length part computed once per segment.

Whoosh's BM25F reads each matching document's field length through three
layers of column readers for every hit; on a common word (8,700 of 10,000
pages) that was a third of the query time. Here the length norm of every
document of a segment is computed once, kept on the segment reader, and a
hit costs one list index. Scores are the same as Whoosh's BM25F.
"""
from __future__ import annotations

from typing import Any

from whoosh.scoring import BM25F, WeightScorer

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


class FastBM25FScorer:
    def __init__(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> None:
        parent = searcher.get_parent()
        self.idf = parent.idf(fieldname, text)
        self.norms, avgfl = _norms(searcher, fieldname)
        ti = searcher.term_info(fieldname, text)
        self._max = self._score(ti.max_weight(), ti.min_length(), avgfl)
        self._avgfl = avgfl

    def _score(self, weight: float, length: float, avgfl: float) -> float:
        norm = K1 * ((1 - B) + B * length / avgfl)
        return self.idf * (weight * (K1 + 1)) / (weight + norm)

    def supports_block_quality(self) -> bool:
        return True

    def score(self, matcher: Any) -> float:
        w = matcher.weight()
        return self.idf * (w * (K1 + 1)) / (w + self.norms[matcher.id()])

    def max_quality(self) -> float:
        return self._max

    def block_quality(self, matcher: Any) -> float:
        return self._score(matcher.block_max_weight(), matcher.block_min_length(), self._avgfl)


class FastBM25F(BM25F):
    def __init__(self) -> None:
        super().__init__(B=B, K1=K1)

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return WeightScorer.for_(searcher, fieldname, text)
        return FastBM25FScorer(searcher, fieldname, text, qf)
