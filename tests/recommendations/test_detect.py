"""Detection on made-up numbered documents (text level and a real PDF) and on the sample report."""
from __future__ import annotations

import pymupdf

from app.domain import Page
from app.recommendations.detect import detect_in_pages
from tests.conftest import doc_by_file
from tests.recommendations import gold

FILLER = (
    "Het beleid werd in de periode uitgevoerd door verschillende directies van het ministerie en\n"
    "de posten in het buitenland, met wisselend succes en met aandacht voor de lokale context van\n"
    "elk land waar de inzet plaatsvond; de resultaten zijn beschreven in de hoofdstukken hiervoor.\n"
)


def pages(*texts: str) -> list[Page]:
    return [Page(page_no=i + 1, text=t) for i, t in enumerate(texts)]


def labels(props, accepted_only=False):
    return [p.label for p in props if p.kind == "item" and (p.accept or not accepted_only)]


def test_numbered_list_after_a_recommendations_heading():
    props = detect_in_pages(pages(
        FILLER + "Aanbevelingen\n"
        "Op basis van de bevindingen doet de commissie de volgende aanbevelingen.\n"
        "1. Zorg voor een duidelijke taakverdeling tussen de ministeries.\n"
        "2. Maak de resultaten van het fonds jaarlijks openbaar en leg verantwoording af aan de\n"
        "Kamer over de besteding.\n"
        "3. Betrek maatschappelijke organisaties bij de uitvoering.\n"
        + FILLER
    ))
    assert labels(props) == ["1", "2", "3"]
    second = props[1]
    assert second.text == (
        "Maak de resultaten van het fonds jaarlijks openbaar en leg verantwoording af aan de "
        "Kamer over de besteding."
    )
    assert second.page_no == 1 and second.quote == second.text
    # The filler paragraph after the list is not part of the last item.
    assert props[2].text == "Betrek maatschappelijke organisaties bij de uitvoering."


def test_letters_that_skip_bullets_under_titles_and_nested_letters():
    props = detect_in_pages(pages(
        "AANBEVELINGEN\n"
        "1. Versterk de samenwerking met partnerlanden.\n"
        "a) Investeer in kennis van medewerkers op de posten.\n"
        "b) Migratie\n"
        "• Laat voor elk partnerschap een risicoanalyse uitvoeren.\n"
        "• Neem waarborgen op voor de naleving van afspraken.\n"
        "d) Handel\n"
        "a. Agendeer mensenrechten tijdens handelsmissies.\n"
        "b. Bied bedrijven voorlichting aan over de risico’s.\n"
        "2. Beperk het aantal thema’s per land.\n"
    ))
    assert [p.label for p in props] == [
        "1", "1a", "1b", "1b-1", "1b-2", "1d", "1d-a", "1d-b", "2"]
    groups = [p.label for p in props if p.kind == "group"]
    assert groups == ["1b", "1d"]
    assert not any(p.accept for p in props if p.kind == "group")
    assert props[3].context == "Migratie"


def test_item_broken_across_a_page_break_with_page_numbers_and_headers():
    header = "Evaluatie van het fondsbeleid 2020-2024\n"
    props = detect_in_pages(pages(
        header + FILLER + "Recommendations\n"
        "1. Ensure that every embassy reports on the use of the fund in its annual plan.\n"
        "2. Strengthen the capacity of the human rights department so that it can steer the\n"
        "embassies and answer their questions about the\n12\n",
        header + "multilateral instruments within a week.\n"
        "3. Publish the results of every programme.\n" + FILLER + "13\n",
        header + FILLER + "14\n",
    ))
    assert labels(props) == ["1", "2", "3"]
    broken = props[1]
    assert broken.pages == [1, 2]
    assert broken.text.endswith("answer their questions about the multilateral instruments within a week.")
    assert "12" not in broken.text and "Evaluatie" not in broken.text
    assert broken.lines_by_page[2] == "multilateral instruments within a week."


def test_headed_recommendations_in_english_and_dutch():
    props = detect_in_pages(pages(
        FILLER + "Recommendation 4: The ministry should publish its country strategies.\n" + FILLER
        + "Recommendation 7\nThe ministry should evaluate the fund every four years.\n" + FILLER,
        FILLER + "Aanbeveling 12 – Zorg voor een onafhankelijke toets van alle programma’s.\n" + FILLER,
    ))
    assert labels(props) == ["4", "7", "12"]
    assert props[1].text == "The ministry should evaluate the fund every four years."
    assert props[2].page_no == 2


