"""Every word an export writes, in English and Dutch.

Exports are written by ``app/`` code, which may not use Qt, so they cannot
go through ``tr()``: this module is their catalogue. Each writer asks
``catalogue(language)`` for a ``Labels`` and uses its fields instead of
literals. Strings with ``{0}``/``{1}`` are whole sentences with
placeholders, filled with ``str.format``, so that no sentence is glued from
fragments in either language.

The English catalogue is the exports' original wording; tests compare it.
The Dutch wording follows the interface's Dutch translation
(``resources/translations/kanttekening_nl.ts``) where the same thing is
named there (stances, roles, kinds, "Beoordeling", "Notitie", "Tags"), and
Dutch government usage elsewhere.

What is *not* translated, on purpose: CSV and XLSX column names and sheet
names, and the stance codes in those tables (scripts read them), the date
(ISO, YYYY-MM-DD), and all text from PDFs and users.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from app.domain import KINDS, ROLES, STANCE_LABELS, STANCES, UserError

LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Labels:
    language: str  # "en" or "nl"; also the HTML lang and the DOCX/PDF language
    summary_of: str  # "{0}": library name
    date: str
    reviewers: str
    filter: str
    documents: str
    title: str
    kind: str
    file: str
    pages: str
    recommendations: str
    no_recommendations: str
    recommendation: str  # "{0}": label
    no_label: str
    source: str
    tags: str
    note: str
    no_response: str
    assessment: str
    responses: str
    stance: str
    coverage: str
    pairs: str
    totals: str  # "{0}": recommendations, "{1}": of which without a response
    other: str
    none: str
    without_tag: str
    tag: str  # "{0}": tag path
    where: str  # "{0}": document title, "{1}": page
    area_without_text: str
    contents: str
    toc_entry: str  # "{0}": heading, "{1}": page
    page_of: str  # "{0}": page, "{1}": page count (PDF footer)
    filter_documents: str  # "{0}": titles
    filter_tags: str  # "{0}": tags
    filter_roles: str  # "{0}": roles
    stances: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    # Team review (app.team): the agreed judgement and the agreement figures.
    agreed: str = "Agreed by the team: {0} ({1}, {2})"  # stance, who, date
    agreement: str = "Agreement between reviewers"
    agreement_summary: str = (
        "{0} recommendation(s) judged by two or more of {1}; plain agreement {2} %; "
        "Krippendorff's alpha nominal {3}, ordinal {4}"
    )
    agreement_pair: str = "{0} and {1}: {2} in common, agreement {3} %, Cohen's kappa {4}"
    agreement_differ: str = "Where reviewers differ (furthest apart first)"

    def stance_name(self, code: str) -> str:
        return self.stances.get(code, code)

    def kind_name(self, code: str) -> str:
        return self.kinds.get(code, code)

    def role_name(self, code: str) -> str:
        return self.roles.get(code, code)


ENGLISH = Labels(
    language="en",
    summary_of="Summary of {0}",
    date="Date",
    reviewers="Reviewers",
    filter="Filter",
    documents="Documents",
    title="Title",
    kind="Kind",
    file="File",
    pages="Pages",
    recommendations="Recommendations",
    no_recommendations="No recommendations match.",
    recommendation="Recommendation {0}",
    no_label="(no label)",
    source="Source",
    tags="Tags",
    note="Note",
    no_response="No response.",
    assessment="Assessment",
    responses="Responses",
    stance="Stance",
    coverage="Coverage",
    pairs="Recommendation-response pairs",
    totals="{0} recommendation(s), {1} without a response.",
    other="Other annotations",
    none="None.",
    without_tag="Without tag",
    tag="Tag: {0}",
    where="{0}, page {1}",
    area_without_text="(area without text)",
    contents="Contents",
    toc_entry="{0} — page {1}",
    page_of="Page {0} of {1}",
    filter_documents="documents: {0}",
    filter_tags="tags: {0}",
    filter_roles="roles: {0}",
    stances={s: STANCE_LABELS.get(s, s) for s in STANCES},
    kinds={k: k for k in KINDS},
    roles={r: r for r in ROLES},
)

DUTCH = Labels(
    language="nl",
    summary_of="Samenvatting van {0}",
    date="Datum",
    reviewers="Beoordelaars",
    filter="Filter",
    documents="Documenten",
    title="Titel",
    kind="Soort",
    file="Bestand",
    pages="Pagina's",
    recommendations="Aanbevelingen",
    no_recommendations="Geen aanbevelingen die aan het filter voldoen.",
    recommendation="Aanbeveling {0}",
    no_label="(zonder label)",
    source="Bron",
    tags="Tags",
    note="Notitie",
    no_response="Geen reactie.",
    assessment="Beoordeling",
    responses="Reacties",
    stance="Oordeel",
    coverage="Dekking",
    pairs="Paren van aanbeveling en reactie",
    totals="{0} aanbeveling(en), waarvan {1} zonder reactie.",
    other="Overige aantekeningen",
    none="Geen.",
    without_tag="Zonder tag",
    tag="Tag: {0}",
    where="{0}, pagina {1}",
    area_without_text="(gebied zonder tekst)",
    contents="Inhoudsopgave",
    toc_entry="{0} — pagina {1}",
    page_of="Pagina {0} van {1}",
    filter_documents="documenten: {0}",
    filter_tags="tags: {0}",
    filter_roles="rollen: {0}",
    agreed="Gezamenlijk oordeel van het team: {0} ({1}, {2})",
    agreement="Overeenstemming tussen beoordelaars",
    agreement_summary=(
        "{0} aanbeveling(en) beoordeeld door twee of meer van {1}; eenvoudige overeenstemming {2} %; "
        "alfa van Krippendorff nominaal {3}, ordinaal {4}"
    ),
    agreement_pair="{0} en {1}: {2} gemeenschappelijk, overeenstemming {3} %, kappa van Cohen {4}",
    agreement_differ="Waar beoordelaars verschillen (grootste verschil eerst)",
    stances={
        "accepted": "overgenomen",
        "partial": "deels overgenomen",
        "rejected": "afgewezen",
        "noted": "voor kennisgeving aangenomen",
        "none": "geen reactie",
    },
    kinds={
        "report": "rapport",
        "response": "reactie",
        "letter": "brief",
        "note": "nota",
        "other": "overig",
    },
    roles={
        "recommendation": "aanbeveling",
        "response": "reactie",
        "evidence": "onderbouwing",
        "comment": "opmerking",
    },
)

_CATALOGUES = {"en": ENGLISH, "nl": DUTCH}


def catalogue(language: str | None = "en") -> Labels:
    """The export wording for ``language`` ("en" or "nl")."""
    key = (language or "en").strip().lower()
    try:
        return _CATALOGUES[key]
    except KeyError:
        raise UserError(f"unknown export language '{language}'; choose one of {', '.join(LANGUAGES)}") from None


def default_language(languages: list[str]) -> str:
    """The export language for documents in ``languages``: Dutch, unless
    most of them are English. Kanttekening's readers are Dutch policy staff,
    so an empty library or a tie gives Dutch."""
    english = sum(1 for lang in languages if lang == "en")
    return "en" if english > len(languages) - english else "nl"
