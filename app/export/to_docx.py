"""The summary as a Word document (python-docx), for Word and LibreOffice.

Every string passes ``xml_safe`` first: a control character from a PDF
would otherwise make python-docx refuse the whole document.
"""
from __future__ import annotations

from pathlib import Path

from app.export.atomic import atomic_path
from app.export.i18n import catalogue
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import display

_LANGUAGE_TAGS = {"nl": "nl-NL"}


def _set_language(doc: object, tag: str) -> None:
    """Mark the document and its Normal style (which every paragraph here
    inherits) as ``tag``, so that Word and LibreOffice check the spelling of
    the Dutch headings as Dutch."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.core_properties.language = tag  # type: ignore[attr-defined]
    rpr = doc.styles["Normal"].element.get_or_add_rPr()  # type: ignore[attr-defined]
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    rpr.append(lang)


def t(text: object) -> str:
    return display(str(text))


def write_docx(s: Summary, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt, RGBColor

    w = catalogue(s.language)
    doc = Document()
    doc.core_properties.title = t(w.summary_of.format(s.library))
    if w.language != "en":  # English keeps the template's own language (en-US)
        _set_language(doc, _LANGUAGE_TAGS[w.language])
    doc.core_properties.author = t(", ".join(s.reviewers))
    doc.styles["Normal"].font.size = Pt(10.5)
    # python-docx resolves a style by scanning every style on each use, which
    # makes long registers slow; set the style id on the paragraph instead.
    quote_id, bullet_id = doc.styles["Quote"].style_id, doc.styles["List Bullet"].style_id

    heading_ids = {level: doc.styles["Title" if level == 0 else f"Heading {level}"].style_id for level in (0, 1, 2)}

    def styled(style_id: str):
        para = doc.add_paragraph()
        para._p.style = style_id
        return para

    def heading(text: str, level: int) -> None:
        styled(heading_ids[level]).add_run(text)

    def quote(text: str) -> None:
        para = styled(quote_id)
        para.add_run(t(text) or w.area_without_text)

    def meta(text: str) -> None:
        para = doc.add_paragraph()
        run = para.add_run(t(text))
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)

    def where(p: Passage) -> str:
        return w.where.format(p.document_title, p.page)

    heading(t(w.summary_of.format(s.library)), 0)
    meta(f"{w.date}: {s.generated}")
    meta(f"{w.reviewers}: " + ", ".join(s.reviewers))
    for f in s.filters:
        meta(f"{w.filter}: {f}")

    heading(w.documents, 1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, (w.title, w.kind, w.file, w.pages)):
        cell.text = head
    for d in s.documents:
        cells = table.add_row().cells
        cells[0].text = t(d.title)
        cells[1].text = w.kind_name(d.kind)
        cells[2].text = t(d.file_name)
        cells[3].text = str(d.pages)

    heading(w.recommendations, 1)
    if not s.recommendations:
        doc.add_paragraph(w.no_recommendations)
    for rec in s.recommendations:
        p = rec.passage
        heading(t(w.recommendation.format(p.label or w.no_label)), 2)
        quote(p.quote)
        meta(f"{w.source}: {where(p)}")
        if p.tags:
            meta(f"{w.tags}: " + ", ".join(p.tags))
        if p.note:
            meta(f"{w.note}: {p.note}")
        if p.remarks:
            meta(f"{w.remarks}: {' '.join(p.remarks)}")
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            line = w.no_response
            if explicit and explicit[0].assessment:
                line += f" {w.assessment}: {explicit[0].assessment}"
            doc.add_paragraph().add_run(t(line)).italic = True
            continue
        for r in rec.answered:
            rp = r.passage
            assert rp is not None
            para = styled(bullet_id)
            para.add_run(f"{w.stance}: ")
            para.add_run(w.stance_name(r.stance)).bold = True
            quote(rp.quote)
            meta(f"{w.source}: {where(rp)}")
            if r.assessment:
                meta(f"{w.assessment}: {r.assessment}")

    heading(w.coverage, 1)
    cov = doc.add_table(rows=1, cols=2)
    cov.style = "Table Grid"
    cov.rows[0].cells[0].text = w.stance
    cov.rows[0].cells[1].text = w.pairs
    for stance, n in s.coverage().items():
        cells = cov.add_row().cells
        cells[0].text = w.stance_name(stance)
        cells[1].text = str(n)
    doc.add_paragraph(w.totals.format(len(s.recommendations), len(s.without_response)))

    heading(w.other, 1)
    if not s.other_groups:
        doc.add_paragraph(w.none)
    for g in s.other_groups:
        heading(w.without_tag if g.tag == NO_TAG else t(w.tag.format(g.tag)), 2)
        for p in g.passages:
            label = f", {p.label}" if p.label else ""
            meta(f"{where(p)} ({w.role_name(p.role)}{label})")
            quote(p.quote)
            if p.note:
                meta(f"{w.note}: {p.note}")

    with atomic_path(path) as tmp:
        doc.save(str(tmp))
