"""How far the reviewers agree on their judgements of recommendations.

Units are recommendations judged by two or more reviewers; a reviewer's
value for a unit is the stance the register would show for that reviewer's
own links (``overall_stance``). The same recommendation stored twice (two
reviewers who each detected it) counts as one unit: it is matched by
document and label, or by document, page and quote when it has no label.

- Cohen's kappa for each pair of reviewers (on the units both judged);
- Krippendorff's alpha over all reviewers, nominal and ordinal on the scale
  accepted > partial > noted > rejected > none (and interval, for the tests
  against Krippendorff's own worked example);
- the share of units on which all their reviewers agree;
- the units where they differ, the furthest apart first.
"""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any, Callable, Hashable, Sequence

from app.anchoring import norm_text
from app.library import Library
from app.recommendations.register import overall_stance
from storage import records
from storage import team as team_db
from storage.types import Annotation, Link

# The stance scale, from the most to the least accepting.
ORDER = ("accepted", "partial", "noted", "rejected", "none")
RANK = {s: len(ORDER) - 1 - i for i, s in enumerate(ORDER)}


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's (1960) kappa of two raters' values; None when undefined
    (no pairs, or both raters always gave one and the same value)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[v] * second[v] for v in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(
    units: Sequence[Sequence[Hashable]], level: str = "nominal", order: Sequence[Hashable] | None = None
) -> float | None:
    """Krippendorff's alpha. ``units``: each unit's values (missing values
    left out; units with fewer than two values do not count). ``level``:
    nominal, ordinal (``order`` lists the values from low to high; default
    their sorted order) or interval (numeric values). None when undefined."""
    pairable = [list(u) for u in units if len(u) >= 2]
    if not pairable:
        return None
    coincidence: dict[tuple[Any, Any], float] = {}
    for values in pairable:
        m = len(values)
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidence[(c, k)] = coincidence.get((c, k), 0.0) + 1.0 / (m - 1)
    n_c: dict[Any, float] = {}
    for (c, _), w in coincidence.items():
        n_c[c] = n_c.get(c, 0.0) + w
    n = sum(n_c.values())
    values = list(n_c)
    delta: Callable[[Any, Any], float]
    if level == "nominal":
        def delta(c: Any, k: Any) -> float:
            return 0.0 if c == k else 1.0
    elif level == "interval":
        def delta(c: Any, k: Any) -> float:
            return float(c - k) ** 2
    elif level == "ordinal":
        ranked: list[Any] = list(order) if order is not None else sorted(values)
        pos = {v: i for i, v in enumerate(ranked)}
        freq = [n_c.get(v, 0.0) for v in ranked]

        def delta(c: Any, k: Any) -> float:
            lo, hi = sorted((pos[c], pos[k]))
            return (sum(freq[lo:hi + 1]) - (freq[lo] + freq[hi]) / 2) ** 2
    else:
        raise ValueError(f"unknown level of measurement {level!r}")
    observed = sum(w * delta(c, k) for (c, k), w in coincidence.items())
    expected = sum(n_c[c] * n_c[k] * delta(c, k) for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def _unit_key(rec: Annotation) -> tuple:
    label = rec.label.strip().lower()
    if label:
        return (rec.document_id, "label", label)
    return (rec.document_id, "quote", rec.page_no, norm_text(rec.quote))


def judgement_table(lib: Library) -> tuple[list[dict], dict[str, str]]:
    """Units (recommendations) with each reviewer's stance, and reviewer names.

    Each unit: ``key``, ``recommendation_id`` (the first stored), ``label``,
    ``document_id``, ``page``, ``quote``, ``judgements`` {reviewer id: stance}."""
    by_rec: dict[str, dict[str, list[Link]]] = {}
    names: dict[str, str] = {}
    for row in team_db.all_judgements(lib.db):
        rid = row.author_id or "?"
        names.setdefault(rid, row.author or rid)
        by_rec.setdefault(row.recommendation_id, {}).setdefault(rid, []).append(row)
    units: dict[tuple, dict] = {}
    for rec in records.list_annotations(lib.db, role="recommendation"):
        per = by_rec.get(rec.id)
        if not per:
            continue
        key = _unit_key(rec)
        unit = units.setdefault(key, {
            "key": key, "recommendation_id": rec.id, "label": rec.label,
            "document_id": rec.document_id, "page": rec.page_no, "quote": rec.quote,
            "judgements": {}, "_links": {},
        })
        for rid, links in per.items():
            unit["_links"].setdefault(rid, []).extend(links)
    for unit in units.values():
        links_by = unit.pop("_links")
        for rid, links in links_by.items():
            links.sort(key=lambda lk: (lk.modified, lk.id))
            unit["judgements"][rid] = overall_stance(links) or "none"
    return list(units.values()), names


def agreement(lib: Library) -> dict:
    """The team's agreement figures (see the module docstring)."""
    units, names = judgement_table(lib)
    titles = {d.id: d.title for d in records.list_documents_brief(lib.db)}
    agreed = {g["recommendation_id"]: g for g in team_db.list_agreed(lib.db)}
    shared = [u for u in units if len(u["judgements"]) >= 2]
    reviewers = sorted(names, key=lambda r: (names[r].lower(), r))
    pairs = []
    for a, b in combinations(reviewers, 2):
        both = [(u["judgements"][a], u["judgements"][b]) for u in shared
                if a in u["judgements"] and b in u["judgements"]]
        if both:
            pairs.append({
                "reviewers": [a, b], "names": [names[a], names[b]], "units": len(both),
                "agreement": round(sum(1 for x, y in both if x == y) / len(both), 4),
                "kappa": _round(cohen_kappa(both)),
            })
    values = [list(u["judgements"].values()) for u in shared]
    same = sum(1 for v in values if len(set(v)) == 1)
    disagreements = []
    for u in shared:
        ranks = [RANK[s] for s in u["judgements"].values()]
        if len(set(u["judgements"].values())) < 2:
            continue
        g = agreed.get(u["recommendation_id"])
        disagreements.append({
            "recommendation_id": u["recommendation_id"], "label": u["label"],
            "document": titles.get(u["document_id"], ""), "page": u["page"], "quote": u["quote"],
            "judgements": [{"reviewer": rid, "name": names[rid], "stance": s}
                           for rid, s in sorted(u["judgements"].items(), key=lambda kv: names[kv[0]].lower())],
            "distance": max(ranks) - min(ranks),
            "agreed": g["stance"] if g else None,
        })
    disagreements.sort(key=lambda d: (-d["distance"], d["document"], d["page"], d["label"]))
    return {
        "reviewers": [{"id": r, "name": names[r],
                       "judged": sum(1 for u in units if r in u["judgements"])} for r in reviewers],
        "units": len(shared),
        "agreement": round(same / len(shared), 4) if shared else None,
        "kappa": pairs[0]["kappa"] if len(reviewers) == 2 and pairs else None,
        "pairs": pairs,
        "alpha_nominal": _round(krippendorff_alpha(values, "nominal")),
        "alpha_ordinal": _round(krippendorff_alpha(values, "ordinal", order=list(reversed(ORDER)))),
        "disagreements": disagreements,
        "agreed": len(agreed),
    }


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)
