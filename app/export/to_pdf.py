"""The summary as a PDF laid out by PyMuPDF's Story (HTML and CSS in, pages out).

The content is the same escaped HTML body as the HTML export. A table of
contents with page numbers sits after the title block; PyMuPDF lays the
story out again until those page numbers are stable. Each page then gets
"Page N of M" in its footer and the headings become the PDF's bookmarks.

``render_pdf`` must run where no other thread uses PyMuPDF: ``write_pdf``
runs it in a child process.
"""
from __future__ import annotations

import html
from pathlib import Path

from app.domain import STANCE_COLORS
from app.export.atomic import atomic_path
from app.export.isolated import run_isolated
from app.export.i18n import Labels, catalogue
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import display

CSS = """
body { font-family: sans-serif; font-size: 10pt; line-height: 1.3; }
h1 { font-size: 18pt; margin-bottom: 6pt; }
h2 { font-size: 14pt; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 11.5pt; margin-top: 10pt; margin-bottom: 2pt; }
blockquote { margin: 3pt 0 3pt 14pt; font-style: italic; }
p { margin: 2pt 0; }
.meta { color: #444444; font-size: 9pt; }
.toc { margin: 1pt 0; }
.toc2 { margin: 1pt 0 1pt 14pt; }
.resp { margin-left: 14pt; }
td, th { border: 0.5pt solid #999999; padding: 2pt 4pt; text-align: left; }
"""

A4 = (595.0, 842.0)
MARGIN = 56.0


def e(text: object) -> str:
    return html.escape(display(str(text)), quote=True)


def _where(w: Labels, p: Passage) -> str:
    return f'<p class="meta">{w.where.format(e(p.document_title), p.page)}</p>'


def _quote(w: Labels, text: str) -> str:
    return f"<blockquote>{e(text) or e(w.area_without_text)}</blockquote>"


def _body(s: Summary, toc_html: str) -> str:
    w = catalogue(s.language)
    out: list[str] = []
    add = out.append
    add(f'<h1 id="title">{w.summary_of.format(e(s.library))}</h1>')
    add(f'<p class="meta">{e(w.date)}: {e(s.generated)}</p>')
    add(f'<p class="meta">{e(w.reviewers)}: {", ".join(e(r) for r in s.reviewers)}</p>')
    for f in s.filters:
        add(f'<p class="meta">{e(w.filter)}: {e(f)}</p>')
    add(f'<h2 id="contents">{e(w.contents)}</h2>')
    add(toc_html)
    add(
        f'<h2 id="documents">{e(w.documents)}</h2><table><tr><th>{e(w.title)}</th><th>{e(w.kind)}</th>'
        f"<th>{e(w.pages)}</th></tr>"
    )
    for d in s.documents:
        add(f"<tr><td>{e(d.title)}</td><td>{e(w.kind_name(d.kind))}</td><td>{d.pages}</td></tr>")
    add("</table>")
    add(f'<h2 id="recommendations">{e(w.recommendations)}</h2>')
    if not s.recommendations:
        add(f"<p>{e(w.no_recommendations)}</p>")
    for i, rec in enumerate(s.recommendations):
        p = rec.passage
        add(f'<h3 id="rec{i}">{w.recommendation.format(e(p.label) or e(w.no_label))}</h3>')
        add(_quote(w, p.quote))
        add(_where(w, p))
        if p.tags:
            add(f'<p class="meta">{e(w.tags)}: {", ".join(e(t) for t in p.tags)}</p>')
        if p.note:
            add(f'<p class="meta">{e(w.note)}: {e(p.note)}</p>')
        if p.remarks:
            add(f'<p class="meta">{e(w.remarks)}: {e(" ".join(p.remarks))}</p>')
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            extra = f" {e(w.assessment)}: {e(explicit[0].assessment)}" if explicit and explicit[0].assessment else ""
            add(f"<p><i>{e(w.no_response)}{extra}</i></p>")
            continue
        for r in rec.answered:
            rp = r.passage
            assert rp is not None
            color = STANCE_COLORS.get(r.stance, "#666666")
            add('<div class="resp">')
            add(f'<p>{e(w.stance)}: <b style="color:{color}">{e(w.stance_name(r.stance))}</b></p>')
            add(_quote(w, rp.quote))
            add(_where(w, rp))
            if r.assessment:
                add(f'<p class="meta">{e(w.assessment)}: {e(r.assessment)}</p>')
            add("</div>")
    add(f'<h2 id="coverage">{e(w.coverage)}</h2><table><tr><th>{e(w.stance)}</th><th>{e(w.pairs)}</th></tr>')
    for stance, n in s.coverage().items():
        add(f"<tr><td>{e(w.stance_name(stance))}</td><td>{n}</td></tr>")
    add("</table>")
    add(f"<p>{e(w.totals.format(len(s.recommendations), len(s.without_response)))}</p>")
    add(f'<h2 id="other">{e(w.other)}</h2>')
    if not s.other_groups:
        add(f"<p>{e(w.none)}</p>")
    for i, g in enumerate(s.other_groups):
        add(f'<h3 id="tag{i}">{e(w.without_tag) if g.tag == NO_TAG else w.tag.format(e(g.tag))}</h3>')
        for p in g.passages:
            label = f", {e(p.label)}" if p.label else ""
            add(f'<p class="meta">{w.where.format(e(p.document_title), p.page)} ({e(w.role_name(p.role))}{label})</p>')
            add(_quote(w, p.quote))
            if p.note:
                add(f'<p class="meta">{e(w.note)}: {e(p.note)}</p>')
    return "\n".join(out)


