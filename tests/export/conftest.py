"""A library with the sample report's recommendations linked to the sample reply.

Quotes are taken from the stored page text and rectangles from PyMuPDF's
``search_for`` on the same PDF, so quotes, pages and highlights are real.
"""
from __future__ import annotations

from dataclasses import dataclass

import pymupdf
import pytest

from storage import records
from storage.types import Annotation, Document, Link, Role, Stance, Tag
from tests.conftest import doc_by_file

AUTHOR = "Anna de Vries"

# label, report page, quote (as in the stored page text)
RECOMMENDATIONS = [
    ("1a", 12, "Stuur vanuit BZ (DMM) de ambassades gerichter aan om de uitvoering van internationale\n"
               "mensenrechtenrichtlijnen en de inzet van de bijbehorende instrumenten te bevorderen en te"),
    ("1b", 12, "Behoud voldoende mensenrechtencapaciteit op ambassades en investeer in de kennis"),
    ("1c", 12, "Breng in verschillende themacoalities de Nederlandse capaciteitsinzet voor internationale"),
    ("1d", 12, "Onderstreep in EU-verband de noodzaak van een operationele vertaalslag van"),
    ("10", 13, "fondsen met deels overlappende doelstellingen samen te brengen in één budget"),
    ("2", 12, "Verbeter de focus en strategische aansturing van het mensenrechtenbeleid in de"),
]
# recommendation label, reply page, quote, stance, assessment
RESPONSES = [
    ("1a", 1, "Het kabinet onderschrijft de noodzaak voor gerichte aansturing van de posten",
     "accepted", "Neemt de aanbeveling over."),
    ("1a", 1, "Het kabinet streeft ernaar deze\ntoolkit eind 2025 te lanceren", "accepted",
     "Toolkit eind 2025."),
    ("1b", 2, "Volledige uitvoering van deze aanbeveling is daarmee niet haalbaar.", "partial",
     "Plaatsingstermijn verlengd; capaciteit daalt door de taakstelling."),
    ("1c", 2, "Het kabinet herkent de analyse van de IOB ten aanzien van internationale themacoalities",
     "noted", ""),
    ("10", 5, "Het kabinet is van mening dat het\nsamenvoegen van bestaande fondsen op dit moment niet wenselijk is",
     "rejected", "Fondsen blijven gescheiden."),
]
# "2" has an explicit "no response" link; "1d" has no link at all.
NO_RESPONSE = ("2", "Niet behandeld in de kabinetsreactie.")


@dataclass
class Linked:
    lib: object
    report: Document
    reply: Document
    recs: dict  # label -> annotation id
    responses: list  # (label, annotation id, link id)
    evidence: str
    comment: str
    tags: dict  # path -> tag id


def rects_for(pdf_path, page_no: int, quote: str) -> list[list[float]]:
    out = []
    with pymupdf.open(pdf_path) as pdf:
        page = pdf[page_no - 1]
        for line in quote.split("\n"):
            found = page.search_for(line)
            assert found, f"'{line}' not found on page {page_no}"
            # search_for gives one rectangle per hit (and per word on justified
            # lines); the first line's hits come first.
            for r in found:
                out.append([page_no, round(r.x0, 2), round(r.y0, 2), round(r.x1, 2), round(r.y1, 2)])
    return out


def add_annotation(lib, doc, page_no, quote, role, *, label="", note="", tag_ids=(),
                   author=AUTHOR, stamp="2026-11-20T10:00:00.000Z", color=None, is_area=False) -> str:
    from app.domain import new_id

    text = records.get_page(lib.db, doc.id, page_no).text
    at = text.find(quote)
    assert at >= 0, f"quote not in stored text of page {page_no}: {quote!r}"
    ann_id = new_id()
    records.insert_annotation(
        lib.db,
        Annotation(
            id=ann_id,
            document_id=doc.id,
            role=Role(role),
            label=label,
            color=color,
            note=note,
            author=author,
            created=stamp,
            modified=stamp,
            page_no=page_no,
            rects=tuple(tuple(r) for r in rects_for(lib.document_file(doc), page_no, quote)),
            is_area=is_area,
            quote=quote,
            prefix=text[max(0, at - 32):at],
            suffix=text[at + len(quote):at + len(quote) + 32],
            orphaned=False,
        ),
        tag_ids,
    )
    return ann_id


def add_tag(lib, name, parent_id=None) -> str:
    from app.domain import new_id

    tid = new_id()
    records.insert_tag(lib.db, Tag(
        id=tid, name=name, parent_id=parent_id, color="#3366cc",
        description=f"Tag {name}", created="2026-11-20T09:00:00.000Z",
        modified="2026-11-20T09:00:00.000Z",
    ))
    return tid


def add_link(lib, rec_id, resp_id, stance, assessment, author=AUTHOR,
             stamp="2026-11-20T11:00:00.000Z") -> str:
    from app.domain import new_id

    lid = new_id()
    records.insert_link(lib.db, Link(
        id=lid, recommendation_id=rec_id, response_id=resp_id, stance=Stance(stance),
        assessment=assessment, author=author, created=stamp, modified=stamp,
    ))
    return lid


def build_linked(lib) -> Linked:
    report = doc_by_file(lib, "iob-evaluatie")
    reply = doc_by_file(lib, "kabinetsreactie")
    with lib.write():
        tags = {}
        tags["capaciteit"] = add_tag(lib, "capaciteit")
        tags["EU"] = add_tag(lib, "EU")
        tags["Thema"] = add_tag(lib, "Thema")
        tags["Thema/Financiering"] = add_tag(lib, "Financiering", tags["Thema"])
        rec_tags = {"1b": [tags["capaciteit"]], "1d": [tags["EU"]], "10": [tags["Thema/Financiering"]]}
        recs = {}
        for i, (label, page, quote) in enumerate(RECOMMENDATIONS):
            recs[label] = add_annotation(
                lib, report, page, quote, "recommendation", label=label,
                tag_ids=rec_tags.get(label, ()), stamp=f"2026-11-20T10:00:0{i}.000Z",
            )
        responses = []
        for i, (label, page, quote, stance, assessment) in enumerate(RESPONSES):
            rid = add_annotation(lib, reply, page, quote, "response", author="Bram Jansen",
                                 stamp=f"2026-11-20T10:30:0{i}.000Z")
            lid = add_link(lib, recs[label], rid, stance, assessment,
                           stamp=f"2026-11-20T11:00:0{i}.000Z")
            responses.append((label, rid, lid))
        add_link(lib, recs[NO_RESPONSE[0]], None, "none", NO_RESPONSE[1])
        evidence = add_annotation(
            lib, report, 9, "Wel was er sprake\nvan een aanzienlijke overlap tussen verschillende fondsen",
            "evidence", note="Onderbouwt aanbeveling 10.", tag_ids=[tags["Thema/Financiering"]],
        )
        comment = add_annotation(lib, report, 12, "AANBEVELINGEN", "comment",
                                 note="Hier beginnen de aanbevelingen.", color="#ff0000")
    return Linked(lib, report, reply, recs, responses, evidence, comment, tags)


@pytest.fixture
def linked(sample_library) -> Linked:
    return build_linked(sample_library)


@pytest.fixture
def second_library(_sample_library_template, tmp_path):
    """Another reviewer's library: the same six PDFs, no annotations."""
    import shutil

    from app.library import Library

    root = tmp_path / "lib2"
    shutil.copytree(_sample_library_template, root)
    lib = Library.open(root)
    yield lib
    lib.close()
