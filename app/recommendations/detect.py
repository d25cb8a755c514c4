"""Finding numbered recommendations in a report's text, for review.

The detector reads the body lines of every page (``text.body_lines``) and
parses *lists*: numbered items (``1.``, ``2)``, ``(3)``), lettered items
(``a)``, ``b.``, ``(c)``, ``A.``), roman numerals, bullets under them, and
headed items ("Aanbeveling 3", "Recommendation 12:"). Nesting follows the
order in which marker styles appear, as a reader would: a new style under an
item is its child; a style already open continues its own sequence, allowing
a skipped letter or number (reports re-letter and skip).

A list is proposed only when it reads as recommendations: a heading or
introduction mentioning recommendations stands just before it, or its items
are (almost all) imperative or modal sentences. Lists of questions, numbered
section headings ("1.2. Onderzoeksvragen") and footnotes never qualify.
Recommendations printed twice (a summary and a final chapter) are paired by
the similarity of their text, so the reviewer can keep one of each pair.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field
from typing import Sequence

from storage.types import Page

from app.recommendations.text import Line, body_lines, ends_sentence, join_lines, paragraph_ends, typical_width

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
BULLETS = "•·▪◦●○■□‣⁃∙*\uf0b7\uf0a7\uf076\uf0d8-–—"

_NUM = re.compile(r"^(?:\((\d{1,2})\)|(\d{1,2})([.)]))(?!\d)(?:\s+(.*)|$)")
_ALPHA = re.compile(r"^(?:\(([a-zA-Z])\)|([a-zA-Z])([.)]))(?:\s+(.*)|$)")
_ROMAN = re.compile(r"^(?:\(([ivxIVX]{1,4})\)|([ivxIVX]{1,4})([.)]))(?:\s+(.*)|$)")
_BULLET = re.compile(r"^([" + re.escape(BULLETS) + r"])(?:\s+(.*)|$)")
_HEADED = re.compile(
    r"^(aanbeveling|recommendation|advies|aanbevelingen)\s+(\d{1,3}(?:\.\d{1,3})*)([a-z]?)"
    r"\s*(?:$|[:.\-–—)]\s*(.*)$)",
    re.I,
)
# Words that announce recommendations in a heading or the sentence leading
# into a list (present tense: "adviseerden" in a narrative is no announcement).
_TRIGGER = re.compile(
    r"\baanbeveling(?:en)?\b|\brecommendations?\b|\bwe recommend\b|\brecommends\b|"
    r"\badviseert\b|\badviseren\b|\bbevelen\b.*\baan\b|\bbeveelt\b.*\baan\b",
    re.I,
)
# In a short title, "Advies" or "Adviezen" announce recommendations too.
_TITLE_TRIGGER = re.compile(_TRIGGER.pattern + r"|\badvie[sz]\b|\badviezen\b", re.I)
_SECTION_HEADING = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")
_MODAL = re.compile(
    r"\b(moet|moeten|dient|dienen|zou(?:den)? moeten|is het (?:raadzaam|wenselijk)|wordt aanbevolen|"
    r"verdient (?:het )?aanbeveling|should|must|ought to|needs? to|is recommended|we recommend|"
    r"recommends?)\b",
    re.I,
)
# First words of imperative sentences common in Dutch and English policy
# recommendations. A list's context matters more than this list.
_IMPERATIVES = set(
    """
    bevorder behoud bied benut beperk betrek borg breng creëer definieer draag evalueer geef
    houd investeer intensiveer kies leg laat maak monitor neem onderzoek onderstreep ontwikkel
    organiseer overweeg pleit richt schep stel sluit start steun stimuleer stuur agendeer verbeter
    veranker verbind verduidelijk vergroot verhoog verken verminder verscherp versterk verstevig
    vereenvoudig voorkom voer werk wees zet zorg zoek formuleer hanteer herzie heroverweeg
    implementeer institutionaliseer investeren publiceer rapporteer reserveer scherp toets vermijd
    adopt align allocate assess build clarify commission conduct consider create define develop
    encourage ensure establish evaluate expand extend focus improve include increase introduce invest
    limit maintain make monitor prioritise prioritize promote provide publish reduce reinforce
    require review revise set simplify strengthen support undertake use
    """.split()
)


@dataclass
class Proposal:
    """One proposed item. ``kind`` is ``item`` or ``group`` (a title with
    items under it, such as "b) Migratie en mensenrechten")."""

    label: str
    page_no: int
    text: str
    quote: str
    kind: str = "item"
    level: int = 0
    parent: int | None = None  # index of the parent proposal
    context: str = ""  # the group title above the item, if any
    block: int = 0  # which printing of the list (0, 1, ...)
    pages: list[int] = field(default_factory=list)
    twin: int | None = None  # index of the same item printed elsewhere
    similarity: float = 0.0
    accept: bool = True
    reason: str = ""
    lines_by_page: dict[int, str] = field(default_factory=dict)
    # Items merged into this one by the reviewer: (page, quote) of each, anchored apart.
    merged: list[tuple[int, str]] = field(default_factory=list)

    def to_json(self, index: int) -> dict:
        out = asdict(self)
        out.pop("lines_by_page")
        out.pop("merged")
        out["index"] = index
        return out


@dataclass
class _Marker:
    style: tuple[str, str]  # (kind, delimiter or bullet character)
    value: int
    shown: str  # the marker as printed, for labels ("a", "3", "ii")
    rest: str


@dataclass
class _Item:
    marker: _Marker
    level: int
    parent: int | None
    lines: list[Line] = field(default_factory=list)
    children: list[int] = field(default_factory=list)
    label: str = ""


def _markers(text: str) -> list[_Marker]:
    """Every reading of a line's start as a list marker (``i)`` may be a
    letter or a roman one)."""
    out: list[_Marker] = []
    m = _HEADED.match(text)
    if m:
        out.append(_Marker(("headed", m.group(1).lower()[:5]), int(m.group(2).split(".")[-1]),
                           m.group(2) + m.group(3), m.group(4) or ""))
        return out
    m = _NUM.match(text)
    if m:
        num = m.group(1) or m.group(2)
        delim = "()" if m.group(1) else m.group(3)
        out.append(_Marker(("num", delim), int(num), num, m.group(4) or ""))
        return out
    m = _ROMAN.match(text)
    if m:
        tok = (m.group(1) or m.group(2))
        if tok.lower() in ROMAN:
            delim = "()" if m.group(1) else m.group(3)
            kind = "roman" if tok.islower() else "ROMAN"
            out.append(_Marker((kind, delim), ROMAN.index(tok.lower()) + 1, tok.lower(), m.group(4) or ""))
    m = _ALPHA.match(text)
    if m:
        ch = m.group(1) or m.group(2)
        delim = "()" if m.group(1) else m.group(3)
        kind = "alpha" if ch.islower() else "ALPHA"
        out.append(_Marker((kind, delim), ord(ch.lower()) - 96, ch, m.group(4) or ""))
    m = _BULLET.match(text)
    if m and not out:
        ch = m.group(1)
        # A dash starts a bullet only when followed by a space and text.
        if ch not in "-–—" or m.group(2):
            out.append(_Marker(("bullet", "•" if ch not in "-–—" else "-"), 0, "", m.group(2) or ""))
    return out


def _first_value(marker: _Marker) -> bool:
    return marker.style[0] in ("bullet", "headed") or marker.value == 1


def _is_imperative(text: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text[:200])
    if not words:
        return False
    if words[0].lower() in _IMPERATIVES:
        return True
    # "Voor ... is X belangrijk. Versterk daarom ...": an imperative opening a later sentence.
    for sentence in re.split(r"(?<=[.;:])\s+", text)[1:3]:
        first = re.findall(r"[A-Za-zÀ-ÿ]+", sentence[:40])
        if first and first[0].lower() in _IMPERATIVES:
            return True
    return bool(_MODAL.search(text))


class _ListParser:
    """Parses one list starting at a given line; see the module docstring."""

    MAX_GAP = {"num": 2, "alpha": 3, "ALPHA": 3, "roman": 2, "ROMAN": 2, "headed": 50, "bullet": 1}

    def __init__(self, lines: Sequence[Line], width: float) -> None:
        self.lines = lines
        self.width = width

    def _fits(self, stack: list[tuple[tuple[str, str], int, int]], marker: _Marker) -> int | None:
        """The stack depth at which ``marker`` goes, or None when it does not fit."""
        for depth, (style, value, _) in enumerate(stack):
            if style == marker.style:
                if style[0] in ("bullet", "headed"):
                    return depth
                gap = marker.value - value
                return depth if 1 <= gap <= self.MAX_GAP[style[0]] else None
        if not stack or _first_value(marker):
            return len(stack)
        return None

    def _fitting(self, stack, text: str) -> tuple[_Marker, int] | None:  # noqa: ANN001
        for marker in _markers(text):
            depth = self._fits(stack, marker)
            if depth is not None and (depth < len(stack) or marker.style[0] != "headed" or not stack):
                return marker, depth
        return None

    def parse(self, start: int) -> tuple[list[_Item], int]:
        items: list[_Item] = []
        stack: list[tuple[tuple[str, str], int, int]] = []  # (style, value, item index)
        ended = False  # the current item's paragraph has ended
        j = start
        n = len(self.lines)
        while j < n:
            line = self.lines[j]
            fit = self._fitting(stack, line.text)
            if fit:
                marker, depth = fit
                del stack[depth:]
                parent = stack[-1][2] if stack else None
                item = _Item(marker, depth, parent)
                if marker.rest:
                    item.lines.append(Line(line.page_no, marker.rest))
                items.append(item)
                if parent is not None:
                    items[parent].children.append(len(items) - 1)
                stack.append((marker.style, marker.value, len(items) - 1))
                ended = bool(marker.rest) and paragraph_ends(self.lines, j, self.width)
                j += 1
                continue
            if not stack:
                break
            if _markers(line.text) and ended:
                break  # a marker that does not continue the list: a new list
            cur = items[stack[-1][2]]
            if ended:
                # Text after a finished item: explanation when the list goes on
                # within a few lines, otherwise the end of the list.
                ahead = self._continues_within(stack, j, 8)
                if ahead is None:
                    break
                j = ahead
                ended = False
                continue
            if _is_section_heading(line.text) and cur.lines:
                break
            cur.lines.append(line)
            ended = paragraph_ends(self.lines, j, self.width)
            j += 1
        return items, j

    def _continues_within(self, stack, j: int, limit: int) -> int | None:  # noqa: ANN001
        for k in range(j, min(len(self.lines), j + limit)):
            text = self.lines[k].text
            for marker in _markers(text):
                depth = self._fits(stack, marker)
                if depth is not None and depth < len(stack):
                    return k
                # Under a headed recommendation, its lettered items may follow an explanation.
                if depth == len(stack) and stack[-1][0][0] == "headed" and marker.style[0] != "headed":
                    return k
            if k > j and paragraph_ends(self.lines, k - 1, self.width) and _is_section_heading(text):
                return None
        return None


def _is_section_heading(text: str) -> bool:
    return bool(_SECTION_HEADING.match(text)) and not ends_sentence(text) and len(text) < 90


def _has_context(lines: Sequence[Line], start: int, width: float) -> bool:
    """A heading or the introduction just before ``start`` mentions
    recommendations, with no other list or section heading in between."""
    for k in range(start - 1, max(-1, start - 16), -1):
        text = lines[k].text
        if _markers(text) or _is_section_heading(text):
            return bool(_HEADED.match(text)) or (
                _TITLE_TRIGGER.search(text) is not None and not ends_sentence(text)
                and len(text) < 0.8 * width
            )
        short_title = not ends_sentence(text) and len(text) < 0.8 * width
        if short_title and _TITLE_TRIGGER.search(text):
            return True
        if _TRIGGER.search(text):
            near = start - k <= 4 or text.rstrip().endswith(":")
            if short_title or near or _intro_paragraph(lines, k, start, width):
                return True
    return False


def _intro_paragraph(lines: Sequence[Line], k: int, start: int, width: float) -> bool:
    """Line ``k`` belongs to the paragraph (or the one before it) that leads into the list."""
    ends = sum(1 for x in range(k, start - 1) if paragraph_ends(lines, x, width))
    return ends <= 1


def _labels(items: list[_Item]) -> None:
    ordinals: dict[int | None, int] = {}
    for idx, item in enumerate(items):
        m = item.marker
        if m.style[0] == "bullet":
            ordinals[item.parent] = ordinals.get(item.parent, 0) + 1
            own = str(ordinals[item.parent])
        else:
            own = m.shown
        if item.parent is None:
            item.label = own
            continue
        base = items[item.parent].label
        sep = "-" if m.style[0] in ("bullet", "roman", "ROMAN") or (
            base[-1:].isdigit() == own[:1].isdigit()) else ""
        item.label = base + sep + own


def _is_group(item: _Item, text: str) -> bool:
    return bool(item.children) and len(text.split()) <= 6 and not ends_sentence(text) \
        and not _is_imperative(text)


def _proposals_for(items: list[_Item], block: int, offset: int) -> list[Proposal]:
    out: list[Proposal] = []
    for item in items:
        text = join_lines(ln.text for ln in item.lines)
        by_page: dict[int, list[str]] = {}
        for ln in item.lines:
            by_page.setdefault(ln.page_no, []).append(ln.text)
        page_no = item.lines[0].page_no if item.lines else 0
        p = Proposal(
            label=item.label,
            page_no=page_no,
            text=text,
            quote=text,
            level=item.level,
            parent=None if item.parent is None else item.parent + offset,
            block=block,
            pages=sorted(by_page),
            lines_by_page={k: join_lines(v) for k, v in by_page.items()},
        )
        if _is_group(item, text):
            p.kind, p.accept, p.reason = "group", False, "a title over the items below it"
        out.append(p)
    for p in out:
        if p.parent is not None:
            parent = out[p.parent - offset]
            p.context = parent.text if parent.kind == "group" else parent.context
    return out


def _norm_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _pair_twins(props: list[Proposal]) -> None:
    """Mark items of a later printing that repeat an earlier item's text."""
    words = [_norm_words(p.text) for p in props]
    for i, p in enumerate(props):
        if not words[i]:
            continue
        best, best_j = 0.0, None
        for j in range(i):
            q = props[j]
            if q.block == p.block or q.twin is not None or not words[j]:
                continue
            # A shortened summary version still pairs when its label is the same.
            need = 0.55 if q.label == p.label else 0.8
            sm = difflib.SequenceMatcher(None, words[j], words[i], autojunk=False)
            if sm.real_quick_ratio() < need or sm.quick_ratio() < need:
                continue
            r = sm.ratio()
            if r >= need and r > best:
                best, best_j = r, j
        if best_j is not None:
            q = props[best_j]
            p.twin, q.twin = best_j, i
            p.similarity = q.similarity = round(best, 3)
            if p.kind == "item" and q.kind == "item":
                p.accept = False
                p.reason = f"also printed on page {q.page_no} as {q.label}"


