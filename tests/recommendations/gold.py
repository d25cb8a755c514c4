"""Gold answers for the sample report and reply, built by reading the reply.

For each recommendation of the report's summary (labels as detected), the
opening words of the reply paragraph(s) that really answer it. Several are
allowed where the reply answers in more than one place.
"""

SUMMARY_LABELS = [
    "1", "1a", "1a-1", "1a-2", "1a-3", "1a-4", "1b", "1c", "1d", "1e",
    "2", "2a", "2b", "2c", "2d", "2e", "2f",
    "3", "3a", "3b", "3b-1", "3b-2", "3b-3", "3b-4",
    "3d", "3d-1", "3d-2", "3d-3", "3d-4", "3d-5",
    "3e", "3e-1", "3e-2",
]
CHAPTER_LABELS = [
    "1", "1a", "1a-1", "1a-2", "1a-3", "1a-4", "1b", "1c", "1d", "1e",
    "2", "2a", "2b", "2c", "2d", "2e", "2f",
    "3", "3a", "3b", "3b-1", "3b-2", "3b-3", "3b-4",
    "3c", "3c-1", "3c-2", "3c-3", "3c-4", "3c-5",
    "3d", "3d-a", "3d-b",
]
GROUPS = {"3b", "3d", "3e"}  # titles over items, in the summary

TOOLKIT = "Het kabinet erkent de kloof"
STEERING = "Het kabinet onderschrijft de noodzaak voor gerichte aansturing"
ANNUAL = "Het kabinet neemt tevens de aanbeveling ter harte"
ANSWERS = {
    "1": [STEERING, TOOLKIT, ANNUAL],
    "1a": [STEERING, TOOLKIT, ANNUAL],
    "1a-1": [TOOLKIT],
    "1a-2": [TOOLKIT, STEERING],
    "1a-3": [ANNUAL],
    "1a-4": [ANNUAL],
    "1b": ["Ten aanzien van de aanbeveling rondom het rotatie", TOOLKIT],
    "1c": ["Het kabinet herkent de analyse van de IOB ten aanzien van internationale themacoalities"],
    "1d": ["Het kabinet neemt de IOB-aanbeveling over de noodzaak", "Het EU Actieplan was in 2023"],
    "1e": ["Ten aanzien van de IOB-aanbeveling voor behoud", "Eén van de uitgangspunten"],
    "2": ["Sinds de periode van de IOB-evaluatie", "Tegelijkertijd beaamt het kabinet"],
    "2a": ["Het kabinet is voornemens ook de opzet"],
    "2b": ["In deze uitwerking zal ook gekeken worden"],
    "2c": ["Sinds de periode van de IOB-evaluatie"],
    "2d": ["Ten aanzien van de IOB-conclusies en aanbevelingen rondom overlap"],
    "2e": ["In deze uitwerking zal ook gekeken worden"],
    "2f": ["In deze uitwerking zal ook gekeken worden", "Het voornaamste financiële instrument",
           "Het kabinet is voornemens ook de opzet"],
    "3": ["Het kabinet onderschrijft de IOB-analyse", "Zoals in het Regeerprogramma staat"],
    "3a": ["Het kabinet onderschrijft de IOB-analyse", "Zoals in het Regeerprogramma staat"],
    "3b-1": ["Laat voor elk migratiepartnerschap", "Het kabinet deelt het belang om voorafgaand"],
    "3b-2": ["Neem in elk migratiepartnerschap", "Daarbij is van belang dat er geen duidelijke definitie"],
    "3b-3": ["Laat de naleving van gemaakte afspraken"],
    "3b-4": ["Het kabinet erkent dat coherent buitenlandbeleid", "Verbind consequenties",
             "Tevens draagt onze migratieprogrammering"],
    "3d-1": ["In het rapport wordt als belangrijkste advies"],
    "3d-2": ["Ten tweede wordt geadviseerd", "Bij handelsmissies zetten onze ambassades"],
    "3d-3": ["Ten derde wordt geadviseerd"],
    "3d-4": ["Bovendien adviseert IOB"],
    "3d-5": ["Wat betreft het delen van mensenrechten-effectanalyses", "Het kabinet erkent het belang van transparantie"],
    "3e-1": ["De IOB doet de aanbeveling de samenhang"],
    "3e-2": ["De IOB doet de aanbeveling de samenhang"],
}


def is_answer(label: str, passage_text: str) -> bool:
    text = " ".join(passage_text.split())
    return any(text.startswith(a) or a in text[:200] for a in ANSWERS.get(label, []))
