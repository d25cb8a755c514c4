"""The summary as Markdown, readable as plain text and rendered."""
from __future__ import annotations

from pathlib import Path

from app.export.atomic import atomic_open
from app.export.i18n import Labels, catalogue
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import md
from app.team.summary_text import agreed_line, agreement_section


def _where(w: Labels, p: Passage) -> str:
    return w.where.format(md(p.document_title), p.page)


def _quote(w: Labels, text: str, indent: str = "") -> str:
    return f"{indent}> {md(text) or w.area_without_text}"


def render_md(s: Summary) -> str:
    w = catalogue(s.language)
    out: list[str] = []
    add = out.append
    add(f"# {w.summary_of.format(md(s.library))}")
    add("")
    add(f"- {w.date}: {s.generated}")
    add(f"- {w.reviewers}: {', '.join(md(r) for r in s.reviewers)}")
    for f in s.filters:
        add(f"- {w.filter}: {md(f)}")
    add("")
    add(f"## {w.documents}")
    add("")
    add(f"| {w.title} | {w.kind} | {w.file} | {w.pages} |")
    add("|---|---|---|---|")
    for d in s.documents:
        add(f"| {md(d.title)} | {w.kind_name(d.kind)} | {md(d.file_name)} | {d.pages} |")
    add("")
    add(f"## {w.recommendations}")
    add("")
    if not s.recommendations:
        add(w.no_recommendations)
        add("")
    for rec in s.recommendations:
        p = rec.passage
        add(f"### {w.recommendation.format(md(p.label) or w.no_label)}")
        add("")
        add(_quote(w, p.quote))
        add("")
        add(f"{w.source}: {_where(w, p)}")
        add("")
        if p.tags:
            add(f"{w.tags}: {', '.join(md(t) for t in p.tags)}")
            add("")
        if p.note:
            add(f"{w.note}: {md(p.note)}")
            add("")
        if rec.agreed is not None:
            add(f"**{md(agreed_line(w, rec.agreed))}**")
            add("")
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            line = w.no_response
            if explicit and explicit[0].assessment:
                line += f" {w.assessment}: {md(explicit[0].assessment)}"
            add(line)
            add("")
            continue
        add(f"{w.responses}:")
        add("")
        for r in rec.answered:
            rp = r.passage
            assert rp is not None
            add(f"- {w.stance}: {w.stance_name(r.stance)}")
            add("")
            add(_quote(w, rp.quote, "  "))
            add("")
            add(f"  {w.source}: {_where(w, rp)}")
            if r.assessment:
                add("")
                add(f"  {w.assessment}: {md(r.assessment)}")
            add("")
    add(f"## {w.coverage}")
    add("")
    add(f"| {w.stance} | {w.pairs} |")
    add("|---|---|")
    for stance, n in s.coverage().items():
        add(f"| {w.stance_name(stance)} | {n} |")
    add("")
    add(w.totals.format(len(s.recommendations), len(s.without_response)))
    add("")
    if s.agreement is not None:
        figures, differ = agreement_section(w, s.agreement)
        add(f"## {w.agreement}")
        add("")
        for line in figures:
            add(f"- {md(line)}")
        add("")
        if differ:
            add(f"{w.agreement_differ}:")
            add("")
            for line in differ:
                add(f"- {md(line)}")
            add("")
    add(f"## {w.other}")
    add("")
    if not s.other_groups:
        add(w.none)
        add("")
    for g in s.other_groups:
        add(f"### {w.without_tag if g.tag == NO_TAG else w.tag.format(md(g.tag))}")
        add("")
        for p in g.passages:
            add(f"- {_where(w, p)} ({w.role_name(p.role)}{', ' + md(p.label) if p.label else ''})")
            add("")
            add(_quote(w, p.quote, "  "))
            if p.note:
                add("")
                add(f"  {w.note}: {md(p.note)}")
            add("")
    return "\n".join(out).rstrip() + "\n"


def write_md(s: Summary, path: Path) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(render_md(s))
