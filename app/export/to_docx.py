"""The summary as a Word document (python-docx), for Word and LibreOffice.

Every string passes ``xml_safe`` first: a control character from a PDF
would otherwise make python-docx refuse the whole document.
"""
from __future__ import annotations

from pathlib import Path

from app.export.atomic import atomic_path
from app.export.summary import NO_TAG, Passage, Summary
from app.export.text import KIND_LABELS, display, stance_label


def t(text: object) -> str:
    return display(str(text))


def write_docx(s: Summary, path: Path) -> None:
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    doc.core_properties.title = t(f"Summary of {s.library}")
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
        para.add_run(t(text) or "(area without text)")

    def meta(text: str) -> None:
        para = doc.add_paragraph()
        run = para.add_run(t(text))
        run.font.color.rgb = RGBColor(0x44, 0x44, 0x44)

    def where(p: Passage) -> str:
        return f"{p.document_title}, page {p.page}"

    heading(t(f"Summary of {s.library}"), 0)
    meta(f"Date: {s.generated}")
    meta("Reviewers: " + ", ".join(s.reviewers))
    for f in s.filters:
        meta(f"Filter: {f}")

    heading("Documents", 1)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("Title", "Kind", "File", "Pages")):
        cell.text = head
    for d in s.documents:
        cells = table.add_row().cells
        cells[0].text = t(d.title)
        cells[1].text = KIND_LABELS.get(d.kind, d.kind)
        cells[2].text = t(d.file_name)
        cells[3].text = str(d.pages)

    heading("Recommendations", 1)
    if not s.recommendations:
        doc.add_paragraph("No recommendations match.")
    for rec in s.recommendations:
        p = rec.passage
        heading(t(f"Recommendation {p.label or '(no label)'}"), 2)
        quote(p.quote)
        meta(f"Source: {where(p)}")
        if p.tags:
            meta("Tags: " + ", ".join(p.tags))
        if p.note:
            meta(f"Note: {p.note}")
        if not rec.has_response:
            explicit = [r for r in rec.responses if r.passage is None]
            line = "No response."
            if explicit and explicit[0].assessment:
                line += f" Assessment: {explicit[0].assessment}"
            doc.add_paragraph().add_run(t(line)).italic = True
            continue
        for r in rec.answered:
            rp = r.passage
            assert rp is not None
            para = styled(bullet_id)
            para.add_run("Stance: ")
            para.add_run(stance_label(r.stance)).bold = True
            quote(rp.quote)
            meta(f"Source: {where(rp)}")
            if r.assessment:
                meta(f"Assessment: {r.assessment}")

    heading("Coverage", 1)
    cov = doc.add_table(rows=1, cols=2)
    cov.style = "Table Grid"
    cov.rows[0].cells[0].text = "Stance"
    cov.rows[0].cells[1].text = "Recommendation-response pairs"
    for stance, n in s.coverage().items():
        cells = cov.add_row().cells
        cells[0].text = stance_label(stance)
        cells[1].text = str(n)
    doc.add_paragraph(
        f"{len(s.recommendations)} recommendation(s), {len(s.without_response)} without a response."
    )

    heading("Other annotations", 1)
    if not s.other_groups:
        doc.add_paragraph("None.")
    for g in s.other_groups:
        heading("Without tag" if g.tag == NO_TAG else t(f"Tag: {g.tag}"), 2)
        for p in g.passages:
            label = f", {p.label}" if p.label else ""
            meta(f"{where(p)} ({p.role}{label})")
            quote(p.quote)
            if p.note:
                meta(f"Note: {p.note}")

    with atomic_path(path) as tmp:
        doc.save(str(tmp))
