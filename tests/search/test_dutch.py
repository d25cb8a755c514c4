"""Issue 10: Dutch apostrophe forms and search as you type, on the samples."""
from __future__ import annotations

import re

import pytest

from app import search_service
from app.recommendations.suggest import Analyzer
from search.analysis import WORD, fold, terms
from tests.conftest import REPORT

APOSTROPHE_PLURAL = re.compile(r"\b(\w+)['’]s\b")


def pages_of(outcome):
    return {(h.document, h.page, h.kind, h.annotation) for h in outcome.hits}


def sample_plurals(lib) -> dict[str, int]:
    """Every word of the samples written with 's / ’s, with how often."""
    found: dict[str, int] = {}
    for (text,) in lib.db.execute("SELECT text FROM pages WHERE has_text"):
        for m in APOSTROPHE_PLURAL.finditer(text):
            found[m.group(1).lower()] = found.get(m.group(1).lower(), 0) + 1
    return found


def test_apostrophe_forms_are_one_term():
    for singular in ("thema", "ngo", "risico", "programma", "lhbti"):
        forms = [singular, f"{singular}'s", f"{singular}’s", f"{singular.upper()}’s", f"{singular}‘s"]
        assert len({tuple(terms(f, "nl")) for f in forms}) == 1, forms
    # The clitics stand for their words; typographic and straight alike.
    assert terms("z’n z'n", "nl") == terms("zijn zijn", "nl")
    assert terms("’t 't", "nl") == terms("het het", "nl")
    assert fold("zo’n") == fold("zo'n") == "zo'n"
    assert terms("’s-Gravenhage", "nl") == terms("des Gravenhage", "nl")
    # A quotation mark is not an apostrophe: 'stichting' is the word itself.
    assert [m.group() for m in WORD.finditer("de 'stichting' en d’Ancona")] == ["de", "stichting", "en", "d’Ancona"]


def test_every_apostrophe_plural_in_the_samples_is_found_by_its_singular(indexed_library):
    lib = indexed_library
    plurals = sample_plurals(lib)
    assert {"thema", "ngo", "risico"} <= set(plurals), plurals  # what the samples hold
    for word in plurals:
        singular = search_service.search(lib, word, limit=500)
        assert singular.source == "index"
        straight = search_service.search(lib, f"{word}'s", limit=500)
        curly = search_service.search(lib, f"{word}’s", limit=500)
        assert pages_of(singular) == pages_of(straight) == pages_of(curly), word
        # Every page that writes the plural is among the singular's hits.
        written = {
            (d, p) for d, p, text in lib.db.execute("SELECT document_id, page_no, text FROM pages")
            if re.search(rf"\b{re.escape(word)}['’]s\b", text, re.IGNORECASE)
        }
        assert written <= {(d, p) for d, p, _k, _a in pages_of(singular)}, word
    # The plural is marked in the snippets of a singular query.
    hits = search_service.search(lib, "thema", limit=50).hits
    assert any("«thema’s»" in h.snippet for h in hits)


def test_annotations_and_notes_with_apostrophes(indexed_library):
    from app.annotations import create_annotation

    lib = indexed_library
    report = lib.resolve_document(REPORT.name)
    ann_id, _ = create_annotation(
        lib, report.id, page_no=2, rects=[[2, 72, 100, 500, 120]],
        quote="samenwerking met ngo's", role="comment", note="Navragen bij de IFI’s en z’n collega’s",
    )
    search_service.sync_index(lib)
    for q in ("ngo", "ngo’s", "ifi", "IFI's", "collega", "zijn collega's"):
        found = {h.annotation for h in search_service.search(lib, f"kind:annotation {q}").hits}
        assert ann_id in found, q


def test_suggestion_ranker_treats_apostrophe_forms_alike():
    analyzer = Analyzer("nl")
    base = analyzer.tokens("de thema ngo risico")
    assert analyzer.tokens("de thema’s ngo's risico’s") == base
    assert analyzer.tokens("de thema's NGO’s risico's") == base
    assert analyzer.tokens("zo’n z’n") == analyzer.tokens("zo'n z'n")


def test_the_word_being_typed_matches_as_a_prefix(indexed_library):
    lib = indexed_library
    assert not search_service.search(lib, "rotat").hits  # the query language keeps its rules
    typing = search_service.search(lib, "rotat", typing=True)
    assert typing.hits and all(
        re.search(r"\brotatie", h.plain.lower()) for h in typing.hits
    )
    assert any("«rotatie" in h.snippet for h in typing.hits)
    # A word followed by a space is finished: no completions.
    assert not search_service.search(lib, "rotat ", typing=True).hits


def test_whole_word_matches_rank_above_completions(indexed_library):
    lib = indexed_library
    hits = search_service.search(lib, "beleid", typing=True, limit=200).hits
    from search.analysis import stem

    def has_whole(h):
        if h.kind == "annotation":
            return True
        text = lib.db.execute(
            "SELECT text FROM pages WHERE document_id = ? AND page_no = ?", (h.document, h.page)
        ).fetchone()[0]
        return stem("beleid", "nl") in terms(text, "nl")

    flags = [has_whole(h) for h in hits]
    assert True in flags and False in flags, "the samples should have both kinds"
    first_without = flags.index(False)
    assert not any(flags[first_without:]), "a whole-word match ranked below a completion"
    whole_only = search_service.search(lib, "beleid", limit=200).hits
    assert {(h.document, h.page) for h in hits[:first_without]} == {(h.document, h.page) for h in whole_only}


@pytest.mark.parametrize("query", ["thema", "maximaal drie thema"])
def test_typing_keeps_finished_words_whole(indexed_library, query):
    lib = indexed_library
    typed = search_service.search(lib, query, typing=True, limit=300)
    plain = search_service.search(lib, query, limit=300)
    # Everything the finished query finds is found while typing, first.
    assert plain.hits
    assert {(h.document, h.page, h.annotation) for h in typed.hits[: len(plain.hits)]} == {
        (h.document, h.page, h.annotation) for h in plain.hits
    }
