"""Suggesting responses: stance hints, ranking on made-up text, and the
top-3 hit rate on the sample report and reply."""
from __future__ import annotations

import pytest

from app.recommendations.suggest import Passage, Ranker, stance_hint, suggest
from tests.conftest import doc_by_file
from tests.recommendations import gold


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Het kabinet neemt de aanbeveling over en zal de toolkit in 2025 lanceren.", "accepted"),
        ("Het kabinet onderschrijft het belang van voldoende capaciteit.", "accepted"),
        ("Het kabinet gaat de aanbeveling uitvoeren.", "accepted"),
        ("Het samenvoegen van bestaande fondsen is op dit moment niet wenselijk.", "rejected"),
        ("Het kabinet ziet geen aanleiding om de regeling te wijzigen.", "rejected"),
        ("Het kabinet neemt deze aanbeveling niet over.", "rejected"),
        ("Het kabinet noteert het volgende.", "noted"),
        ("Het kabinet herkent de analyse van de IOB.", "noted"),
        ("Het kabinet neemt de aanbeveling over. Volledige uitvoering is echter niet haalbaar.", "partial"),
        ("The government adopts the recommendation.", "accepted"),
        ("The government rejects this recommendation.", "rejected"),
        ("De begroting steeg met tien procent.", ""),
    ],
)
def test_stance_hints(text, stance):
    assert stance_hint(text)[0] == stance


def _p(text, section=""):
    return Passage("d", "Reply", 1, text, "", section)


def test_ranking_uses_stems_compounds_and_section_titles():
    ranker = Ranker([
        _p("Het kabinet investeert in de opleiding van diplomaten en verlengt hun plaatsingstermijn."),
        _p("De exportkredietverzekering kent strenge voorwaarden voor bedrijven die investeren."),
        _p("Het kabinet zal de analyse delen met partners in de regio en de dialoog voortzetten.",
           section="Migratiepartnerschappen en mensenrechten"),
        _p("Voor de capaciteit op de posten geldt een taakstelling die ook de ambassades raakt."),
    ])
    top = ranker.rank("Behoud voldoende mensenrechtencapaciteit op ambassades", 2)
    assert top[0].text.startswith("Voor de capaciteit op de posten")
    top = ranker.rank("Laat voor elk migratiepartnerschap een risicoanalyse uitvoeren", 1)
    assert top[0].section.startswith("Migratiepartnerschappen")
    assert ranker.rank("ruimtevaart raketten", 3) == []


def test_top3_hit_rate_on_the_sample_reply(sample_library):
    from app.recommendations.apply import detect_document
    from app.recommendations.suggest import build_ranker

    lib = sample_library
    report = doc_by_file(lib, "iob-evaluatie")
    reply = doc_by_file(lib, "kabinetsreactie")
    props = [p for p in detect_document(lib, report.id) if p.accept and p.kind == "item"]
    ranker = build_ranker(lib, [reply])
    hits = []
    for p in props:
        top = ranker.rank(p.text, 3, context=p.context)
        hits.append(any(gold.is_answer(p.label, c.text) for c in top))
    assert len(hits) == 30
    assert sum(hits) / len(hits) >= 0.85, sum(hits)


def test_suggest_use_case_looks_in_other_documents(linked_library):
    lib, ids = linked_library, linked_library.ids
    reply = doc_by_file(lib, "kabinetsreactie")
    cands = suggest(lib, ids["r1"], limit=3)
    assert cands and all(c.document_id != doc_by_file(lib, "iob-evaluatie").id for c in cands)
    only = suggest(lib, ids["r1"], in_doc=reply.id, limit=2)
    assert len(only) == 2 and {c.document_id for c in only} == {reply.id}
