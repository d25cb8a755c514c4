"""A faster Whoosh writer for a rebuild in one process.

A rebuild writes one new segment from nothing. Stock Whoosh does most of
that work once per posting (2.25 million at 10,000 pages), in Python: a
tuple per posting, a call into the pool, a sort of all of them at commit,
then for each one a call through ``FieldWriter.add_postings`` and
``W3PostingsWriter.add_posting``, with a seek and read of the field length.
This module writes the same segment with far less of that:

- **Filing instead of sorting.** ``TermPool`` files each posting under its
  term as it comes, in three columns (document numbers, weights, values).
  Documents are added in order, so each term's postings are already in
  document order, and only the distinct terms are sorted.
- **Whole blocks.** At commit, each term's columns are cut into Whoosh's
  blocks (128 postings) and handed to the postings writer a block at a
  time; the block statistics (longest and shortest field, highest weight)
  come from the columns, and field lengths from a table read once per
  field (``_Lengths``). Whoosh itself still pickles, compresses and writes
  each block and the term table, so the files are Whoosh's own.
- **``add_document``** files a field's postings into the pool in one loop
  and otherwise does what ``SegmentWriter.add_document`` does (stored
  fields, lengths, columns). Schemas with spelling or vector fields, which
  ours has none of, are refused (``supports``).

The block step sets the buffer of ``whoosh.codec.whoosh3.W3PostingsWriter``
(its ``_ids``, ``_weights``, ``_values`` and statistics) directly; it is
used only when the field writer is ``W3FieldWriter`` and the postings
writer one of ``KNOWN_POSTINGS_WRITERS`` (Whoosh's, or ours of
``search.codec``), and otherwise the postings go one by one through
Whoosh's own calls. ``tests/search/test_bulk_writer.py`` checks
that an index written this way holds exactly the postings, weights,
positions, lengths and term statistics of one written by stock Whoosh, and
byte for byte the same postings, so a whoosh3 upgrade that changes those
internals fails there instead of indexing wrongly.

Memory: the pool holds every posting until commit, as stock Whoosh does
with the large pool a rebuild is given (no spilling to temporary runs); the
columns take less than stock Whoosh's tuples.
"""
from __future__ import annotations

from array import array
from typing import Any, Callable, Iterable, Iterator

from whoosh.codec.whoosh3 import W3FieldWriter, W3PostingsWriter
from whoosh.fields import Schema
from whoosh.writing import SegmentWriter

from search.codec import BlockPostingsWriter

# The postings writers whose buffer the block step knows (see the module).
KNOWN_POSTINGS_WRITERS: tuple[type, ...] = (W3PostingsWriter, BlockPostingsWriter)

Posting = tuple[str, bytes, int, float, Any]
# A term's postings: document numbers, weights, values (same length).
Columns = tuple["array[int]", "array[float]", list]


def _columns() -> Columns:
    return array("I"), array("d"), []


class TermPool:
    """Postings filed by field and term, in columns; see the module."""

    def __init__(self) -> None:
        self._fields: dict[str, dict[bytes, Columns]] = {}
        self.fieldnames: set[str] = set()
        self._unordered: set[tuple[str, bytes]] = set()

    def _terms(self, fieldname: str) -> dict[bytes, Columns]:
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item: Posting) -> None:
        """One posting, as Whoosh's pool takes them (any order)."""
        fieldname, btext, docnum, weight, value = item
        cols = self._terms(fieldname).get(btext)
        if cols is None:
            cols = self._fields[fieldname][btext] = _columns()
        elif docnum < cols[0][-1]:
            self._unordered.add((fieldname, btext))
        cols[0].append(docnum)
        cols[1].append(weight)
        cols[2].append(value)

    def add_items(
        self, fieldname: str, docnum: int, items: Iterable[tuple[bytes, int, float, Any]],
        boost: float,
    ) -> int:
        """A field's postings in one document (``FieldType.index``'s items:
        term, frequency, weight, value), each weight times ``boost``;
        returns the sum of the frequencies. Documents come in increasing
        number (``BulkWriter.add_document``), so the columns stay in order."""
        terms = self._terms(fieldname)
        get = terms.get
        length = 0
        for btext, freq, weight, value in items:
            cols = get(btext)
            if cols is None:
                cols = terms[btext] = _columns()
            cols[0].append(docnum)
            cols[1].append(weight * boost)
            cols[2].append(value)
            length += freq
        return length

    def fields(self) -> Iterator[tuple[str, Iterator[tuple[bytes, Columns]]]]:
        """(field name, its (term, columns) in term order), by field name."""
        for fieldname in sorted(self._fields):
            if self._fields[fieldname]:  # Whoosh starts no field without terms ("" tags, say)
                yield fieldname, self._sorted_terms(fieldname)

    def _sorted_terms(self, fieldname: str) -> Iterator[tuple[bytes, Columns]]:
        terms = self._fields[fieldname]
        for btext in sorted(terms):
            cols = terms[btext]
            if self._unordered and (fieldname, btext) in self._unordered:
                order = sorted(range(len(cols[0])), key=lambda i: (cols[0][i], cols[1][i]))  # as Whoosh sorts
                cols = (array("I", (cols[0][i] for i in order)),
                        array("d", (cols[1][i] for i in order)),
                        [cols[2][i] for i in order])
            yield btext, cols

    def iter_postings(self) -> Iterator[Posting]:
        """Every posting in Whoosh's order (field, term, document)."""
        for fieldname, terms in self.fields():
            for btext, (docs, weights, values) in terms:
                for docnum, weight, value in zip(docs, weights, values):
                    yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        self._fields.clear()
        self._unordered.clear()