def _headings(positions: list) -> list[tuple[int, str, int]]:
    """(level, text, page) of each h2/h3, first occurrence of each id."""
    seen, out = set(), []
    for pos in positions:
        if pos.heading in (2, 3) and pos.open_close & 1 and pos.text and pos.id not in seen:
            seen.add(pos.id)
            out.append((pos.heading - 1, pos.text.strip(), pos.page_num))
    return out


def render_pdf(s: Summary, out_path: str) -> int:
    """Lay the summary out and save it to ``out_path``; returns the page count."""
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    w = catalogue(s.language)
    last_headings: list[tuple[int, str, int]] = []

    def content(positions: list) -> str:
        nonlocal last_headings
        heads = _headings(positions) if positions else []
        if heads:
            last_headings = heads
        toc = "".join(
            f'<p class="toc{"2" if level == 2 else ""}">{w.toc_entry.format(html.escape(text), page)}</p>'
            for level, text, page in heads
            if text != w.contents
        ) or "<p>…</p>"
        return _body(s, toc)

    page_rect = pymupdf.Rect(0, 0, *A4)
    where = pymupdf.Rect(MARGIN, MARGIN, A4[0] - MARGIN, A4[1] - MARGIN)

    def rectfn(rect_num: int, filled: object) -> tuple:
        return page_rect, where, None

    doc = pymupdf.Story.write_stabilized_with_links(content, rectfn, user_css=CSS)
    total = doc.page_count
    for i, page in enumerate(doc, start=1):
        text = w.page_of.format(i, total)
        width = pymupdf.get_text_length(text, fontname="helv", fontsize=8)
        page.insert_text(((A4[0] - width) / 2, A4[1] - 28), text, fontname="helv", fontsize=8)
    toc = [[level, text, page] for level, text, page in last_headings if 1 <= page <= total]
    if toc:
        doc.set_toc(toc)
    doc.set_metadata(
        {
            "title": display(w.summary_of.format(s.library)),
            "author": display(", ".join(s.reviewers)),
            "creator": "Kanttekening",
            "producer": "Kanttekening (PyMuPDF)",
        }
    )
    if w.language != "en":  # so screen readers and text-to-speech read the Dutch as Dutch
        doc.set_language("nl-NL")
    doc.save(out_path, garbage=3, deflate=True)
    doc.close()
    return total


def write_pdf(s: Summary, path: Path) -> int:
    with atomic_path(path) as tmp:
        return run_isolated(render_pdf, s, str(tmp))
