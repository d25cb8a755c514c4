"""``kanttekening ocr DOC``: recognise the text of a document's scanned pages."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import print_json
from app.library import Library
from app.ocr import LANGUAGES
from app.ocr_service import OcrReport, recognise_document, write_layered_pdf
from app.terminal import ProgressBar


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ocr",
        help="recognise the text of scanned pages (Tesseract)",
        description=(
            "Recognise the text of the pages that have no text layer, so they can be "
            "searched, selected and annotated. The document's language is used unless "
            "--language is given (which also becomes the document's language)."
        ),
    )
    p.add_argument("doc", metavar="DOC", help="id, unique id prefix or file name")
    p.add_argument("--language", choices=sorted(LANGUAGES), help="the language of the text")
    p.add_argument("--force", action="store_true", help="recognise pages again that were recognised before")
    p.add_argument("--output", metavar="FILE", help="also write the PDF with its invisible text layer to FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ocr)


def report_json(r: OcrReport) -> dict:
    return {
        "document": r.document_id,
        "title": r.title,
        "language": r.language,
        "pages_wanted": r.wanted,
        "recognised": r.recognised,
        "unreadable": r.unreadable,
        "confidence": r.confidence,
        "cancelled": r.cancelled,
        "seconds": round(r.seconds, 2),
        "message": r.message,
        "pages": [
            {"page": p.page_no, "state": p.state, "confidence": p.confidence, "characters": len(p.text)}
            for p in r.pages
        ],
    }


def print_report(r: OcrReport) -> None:
    if r.message:
        print(f"{r.title}: {r.message}")
        return
    conf = f", confidence {r.confidence:.0f} %" if r.confidence is not None else ""
    line = f"{r.title}: text recognised on {len(r.recognised)} of {r.wanted} page(s){conf}"
    if r.unreadable:
        line += f"; unreadable: page(s) {', '.join(map(str, r.unreadable))}"
    if r.cancelled:
        line += " (stopped early; run it again to continue)"
    print(line)


def cmd_ocr(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    bar = ProgressBar("Recognising text")
    try:
        report = recognise_document(
            lib, doc.id, language=args.language, force=args.force,
            progress=lambda done, total, note: bar.update(done, total, note),
        )
    finally:
        bar.finish()
    if args.output:
        write_layered_pdf(lib, doc.id, Path(args.output))
    if args.json:
        print_json(report_json(report))
    else:
        print_report(report)
        if args.output:
            print(f"written {args.output}")
    missing = bool(report.message) and report.wanted > 0
    if missing:
        print(f"kanttekening: {report.message}", file=sys.stderr)
    return 1 if missing else 0