class _Lengths:
    """Field lengths for ``FieldWriter.add_postings``, each field's column
    read once (see the module)."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._count = reader.doc_count_all()

    def doc_field_length_reader(self, fieldname: str) -> Callable[[int], Any]:
        length = self._reader.doc_field_length
        table = [length(d, fieldname) for d in range(self._count)]
        return table.__getitem__


def _write_term(pw: W3PostingsWriter, cols: Columns, length: Callable[[int], int] | None) -> None:
    """One term's postings into the postings writer's buffer, a block at a
    time, as ``add_posting`` would leave it (see the module). The writer has
    started the term; the caller finishes it (which writes the last block)."""
    docs, weights, values = cols
    limit = pw._blocklimit
    count = len(docs)
    for start in range(0, count, limit):
        if start:
            pw._write_block()
        end = start + limit
        ids = docs[start:end]
        ws = weights[start:end]
        pw._ids = ids
        pw._weights = array("f", ws)
        pw._values = list(filter(None, values[start:end]))
        pw._maxweight = max(0, max(ws))  # 0 (an int) when no weight is above it, as there
        if length is not None:
            lengths = list(filter(None, map(length, ids)))
            if lengths:
                pw._minlength = min(lengths)
                pw._maxlength = max(lengths)


def supports(schema: Schema) -> bool:
    """Whether every field is one ``BulkWriter.add_document`` handles (no
    spelling or vector fields)."""
    return not any(f.separate_spelling() or f.vector for _, f in schema.items())


class BulkWriter(SegmentWriter):
    """``SegmentWriter`` with the term pool and whole-block writing, for a
    rebuild into a new, empty index (no merging)."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        if self.segments:
            self.cancel()
            raise ValueError("BulkWriter writes only into an empty index")
        if not supports(self.schema):
            self.cancel()
            raise ValueError("BulkWriter does not write spelling or vector fields")
        self.pool = TermPool()  # type: ignore[assignment]  # the same interface (see the module)

    def add_document(self, **fields: Any) -> None:
        """As ``SegmentWriter.add_document``, for fields without spelling
        or vectors; each field's postings go to the pool in one call."""
        self._check_state()
        schema = self.schema
        docnum = self.docnum
        perdoc = self.perdocwriter
        pool: TermPool = self.pool  # type: ignore[assignment]
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdoc.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    freqs = pool.add_items(fieldname, docnum, field.index(value), boost)
                    if field.scorable:
                        length = freqs
                stored = fields.get(f"_stored_{fieldname}", value)
                perdoc.add_field(fieldname, field, stored if field.stored else None, length)
                column = field.column_type
                if column and stored is not None:
                    perdoc.add_column_value(fieldname, column, field.to_column_value(stored))
        except ValueError:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(pdr) if pdr is not None else None
        fw = self.fieldwriter
        pool: TermPool = self.pool  # type: ignore[assignment]
        if type(fw) is W3FieldWriter:
            self._write_blocks(fw, pool, lengths)
        else:  # another codec: Whoosh's own way, one posting at a time
            fw.add_postings(self.schema, lengths, pool.iter_postings())
        fw.close()
        if pdr is not None:
            pdr.close()

    def _write_blocks(self, fw: W3FieldWriter, pool: TermPool, lengths: _Lengths | None) -> None:
        schema = self.schema
        for fieldname, terms in pool.fields():
            fieldobj = schema[fieldname]
            fw.start_field(fieldname, fieldobj)
            pw = fw._postwriter
            if pw is None or type(pw) not in KNOWN_POSTINGS_WRITERS or pw._byteids:
                # Not the buffer this module knows: one posting at a time.
                each = (lengths.doc_field_length_reader(fieldname)
                        if lengths is not None else (lambda _d: 0))
                for btext, (docs, weights, values) in terms:
                    fw.start_term(btext)
                    for docnum, weight, value in zip(docs, weights, values):
                        fw.add(docnum, weight, value or b"", each(docnum))
                    fw.finish_term()
            else:
                length = (lengths.doc_field_length_reader(fieldname)
                          if lengths is not None and fieldobj.scorable else None)
                for btext, cols in terms:
                    fw.start_term(btext)
                    _write_term(pw, cols, length)
                    fw.finish_term()
            fw.finish_field()