def test_no_invented_items_from_ordinary_numbering():
    text = (
        "1. Inleiding\n1.1. Aanleiding\n" + FILLER + "1.2. Onderzoeksvragen\n"
        "De hoofdvraag is uitgewerkt in drie deelvragen:\n"
        "1. In welke mate heeft Nederland bijgedragen aan de resultaten?\n"
        "2. Hoe zijn de middelen besteed?\n"
        "3. Welke factoren bevorderden de uitvoering?\n"
        "2. Methode\n" + FILLER +
        "In 2021 gebeurde het volgende:\n"
        "1. Het ministerie opende drie nieuwe posten in West-Afrika.\n"
        "2. De begroting steeg met tien procent ten opzichte van het jaar ervoor.\n"
        "3. Twee programma’s werden voortijdig beëindigd vanwege de veiligheidssituatie.\n"
        "Eerder advies van de raad23 was niet opgevolgd.\n"
        "23 Zie het advies van de Adviesraad uit 2019.\n"
        "• De posten rapporteerden per kwartaal over de voortgang van de programma’s.\n"
        "• De directie bezocht elk jaar vier landen.\n"
        "3. Bevindingen\n3.1. Multilaterale inzet\n" + FILLER
    )
    assert detect_in_pages(pages(text, FILLER)) == []


def test_recommendations_printed_twice_are_paired():
    rec_list = (
        "Aanbevelingen\n"
        "1. Bevorder de uitvoering van internationale afspraken op de posten.\n"
        "a) Stuur de ambassades gerichter aan bij de uitvoering van richtlijnen.\n"
        "b) Behoud voldoende capaciteit op de ambassades.\n"
    )
    props = detect_in_pages(pages(
        "Samenvatting\n" + rec_list + FILLER,
        FILLER,
        "6. Conclusies en aanbevelingen\n" + FILLER + rec_list.replace("gerichter aan", "beter aan") + FILLER,
    ))
    assert labels(props) == ["1", "1a", "1b", "1", "1a", "1b"]
    first, second = props[:3], props[3:]
    assert [p.twin for p in first] == [3, 4, 5]
    assert [p.twin for p in second] == [0, 1, 2]
    assert all(p.accept for p in first) and not any(p.accept for p in second)
    assert 0.8 <= second[1].similarity < 1.0
    assert second[1].reason == "also printed on page 1 as 1a"


def test_sample_report_recommendations(sample_library):
    from app.recommendations.apply import detect_document

    doc = doc_by_file(sample_library, "iob-evaluatie")
    props = detect_document(sample_library, doc.id)
    got = [p.label for p in props]
    assert got == gold.SUMMARY_LABELS + gold.CHAPTER_LABELS
    summary, chapter = props[: len(gold.SUMMARY_LABELS)], props[len(gold.SUMMARY_LABELS):]
    assert {p.label for p in summary if p.kind == "group"} == gold.GROUPS
    assert all(p.page_no in (12, 13, 14) for p in summary)
    assert all(p.page_no in (91, 92, 93) for p in chapter)
    # Every chapter item is paired with its summary twin, skipped letters included.
    pairs = {(props[p.twin].label, p.label) for p in chapter if p.twin is not None}
    assert ("3d-3", "3c-3") in pairs and ("3e-1", "3d-a") in pairs and ("1a-3", "1a-3") in pairs
    assert len(pairs) == len(chapter)
    # The figure after the last item and the numbered questions are not taken in.
    assert chapter[-1].text.endswith("en relevante OH-directies.")
    assert not any("?" in p.text for p in props)


def _make_pdf(path, page_texts):
    doc = pymupdf.open()
    for text in page_texts:
        page = doc.new_page(width=595, height=842)
        page.insert_textbox(pymupdf.Rect(60, 60, 540, 800), text, fontsize=10, fontname="helv")
    doc.save(path)
    doc.close()


def test_detect_and_apply_on_a_generated_pdf(library, tmp_path):
    from app.importer import import_files
    from app.recommendations.apply import apply_proposals, detect_document
    from storage import records

    pdf = tmp_path / "rapport.pdf"
    _make_pdf(pdf, [
        "Samenvatting\n" + FILLER + "Aanbevelingen\n"
        "1. Zorg voor een duidelijke taakverdeling tussen de ministeries.\n"
        "2. Maak de resultaten van het fonds jaarlijks openbaar.\n",
        "Hoofdstuk 2\n" + FILLER,
    ])
    report = import_files(library, [pdf])
    assert not report.failed
    doc_id = report.imported[0].document_id
    props = detect_document(library, doc_id)
    assert labels(props) == ["1", "2"]
    result = apply_proposals(library, doc_id, props)
    assert len(result.created) == 2 and not result.skipped
    anns = records.list_annotations(library.db, document_id=doc_id, role="recommendation")
    assert [a.label for a in anns] == ["1", "2"]
    assert anns[1].quote.startswith("Maak de resultaten van het fonds jaarlijks openbaar")
    assert anns[1].rects[0][0] == 1 and anns[1].rects[0][2] > anns[0].rects[0][2]
    # Applying again stores nothing twice.
    again = apply_proposals(library, doc_id, props)
    assert again.created == [] and len(again.skipped) == 2


