"""The team's part of a summary export, as plain text lines (each writer
escapes them for its format): a recommendation's agreed judgement, and the
agreement section."""
from __future__ import annotations

from typing import Any

from app.export.i18n import Labels


def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def agreed_line(w: Labels, agreed: Any) -> str:
    line = w.agreed.format(w.stance_name(agreed.stance), agreed.agreed_by, agreed.agreed_at)
    if agreed.assessment:
        line += f" {w.assessment}: {agreed.assessment}"
    return line


def agreement_section(w: Labels, data: dict) -> tuple[list[str], list[str]]:
    """(figure lines, disagreement lines) for ``app.team.agreement.agreement()``."""
    names = ", ".join(r["name"] for r in data["reviewers"])
    lines = [w.agreement_summary.format(
        data["units"], names, round(100 * (data["agreement"] or 0), 1),
        _fmt(data["alpha_nominal"]), _fmt(data["alpha_ordinal"]))]
    for p in data["pairs"]:
        lines.append(w.agreement_pair.format(
            p["names"][0], p["names"][1], p["units"], round(100 * p["agreement"], 1), _fmt(p["kappa"])))
    differ = []
    for d in data["disagreements"]:
        who = "; ".join(f"{j['name']}: {w.stance_name(j['stance'])}" for j in d["judgements"])
        label = w.recommendation.format(d["label"] or w.no_label)
        text = f"{label} ({w.where.format(d['document'], d['page'])}): {who}"
        if d["agreed"]:
            text += " — " + w.agreed.format(w.stance_name(d["agreed"]), "", "").replace(" (, )", "")
        differ.append(text)
    return lines, differ
