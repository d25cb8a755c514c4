"""Search on the samples: the "Done when" list of issue 4, without Qt."""
from __future__ import annotations

import re

import pytest

from app import search_service
from search import parse_query
from search.analysis import fold, terms
from tests.conftest import LETTER, NOTE, REPORT


def pages_of(outcome, doc_id=None):
    return {(h.document, h.page) for h in outcome.hits if doc_id is None or h.document == doc_id}


def page_text(lib, doc_id, page):
    return lib.db.execute(
        "SELECT text FROM pages WHERE document_id = ? AND page_no = ?", (doc_id, page)
    ).fetchone()[0]


def test_stemmer_handles_common_dutch_forms():
    assert terms("organisatie", "nl") == terms("organisaties", "nl")
    assert terms("aanbeveling", "nl") == terms("aanbevelingen", "nl")
    assert terms("recommendation", "en") == terms("recommendations", "en")
    assert fold("Geëvalueerde") == "geevalueerde"


def test_hyphenated_word_is_found_whole(indexed_library):
    lib = indexed_library
    letter = lib.resolve_document(LETTER.name)
    out = search_service.search(lib, "Mensenrechtenraad", limit=200)
    assert out.source == "index"
    found = pages_of(out, letter.id)
    # Every page of the letter that has the word (whole or hyphenated at a
    # line end in the PDF, rejoined at import) is found.
    expected = {
        (letter.id, p)
        for p in range(1, letter.page_count + 1)
        if "mensenrechtenraad" in page_text(lib, letter.id, p).lower()
    }
    assert expected and expected <= found


def test_stem_finds_other_forms(indexed_library):
    lib = indexed_library
    out = search_service.search(lib, "aanbeveling", limit=300)
    only_plural = [
        h for h in out.hits
        if h.kind == "page"
        and "aanbevelingen" in page_text(lib, h.document, h.page).lower()
        and not re.search(r"aanbeveling\b", page_text(lib, h.document, h.page).lower())
    ]
    assert only_plural, "no page that only says 'aanbevelingen' was found"
    assert all("«" in h.snippet for h in out.hits[:10])


def test_diacritics_and_case_do_not_matter(indexed_library):
    a = search_service.search(indexed_library, "geevalueerde", limit=50)
    b = search_service.search(indexed_library, "GEËVALUEERDE", limit=50)
    assert a.hits and pages_of(a) == pages_of(b)


def test_phrase_finds_only_pages_with_the_phrase(indexed_library):
    lib = indexed_library
    out = search_service.search(lib, '"mensenrechten en democratie"', limit=500)
    words = search_service.search(lib, "mensenrechten en democratie", limit=500)
    assert out.hits and len(out.hits) < len(words.hits)
    for h in out.hits:
        text = " ".join(page_text(lib, h.document, h.page).lower().split())
        assert re.search(r"mensenrechten\W+en\W+democratie", text), (h.title, h.page)
        assert "«mensenrechten en democratie»" in h.snippet.lower()


def test_or_not_prefix_and_filters(indexed_library):
    lib = indexed_library
    letter = lib.resolve_document(LETTER.name)
    report = lib.resolve_document(REPORT.name)
    both = pages_of(search_service.search(lib, "ambassades OR posten", limit=500))
    amb = pages_of(search_service.search(lib, "ambassades", limit=500))
    assert amb and amb < both
    without = pages_of(search_service.search(lib, "ambassades -posten", limit=500))
    assert without < amb
    assert pages_of(search_service.search(lib, "ambassades NOT posten", limit=500)) == without
    # prefix inside compounds
    prefix = search_service.search(lib, "mensenrechtenverdedig*", limit=50)
    assert prefix.hits and any("mensenrechtenverdedigers" in h.plain.lower() for h in prefix.hits)
    # filters
    only_letter = search_service.search(lib, "kind:letter mensenrechten", limit=100)
    assert only_letter.hits and {h.document for h in only_letter.hits} == {letter.id}
    ranged = search_service.search(lib, "evaluatie page:10-20", limit=200)
    assert ranged.hits and all(10 <= h.page <= 20 for h in ranged.hits)
    by_doc = search_service.search(lib, "evaluatie", doc=REPORT.name, limit=200)
    assert by_doc.hits and {h.document for h in by_doc.hits} == {report.id}
    assert pages_of(search_service.search(lib, f"evaluatie doc:{report.id[:8]}", limit=200)) == pages_of(by_doc)


def test_fuzzy_finds_ocr_errors(indexed_library):
    lib = indexed_library
    note = lib.resolve_document(NOTE.name)
    exact = search_service.search(lib, "lhbtiq", limit=100)
    fuzzy = search_service.search(lib, "lhbtiq~2", limit=100)
    assert pages_of(exact) < pages_of(fuzzy)
    assert any(h.document == note.id for h in fuzzy.hits)