def test_merged_items_are_stored_as_one(library, tmp_path):
    from app.importer import import_files
    from app.recommendations.apply import apply_proposals, detect_document
    from storage import records

    pdf = tmp_path / "merge.pdf"
    _make_pdf(pdf, [
        FILLER + "Aanbevelingen\n"
        "1. Zorg voor een duidelijke taakverdeling tussen de ministeries.\n"
        "2. Maak de resultaten van het fonds jaarlijks openbaar.\n"
        "3. Betrek maatschappelijke organisaties bij de uitvoering.\n",
    ])
    doc_id = import_files(library, [pdf]).imported[0].document_id
    props = detect_document(library, doc_id)
    first, second = props[0], props[1]
    first.merged.append((second.page_no, second.quote))
    first.label = "1+2"
    result = apply_proposals(library, doc_id, [first, props[2]])
    assert len(result.created) == 2
    ann = records.get_annotation(library.db, result.created[0])
    assert ann.label == "1+2" and "jaarlijks openbaar" in ann.quote
    assert len(ann.rects) == 2


def test_markers_on_their_own_line_parenthesised_letters_and_explanations():
    props = detect_in_pages(pages(
        FILLER + "Recommendations\n"
        "The committee recommends the following.\n"
        "1.\n"
        "Ensure that the fund publishes its results every year.\n"
        "This would let Parliament follow the spending and compare countries over the years,\n"
        "as other donors already do.\n"
        "2.\n"
        "Strengthen the steering of embassies:\n"
        "(a) define goals per country;\n"
        "(b) review them every two years.\n"
        "3. Limit the number of themes per country to three.\n"
        + FILLER
    ))
    assert [p.label for p in props] == ["1", "2", "2a", "2b", "3"]
    assert props[0].text == "Ensure that the fund publishes its results every year."
    assert props[2].text == "define goals per country;"
    assert props[4].text == "Limit the number of themes per country to three."


def test_headed_recommendations_with_dotted_numbers():
    props = detect_in_pages(pages(
        FILLER + "Aanbeveling 2.1: Zorg voor een centraal register van alle fondsen.\n" + FILLER
        + "Aanbeveling 2.2: Publiceer de evaluaties van alle programma’s.\n" + FILLER,
    ))
    assert [(p.label, p.text) for p in props] == [
        ("2.1", "Zorg voor een centraal register van alle fondsen."),
        ("2.2", "Publiceer de evaluaties van alle programma’s."),
    ]


def test_english_lettered_list_under_a_heading_with_uppercase_and_roman_items():
    props = detect_in_pages(pages(
        "Summary of recommendations\n"
        "A. Governance\n"
        "i. Establish a single steering committee for the programme.\n"
        "ii. Publish its decisions within a month.\n"
        "B. Finance\n"
        "i. Merge the three funds into one budget line.\n"
        + FILLER
    ))
    assert [p.label for p in props] == ["A", "A-i", "A-ii", "B", "B-i"]
    assert [p.kind for p in props] == ["group", "item", "item", "group", "item"]
    assert props[1].context == "Governance"


def test_headed_recommendation_with_explanation_then_lettered_items():
    props = detect_in_pages(pages(
        "5 Aanbevelingen\n" + FILLER
        + "Aanbeveling 1\nDe minister moet de sturing op de posten versterken door per land doelen vast te\n"
        "leggen.\n" + FILLER + FILLER
        + "Aanbeveling 2\nZorg dat de Kamer jaarlijks een overzicht krijgt van de uitgaven per fonds.\n"
        + FILLER + "a) Neem daarin ook de resultaten op.\nb) Vermeld de afwijkingen van de begroting.\n"
        + FILLER
    ))
    assert [(p.label, p.text) for p in props] == [
        ("1", "De minister moet de sturing op de posten versterken door per land doelen vast te leggen."),
        ("2", "Zorg dat de Kamer jaarlijks een overzicht krijgt van de uitgaven per fonds."),
        ("2a", "Neem daarin ook de resultaten op."),
        ("2b", "Vermeld de afwijkingen van de begroting."),
    ]


def test_table_of_contents_and_bulleted_findings_are_not_recommendations():
    props = detect_in_pages(pages(
        "Inhoudsopgave\n1. Inleiding 3\n2. Bevindingen 7\n3. Conclusies en aanbevelingen 21\n"
        "4. Bijlagen 30\n" + FILLER,
        "Belangrijkste bevindingen\n"
        "• De posten besteedden het fonds vooral aan kleine projecten.\n"
        "• De directie stuurde nauwelijks op resultaten.\n"
        "• Maatschappelijke organisaties waren positief over de samenwerking.\n" + FILLER,
    ))
    assert props == []


def test_a_shortened_summary_version_pairs_when_its_label_is_the_same():
    props = detect_in_pages(pages(
        "Samenvatting\nAanbevelingen\n"
        "1. Versterk de capaciteit op de ambassades.\n"
        "2. Publiceer jaarlijks de resultaten.\n" + FILLER,
        "Hoofdstuk 6 Aanbevelingen\n"
        "1. Versterk de capaciteit op de ambassades en investeer in de kennis van de medewerkers.\n"
        "2. Beperk het aantal thema’s per land tot drie.\n" + FILLER,
    ))
    assert [p.label for p in props] == ["1", "2", "1", "2"]
    assert props[2].twin == 0 and not props[2].accept
    assert props[3].twin is None and props[3].accept  # another recommendation under the same number
