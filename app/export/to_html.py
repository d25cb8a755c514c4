"""The summary as one self-contained HTML file that prints well.

Every piece of PDF or user text goes through ``html.escape`` (quotes too),
the page carries a Content-Security-Policy that forbids scripts, remote
loads and forms, and the file has no links at all, so a ``javascript:`` URL
in a PDF has nowhere to go.
"""
from __future__ import annotations

import html
from pathlib import Path

from app.domain import STANCE_COLORS
from app.export.atomic import atomic_open
from app.export.i18n import Labels, catalogue
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import display
from app.team.summary_text import agreed_line, agreement_section

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

CSS = """
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 48em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #999; margin-top: 1.6em; }
blockquote { margin: .4em 0 .4em 1em; padding-left: .8em; border-left: 4px solid #f5c542; }
.response blockquote { border-left-color: #5ab1ef; }
.meta { color: #444; font-size: .92em; margin: .2em 0; }
.stance { font-weight: bold; padding: 0 .3em; border-radius: 3px; color: #fff; }
.none { font-style: italic; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .2em .5em; text-align: left; }
section.rec, li.other { page-break-inside: avoid; break-inside: avoid; }
@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; } }
"""


def e(text: object) -> str:
    return html.escape(display(str(text)), quote=True)


def _where(w: Labels, p: Passage) -> str:
    return f'<p class="meta">{w.where.format(e(p.document_title), p.page)}</p>'


def _quote(w: Labels, text: str) -> str:
    return f"<blockquote>{e(text) or '<i>' + e(w.area_without_text) + '</i>'}</blockquote>"


def render_html(s: Summary) -> str:
    w = catalogue(s.language)
    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add(f'<html lang="{w.language}"><head><meta charset="utf-8">')
    add(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">')
    add('<meta name="referrer" content="no-referrer">')
    add(f"<title>{w.summary_of.format(e(s.library))}</title>")
    add(f"<style>{CSS}</style></head><body>")
    add(f"<h1>{w.summary_of.format(e(s.library))}</h1>")
    add(f'<p class="meta">{e(w.date)}: {e(s.generated)}</p>')
    add(f'<p class="meta">{e(w.reviewers)}: {", ".join(e(r) for r in s.reviewers)}</p>')
    for f in s.filters:
        add(f'<p class="meta">{e(w.filter)}: {e(f)}</p>')
    add(
        f"<h2>{e(w.documents)}</h2><table><tr><th>{e(w.title)}</th><th>{e(w.kind)}</th>"
        f"<th>{e(w.file)}</th><th>{e(w.pages)}</th></tr>"
    )
    for d in s.documents:
        add(
            f"<tr><td>{e(d.title)}</td><td>{e(w.kind_name(d.kind))}</td>"
            f"<td>{e(d.file_name)}</td><td>{d.pages}</td></tr>"
        )
    add("</table>")
    add(f"<h2>{e(w.recommendations)}</h2>")
    if not s.recommendations:
        add(f"<p>{e(w.no_recommendations)}</p>")
    for rec in s.recommendations:
        p = rec.passage
        add('<section class="rec">')
        add(f"<h3>{w.recommendation.format(e(p.label) or e(w.no_label))}</h3>")
        add(_quote(w, p.quote))
        add(_where(w, p))
        if p.tags:
            add(f'<p class="meta">{e(w.tags)}: {", ".join(e(t) for t in p.tags)}</p>')
        if p.note:
            add(f'<p class="meta">{e(w.note)}: {e(p.note)}</p>')
        if rec.agreed is not None:
            add(f'<p class="agreed"><strong>{e(agreed_line(w, rec.agreed))}</strong></p>')
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            extra = f" {e(w.assessment)}: {e(explicit[0].assessment)}" if explicit and explicit[0].assessment else ""
            add(f'<p class="none">{e(w.no_response)}{extra}</p>')
        else:
            add("<ul>")
            for r in rec.answered:
                rp = r.passage
                assert rp is not None
                color = STANCE_COLORS.get(r.stance, "#666")
                add('<li class="response">')
                add(
                    f'<p>{e(w.stance)}: <span class="stance" style="background:{color}">'
                    f"{e(w.stance_name(r.stance))}</span></p>"
                )
                add(_quote(w, rp.quote))
                add(_where(w, rp))
                if r.assessment:
                    add(f'<p class="meta">{e(w.assessment)}: {e(r.assessment)}</p>')
                add("</li>")
            add("</ul>")
        add("</section>")
    add(f"<h2>{e(w.coverage)}</h2><table><tr><th>{e(w.stance)}</th><th>{e(w.pairs)}</th></tr>")
    for stance, n in s.coverage().items():
        add(f"<tr><td>{e(w.stance_name(stance))}</td><td>{n}</td></tr>")
    add("</table>")
    add(f"<p>{e(w.totals.format(len(s.recommendations), len(s.without_response)))}</p>")
    if s.agreement is not None:
        figures, differ = agreement_section(w, s.agreement)
        add(f"<h2>{e(w.agreement)}</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in figures) + "</ul>")
        if differ:
            add(f"<p>{e(w.agreement_differ)}:</p><ul>" + "".join(f"<li>{e(x)}</li>" for x in differ) + "</ul>")
    add(f"<h2>{e(w.other)}</h2>")
    if not s.other_groups:
        add(f"<p>{e(w.none)}</p>")
    for g in s.other_groups:
        add(f"<h3>{e(w.without_tag) if g.tag == NO_TAG else w.tag.format(e(g.tag))}</h3><ul>")
        for p in g.passages:
            label = f", {e(p.label)}" if p.label else ""
            where = w.where.format(e(p.document_title), p.page)
            add(f'<li class="other"><p class="meta">{where} ({e(w.role_name(p.role))}{label})</p>')
            add(_quote(w, p.quote))
            if p.note:
                add(f'<p class="meta">{e(w.note)}: {e(p.note)}</p>')
            add("</li>")
        add("</ul>")
    add("</body></html>")
    return "\n".join(out) + "\n"


def write_html(s: Summary, path: Path) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(render_html(s))