@pytest.mark.parametrize(
    "text", ['"unclosed phrase', "OR", "NOT", "-", "*", "~", 'page:abc', "doc:", "((a", 'tag:"', "a OR OR b", "x~9"]
)
def test_syntax_errors_are_plain_words(indexed_library, text):
    out = search_service.search(indexed_library, text)
    assert isinstance(out.hits, list)


def test_parser_reads_the_language():
    q = parse_query('aanbeveling "mensenrechten en democratie" a OR b -c NOT d pre* ocr~2 role:recommendation page:3-5 foo:bar')
    kinds = [[type(c).__name__ for c in g] for g in q.groups]
    assert kinds[0] == ["Word"] and kinds[1] == ["Phrase"] and kinds[2] == ["Word", "Word"]
    assert {c.text for c in q.excluded} == {"c", "d"}
    modes = {c.text: c.mode for g in q.groups for c in g if hasattr(c, "mode")}
    assert modes["pre"] == "prefix" and modes["ocr"] == "fuzzy"
    assert [(f.field, f.value) for f in q.filters] == [("role", "recommendation"), ("page", "3-5")]
    assert any(getattr(c, "text", None) == "foo" for g in q.groups for c in g)  # unknown field: words


def test_annotation_note_found_after_sync(indexed_library):
    from app.annotations import create_annotation, update_annotation

    lib = indexed_library
    letter = lib.resolve_document(LETTER.name)
    ann_id, _ = create_annotation(
        lib, letter.id, page_no=2, rects=[[2, 72, 100, 500, 120]],
        quote="versterking van de Mensenrechtenraad", role="recommendation",
        label="R7", note="kwispeldoorzicht", tags=["Multilateraal/VN"],
    )
    assert not search_service.search(lib, "kwispeldoorzicht").hits  # not synced yet
    search_service.sync_index(lib)
    out = search_service.search(lib, "kwispeldoorzicht")
    assert [(h.kind, h.annotation) for h in out.hits] == [("annotation", ann_id)]
    hit = out.hits[0]
    assert hit.role == "recommendation" and hit.label == "R7" and hit.page == 2
    # The note matched; it is shown beside the quote, never inside it.
    assert hit.note == "kwispeldoorzicht" and hit.note_snippet == "«kwispeldoorzicht»"
    assert hit.passage == "versterking van de Mensenrechtenraad" and "kwispel" not in hit.snippet
    # filters on annotation fields, tags with their parents
    for q in ("role:recommendation", "label:R7", "tag:vn", "tag:multilateraal", "kind:annotation Mensenrechtenraad"):
        assert ann_id in {h.annotation for h in search_service.search(lib, q, limit=50).hits}, q
    assert ann_id not in {h.annotation for h in search_service.search(lib, "role:response", limit=50).hits}
    assert ann_id in {h.annotation for h in search_service.search(lib, "tag:Multilateraal/VN").hits}
    # Renaming the parent tag: tag:<new name> finds the child's annotations.
    from app.tags import rename_tag, resolve_tag

    rename_tag(lib, resolve_tag(lib, "Multilateraal").id, "Verdragsorganen")
    search_service.sync_index(lib)
    assert ann_id in {h.annotation for h in search_service.search(lib, "tag:verdragsorganen").hits}
    assert not search_service.search(lib, "tag:multilateraal").hits
    # annotation text ranks above page text for the same words
    top = search_service.search(lib, "versterking Mensenrechtenraad", limit=5)
    assert top.hits[0].annotation == ann_id
    # an edit is followed, a delete removes it
    update_annotation(lib, ann_id, note="anders")
    search_service.sync_index(lib)
    assert not search_service.search(lib, "kwispeldoorzicht").hits
    with lib.write() as db:
        db.execute("DELETE FROM annotations WHERE id = ?", (ann_id,))
    search_service.sync_index(lib)
    assert not search_service.search(lib, "label:R7").hits


def test_document_edit_and_removal_are_followed(indexed_library):
    from app import usecases

    lib = indexed_library
    letter = lib.resolve_document(LETTER.name)
    usecases.edit_document(lib, letter.id, kind="report")
    search_service.sync_index(lib)
    assert not search_service.search(lib, "kind:letter").hits
    assert letter.id in {h.document for h in search_service.search(lib, "kind:report Mensenrechtenraad", limit=200).hits}
    usecases.remove_document(lib, letter.id)
    search_service.sync_index(lib)
    assert letter.id not in {h.document for h in search_service.search(lib, "Mensenrechtenraad", limit=500).hits}


def test_grouping_and_document_order(indexed_library):
    lib = indexed_library
    out = search_service.search(lib, "mensenrechtenraad", limit=30, counts=True, sort="document")
    assert out.groups and sum(g["count"] for g in out.groups) == out.total >= len(out.hits)
    from storage import records

    order = {d.id: i for i, d in enumerate(records.list_documents(lib.db))}
    keys = [(order[h.document], h.page) for h in out.hits]
    assert keys == sorted(keys)
    by_relevance = search_service.search(lib, "mensenrechtenraad", limit=30)
    assert [h.score for h in by_relevance.hits] == sorted((h.score for h in by_relevance.hits), reverse=True)
