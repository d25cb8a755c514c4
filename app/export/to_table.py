"""The summary as a table: one row per recommendation-response pair (CSV, XLSX).

The columns are fixed (``COLUMNS``) so that spreadsheets and scripts built
on an export keep working (new ones are only added at the end: the team's
agreed stance and who agreed). A recommendation without a response has one row
with stance "none" and empty response columns. Quotes are stored exactly as
in the library (not reflowed).
"""
from __future__ import annotations

import csv
from pathlib import Path

from app.export.atomic import atomic_open, atomic_path
from app.export.summary import PairRow, Summary
from app.export.text import csv_safe, xml_safe

COLUMNS = [
    "recommendation_label",
    "recommendation_quote",
    "recommendation_document",
    "recommendation_page",
    "recommendation_tags",
    "recommendation_note",
    "stance",
    "response_quote",
    "response_document",
    "response_page",
    "assessment",
    "assessed_by",
    "recommendation_id",
    "response_id",
    "link_id",
    "agreed_stance",
    "agreed_by",
]


def rows(s: Summary) -> list[list[object]]:
    out = []
    for pair in s.pairs():
        out.append(_row(pair))
    return out


def _row(pair: PairRow) -> list[object]:
    rec, resp = pair.recommendation, pair.response
    rp = resp.passage if resp is not None else None
    return [
        rec.label,
        rec.quote,
        rec.document_title,
        rec.page,
        "; ".join(rec.tags),
        rec.note,
        resp.stance if resp is not None else "none",
        rp.quote if rp else "",
        rp.document_title if rp else "",
        rp.page if rp else "",
        resp.assessment if resp is not None else "",
        resp.author if resp is not None else "",
        rec.id,
        rp.id if rp else "",
        resp.link_id if resp is not None else "",
        pair.agreed.stance if pair.agreed is not None else "",
        pair.agreed.agreed_by if pair.agreed is not None else "",
    ]


def write_csv(s: Summary, path: Path) -> None:
    # UTF-8 with a byte-order mark, so that Excel reads the accents right.
    with atomic_open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows(s):
            writer.writerow([csv_safe(v) for v in row])


def write_xlsx(s: Summary, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Recommendations"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(rows(s), start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = xml_safe(value)
                # openpyxl stores a string that starts with "=" as a formula
                # unless the cell is told it holds text.
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.value = value
    widths = {"recommendation_quote": 60, "response_quote": 60, "assessment": 40}
    for i, name in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = widths.get(name, 16)
    ws.freeze_panes = "A2"
    cov = wb.create_sheet("Coverage")
    cov.append(["stance", "pairs"])
    for stance, n in s.coverage().items():
        cov.append([stance, n])
    with atomic_path(path) as tmp:
        wb.save(tmp)
