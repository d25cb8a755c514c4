"""Ranking the passages of response documents that may answer a recommendation.

Passages are paragraphs (``text.paragraphs``), each carrying the title of the
section it stands in, because replies often answer "per theme" under a title
that echoes the recommendation. Ranking is BM25 over Dutch (or English)
Snowball stems (PyStemmer); long Dutch compounds are also split into parts
found elsewhere in the same texts ("mensenrechtencapaciteit" also counts as
"capaciteit"), since a reply rarely repeats a report's compounds exactly.

Each candidate also gets a *stance hint* read from its wording ("neemt ...
over", "onderschrijft", "niet haalbaar", "noteert", ...), for the reviewer
to confirm; it is never stored by itself.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Iterable, Sequence

import Stemmer

from storage.types import Annotation, Document, Page, Stance

from app.recommendations.text import paragraphs

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
STOP_NL = set(
    """
    aan al alle als ander andere bij dan dat de deze die dit doen door dus een eens en er
    geen haar had heb heeft hem het hier hij hoe hun iets in is ja je kan kon kunnen maar me
    meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over
    reeds te tegen toch toe tot u uit uw van veel voor want waren was wat we wel werd wie wij
    wil worden wordt zal ze zich zij zijn zo zoals zonder zou zowel daarbij daarom hierbij
    hiermee waarbij waarin waarop tevens onder meer mede enige elke ieder per via wanneer zodat
    """.split()
)
STOP_EN = set(
    """
    a an and are as at be been by for from has have in into is it its of on or that the their
    this to was were which with will would should can may also such these those than then
    """.split()
)
# Words every reply uses about every recommendation; they say nothing of which one.
NOISE = {"kabinet", "aanbeveling", "aanbevelingen", "iob", "evaluatie", "nederland",
         "nederlandse", "recommendation", "recommendations", "government"}

K1, B = 1.2, 0.75
HEADING_WEIGHT = 2  # title words count as often as this in their paragraphs


@dataclass
class Passage:
    document_id: str
    document: str
    page_no: int
    text: str
    heading: str
    section: str
    lines_by_page: dict[int, str] = field(default_factory=dict)


@dataclass
class Candidate:
    document_id: str
    document: str
    page_no: int
    text: str
    section: str
    score: float
    stance: str  # suggested stance, "" when the wording says nothing
    cue: str  # the words that suggested it
    lines_by_page: dict[int, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        out = asdict(self)
        out.pop("lines_by_page")
        return out


class Analyzer:
    def __init__(self, language: str = "nl") -> None:
        self.language = language
        self.stemmer = Stemmer.Stemmer("dutch" if language == "nl" else "english")
        self.stop = STOP_NL | STOP_EN
        self.vocab: set[str] = set()

    def learn(self, texts: Iterable[str]) -> None:
        """Remember whole words, so compounds can be split into known parts."""
        for t in texts:
            self.vocab.update(w for w in _WORD.findall(t.lower()) if len(w) >= 4)

    def parts(self, word: str) -> list[str]:
        """Known words a long compound ends or starts with (linking -s-/-en- allowed)."""
        if self.language != "nl" or len(word) < 10:
            return []
        found = []
        for k in range(4, len(word) - 3):
            head, tail = word[:k], word[k:]
            if tail in self.vocab and len(tail) >= 5:
                found.append(tail)
                for link in ("s", "en", "e", ""):
                    if head.endswith(link) and head[: len(head) - len(link)] in self.vocab:
                        found.append(head[: len(head) - len(link)])
                        break
                break
        return found

    def tokens(self, text: str) -> list[str]:
        out = []
        for w in _WORD.findall(text.lower()):
            if w in self.stop or w in NOISE:
                continue
            out.append(w)
            out.extend(self.parts(w))
        return self.stemmer.stemWords(out)


def passages_of(document: Document, pages: Sequence[Page]) -> list[Passage]:
    out: list[Passage] = []
    section = ""
    for p in paragraphs(pages):
        if p.heading:
            section = p.heading
        by_page: dict[int, list[str]] = {}
        for ln in p.lines:
            by_page.setdefault(ln.page_no, []).append(ln.text)
        out.append(
            Passage(document.id, document.title, p.page_no, p.text, p.heading, section,
                    {k: " ".join(v) for k, v in by_page.items()})
        )
    return out


class Ranker:
    """BM25 over passages; build once per set of documents, query many times."""

    def __init__(self, passages: Sequence[Passage], language: str = "nl") -> None:
        self.passages = [p for p in passages if len(p.text.split()) >= 8]
        self.analyzer = Analyzer(language)
        self.analyzer.learn(p.text for p in self.passages)
        self.docs: list[Counter] = []
        for p in self.passages:
            tf = Counter(self.analyzer.tokens(p.text))
            for t in self.analyzer.tokens(p.section):
                tf[t] += HEADING_WEIGHT
            self.docs.append(tf)
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        df: Counter = Counter()
        for d in self.docs:
            df.update(d.keys())
        n = len(self.docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def rank(self, query: str, limit: int = 5, *, context: str = "") -> list[Candidate]:
        q: dict[str, float] = dict(Counter(self.analyzer.tokens(query)))
        for t in self.analyzer.tokens(context):
            q[t] = q.get(t, 0.0) + 0.5
        scores = []
        for i, d in enumerate(self.docs):
            s = 0.0
            norm = K1 * (1 - B + B * self.lengths[i] / self.avg)
            for t, qw in q.items():
                f = d.get(t)
                if f:
                    s += qw * self.idf[t] * f * (K1 + 1) / (f + norm)
            if s > 0:
                scores.append((s, i))
        scores.sort(key=lambda x: (-x[0], x[1]))
        out = []
        for s, i in scores[:limit]:
            p = self.passages[i]
            stance, cue = stance_hint(p.text)
            out.append(Candidate(p.document_id, p.document, p.page_no, p.text, p.section,
                                 round(s, 3), stance, cue, p.lines_by_page))
        return out


# --- stance from wording -----------------------------------------------------------

_W = r"[^.;:]{0,80}?"  # a few words within the same clause
STANCE_CUES: list[tuple[Stance, str]] = [
    # Partly: an acceptance with a limit.
    (Stance.PARTIAL, r"\b(?:deels|gedeeltelijk|ten dele|in beperkte mate|partly|partially|in part)\b"),
    (Stance.PARTIAL, r"\bvolledige uitvoering\b" + _W + r"\bniet\b"),
    (Stance.PARTIAL, r"\b(?:echter|evenwel|maar)\b" + _W + r"\b(?:beperkende factor|niet haalbaar|beperkt)\b"),
    # Rejected.
    (Stance.REJECTED, r"\bniet (?:haalbaar|wenselijk|opportuun|verstandig|nodig|mogelijk)\b"),
    (Stance.REJECTED, r"\bziet geen (?:aanleiding|reden|noodzaak|meerwaarde)\b"),
    (Stance.REJECTED, r"\b(?:neemt|nemen)\b" + _W + r"\bniet over\b"),
    (Stance.REJECTED, r"\bwijst\b" + _W + r"\baf\b|\bkiest er(?: bewust)? niet voor\b"),
    (Stance.REJECTED, r"\b(?:zal|zullen)\b" + _W + r"\bdus niet\b|\bzal\b" + _W + r"\bniet als voorwaarde\b"),
    (Stance.REJECTED, r"\b(?:rejects?|does not accept|not feasible|not desirable|declines?)\b"),
    # Accepted.
    (Stance.ACCEPTED, r"\b(?:neemt|nemen)\b(?:(?!\bniet\b)[^.;:]){0,80}?\bover\b"),
    (Stance.ACCEPTED, r"\bonderschrijft\b|\bonderschrijven\b|\bdeelt de conclusie\b|\bcommitteert zich\b"),
    (Stance.ACCEPTED, r"\bgaat\b" + _W + r"\buitvoeren\b|\bgeeft uitvoering\b|\buitvoering gegeven\b"),
    (Stance.ACCEPTED, r"\btegemoet (?:komt|te komen)\b|\bin lijn met (?:de|deze) aanbeveling\b"),
    (Stance.ACCEPTED, r"\bconform de aanbeveling\b|\bneemt\b" + _W + r"\bter harte\b"),
    (Stance.ACCEPTED, r"\b(?:is|zijn) (?:voornemens|van plan)\b|\bstreeft ernaar\b"),
    (Stance.ACCEPTED, r"\b(?:adopts?|accepts?|will implement|agrees? with)\b"),
    # Noted without commitment.
    (Stance.NOTED, r"\bnoteert\b|\bneemt kennis\b|\bherkent\b|\berkent\b|\bverwelkomt\b|\bbeaamt\b"),
    (Stance.NOTED, r"\bdeelt de analyse\b|\bdeelt het belang\b|\bbeziet\b|\bzal (?:onderzoeken|bezien|kijken)\b"),
    (Stance.NOTED, r"\b(?:notes?|acknowledges?|welcomes?|takes note)\b"),
]
_CUES = [(stance, re.compile(rx, re.I)) for stance, rx in STANCE_CUES]


def stance_hint(text: str) -> tuple[str, str]:
    """The stance the wording suggests and the words that suggest it.

    Several cues: a rejection beside an acceptance reads as partly accepted;
    otherwise the most telling (partial, rejected, accepted, noted) wins."""
    found: dict[Stance, str] = {}
    for stance, rx in _CUES:
        m = rx.search(text)
        if m and stance not in found:
            found[stance] = m.group(0)
    if not found:
        return "", ""
    if Stance.PARTIAL in found:
        return Stance.PARTIAL.value, found[Stance.PARTIAL]
    if Stance.REJECTED in found and Stance.ACCEPTED in found:
        return Stance.PARTIAL.value, f"{found[Stance.ACCEPTED]} … {found[Stance.REJECTED]}"
    for stance in (Stance.REJECTED, Stance.ACCEPTED, Stance.NOTED):
        if stance in found:
            return stance.value, found[stance]
    return "", ""


# --- the use case --------------------------------------------------------------------

def response_documents(lib, rec: Annotation) -> list[Document]:  # noqa: ANN001 - a Library
    """Where answers are looked for by default: every other document with
    text; documents of kind report are left out unless nothing else exists."""
    from storage import records

    docs = [d for d in records.list_documents(lib.db)
            if d.id != rec.document_id and d.pages_with_text]
    answers = [d for d in docs if d.kind != "report"]
    return answers or docs


def build_ranker(lib, documents: Sequence[Document]) -> Ranker:  # noqa: ANN001 - a Library
    from storage import records

    passages: list[Passage] = []
    for d in documents:
        passages.extend(passages_of(d, records.get_pages(lib.db, d.id)))
    language = "en" if documents and all(d.language == "en" for d in documents) else "nl"
    return Ranker(passages, language)


def suggest(lib, rec_id: str, *, in_doc: str | None = None, limit: int = 5) -> list[Candidate]:  # noqa: ANN001
    """Ranked candidate passages answering recommendation ``rec_id``."""
    from app.domain import UserError
    from storage import records

    rec = records.get_annotation(lib.db, rec_id)
    if rec is None:
        raise UserError(f"no annotation with id {rec_id}")
    if in_doc:
        doc = records.get_document(lib.db, in_doc)
        if doc is None:
            raise UserError("that document is no longer in the library")
        docs = [doc]
    else:
        docs = response_documents(lib, rec)
    if not docs:
        raise UserError("there is no other document to look for responses in; import the reply first")
    ranker = build_ranker(lib, docs)
    # The group title the detector found (a machine remark) is context as much as the note.
    groups = [str(r.get("text", "")) for r in rec.remarks if r.get("kind") == "group"]
    return ranker.rank(rec.quote, limit, context="\n".join([*groups, rec.note]).strip())
