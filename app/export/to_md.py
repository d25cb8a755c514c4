"""The summary as Markdown, readable as plain text and rendered."""
from __future__ import annotations

from pathlib import Path

from app.export.atomic import atomic_open
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import KIND_LABELS, md, stance_label


def _where(p: Passage) -> str:
    return f"{md(p.document_title)}, page {p.page}"


def _quote(text: str, indent: str = "") -> str:
    return f"{indent}> {md(text) or '(area without text)'}"


def render_md(s: Summary) -> str:
    out: list[str] = []
    add = out.append
    add(f"# Summary of {md(s.library)}")
    add("")
    add(f"- Date: {s.generated}")
    add(f"- Reviewers: {', '.join(md(r) for r in s.reviewers)}")
    for f in s.filters:
        add(f"- Filter: {md(f)}")
    add("")
    add("## Documents")
    add("")
    add("| Title | Kind | File | Pages |")
    add("|---|---|---|---|")
    for d in s.documents:
        add(f"| {md(d.title)} | {KIND_LABELS.get(d.kind, d.kind)} | {md(d.file_name)} | {d.pages} |")
    add("")
    add("## Recommendations")
    add("")
    if not s.recommendations:
        add("No recommendations match.")
        add("")
    for rec in s.recommendations:
        p = rec.passage
        add(f"### Recommendation {md(p.label) or '(no label)'}")
        add("")
        add(_quote(p.quote))
        add("")
        add(f"Source: {_where(p)}")
        add("")
        if p.tags:
            add(f"Tags: {', '.join(md(t) for t in p.tags)}")
            add("")
        if p.note:
            add(f"Note: {md(p.note)}")
            add("")
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            line = "No response."
            if explicit and explicit[0].assessment:
                line += f" Assessment: {md(explicit[0].assessment)}"
            add(line)
            add("")
            continue
        add("Responses:")
        add("")
        for r in rec.answered:
            rp = r.passage
            assert rp is not None
            add(f"- Stance: {stance_label(r.stance)}")
            add("")
            add(_quote(rp.quote, "  "))
            add("")
            add(f"  Source: {_where(rp)}")
            if r.assessment:
                add("")
                add(f"  Assessment: {md(r.assessment)}")
            add("")
    add("## Coverage")
    add("")
    add("| Stance | Recommendation-response pairs |")
    add("|---|---|")
    for stance, n in s.coverage().items():
        add(f"| {stance_label(stance)} | {n} |")
    add("")
    add(f"{len(s.recommendations)} recommendation(s), {len(s.without_response)} without a response.")
    add("")
    add("## Other annotations")
    add("")
    if not s.other_groups:
        add("None.")
        add("")
    for g in s.other_groups:
        add(f"### {'Without tag' if g.tag == NO_TAG else 'Tag: ' + md(g.tag)}")
        add("")
        for p in g.passages:
            add(f"- {_where(p)} ({p.role}{', ' + md(p.label) if p.label else ''})")
            add("")
            add(_quote(p.quote, "  "))
            if p.note:
                add("")
                add(f"  Note: {md(p.note)}")
            add("")
    return "\n".join(out).rstrip() + "\n"


def write_md(s: Summary, path: Path) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(render_md(s))
