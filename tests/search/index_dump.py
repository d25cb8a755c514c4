"""What an index holds, read through Whoosh's own reader, to compare two
indexes written in different ways (``test_bulk_writer``, ``test_codec``)."""
from __future__ import annotations

from search.index import open_generation


def dump(lib) -> dict:
    """Every term with its postings and statistics, the field lengths, the
    stored fields, the segment count, each block's header, and the raw
    postings and term files."""
    _folder, _state, ix = open_generation(lib.index_dir)
    try:
        with ix.reader() as reader:
            n = reader.doc_count_all()
            terms, blocks = {}, {}
            for fieldname, btext in reader.all_terms():
                info = reader.term_info(fieldname, btext)
                m = reader.postings(fieldname, btext)
                postings = []
                while m.is_active():
                    postings.append((m.id(), round(m.weight(), 6), m.value()))
                    m.next()
                terms[(fieldname, btext)] = (
                    postings, round(info.weight(), 6), info.doc_frequency(),
                    info.min_length(), info.max_length(), round(info.max_weight(), 6),
                )
                # Each block's header (what Whoosh skips blocks by), without
                # the compression flag.
                m = reader.postings(fieldname, btext)
                heads = []
                while True:
                    heads.append((m._blocklength, m._maxid, round(m._maxweight, 6),
                                  m._minlength, m._maxlength))
                    if m._lastblock:
                        break
                    m._goto(m._nextoffset)
                blocks[(fieldname, btext)] = heads
            lengths = {
                name: [reader.doc_field_length(d, name, 0) for d in range(n)]
                for name in reader.schema.scorable_names()
            }
            stored = [reader.stored_fields(d) for d in range(n)]
            segments = len(reader.leaf_readers())
        # The files themselves: postings blocks and the term table, byte for byte.
        raw = {}
        for segment in ix._segments():
            storage = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
            for ext in (".pst", ".trm"):
                with segment.open_file(storage, ext) as fh:
                    raw[ext] = fh.read()
    finally:
        ix.close()
    return {"terms": terms, "blocks": blocks, "lengths": lengths, "stored": stored,
            "segments": segments, "raw": raw}