def detect_in_lines(lines: Sequence[Line]) -> list[Proposal]:
    width = typical_width(lines)
    parser = _ListParser(lines, width)
    props: list[Proposal] = []
    block = 0
    i = 0
    while i < len(lines):
        starts = [m for m in _markers(lines[i].text) if _first_value(m) or m.style[0] == "headed"]
        if not starts:
            i += 1
            continue
        items, end = parser.parse(i)
        if _accept_list(lines, i, items, width):
            _labels(items)
            props.extend(_proposals_for(items, block, len(props)))
            block += 1
        # A rejected list is skipped whole: its later items are no new lists.
        i = max(end, i + 1)
    _pair_twins(props)
    return props


def _accept_list(lines: Sequence[Line], start: int, items: list[_Item], width: float) -> bool:
    if not items:
        return False
    texts = [join_lines(ln.text for ln in it.lines) for it in items]
    if any(not t for t in texts[:1]):
        return False
    top = [t for it, t in zip(items, texts) if it.level == 0]
    questions = sum(1 for t in texts if t.rstrip().endswith("?"))
    if questions * 2 >= len(texts):
        return False
    headed = items[0].marker.style[0] == "headed"
    imperative = sum(1 for t in texts if _is_imperative(t)) / len(texts)
    if headed:
        return True
    if _has_context(lines, start, width):
        # A single top item is a list only if it has items under it or reads
        # as a recommendation.
        return len(items) >= 2 or imperative >= 0.5
    # No recommendation heading: only a substantial list of imperative or
    # modal sentences qualifies.
    long_enough = sum(len(t.split()) >= 6 for t in top) >= 0.8 * len(top)
    return len(top) >= 3 and imperative >= 0.8 and long_enough


def detect_in_pages(pages: Sequence[Page]) -> list[Proposal]:
    """Proposals for a document's pages (only ``page_no`` and ``text`` count)."""
    return detect_in_lines(body_lines(pages))
