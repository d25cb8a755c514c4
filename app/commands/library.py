"""Library commands: import, documents, show, edit, check, backup."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app import usecases
from app.cli import print_json
from app.domain import KINDS
from app.importer import import_files
from app.library import Library
from app.terminal import ProgressBar
from storage.types import Document


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import PDF files and folders (recursively)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--password", help="password for encrypted PDFs (never stored)")
    p.add_argument("--kind", choices=KINDS, help="document kind for every imported file")
    p.add_argument("--json", action="store_true", help="print the outcome per file as JSON")
    p.add_argument("--no-ocr", action="store_true", help="do not recognise the text of scanned pages now")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("documents", help="list the documents in the library")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("show", help="show one document: metadata, pages and their text state")
    p.add_argument("doc", metavar="DOC", help="id, unique id prefix or file name")
    p.add_argument("--json", action="store_true")
    p.add_argument("--text", action="store_true", help="also print the text of every page")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("edit", help="change a document's title, kind or language")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--title")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--language", choices=["nl", "en"])
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("remove", help="remove a document and its annotations from the library")
    p.add_argument("doc", metavar="DOC")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser(
        "check", help="check the library: database integrity, schema, files, search index"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check, verify_open=False)  # reports damage itself

    p = sub.add_parser("backup", help="write a verified copy of the database to backups/")
    p.set_defaults(func=cmd_backup)


def cmd_import(args: argparse.Namespace, lib: Library) -> int:
    bar = ProgressBar("Importing")
    report = import_files(
        lib,
        args.paths,
        password=args.password,
        kind=args.kind,
        progress=lambda done, total, path: bar.update(done, total, path.name),
    )
    bar.finish()
    if not args.json:
        # Said before text recognition starts, which can take minutes.
        for o in report.outcomes:
            if o.status == "imported":
                extra = "".join(f" (warning: {w})" for w in o.warnings)
                print(f"imported  {o.path.name}: {o.title} ({o.pages} pages){extra}", flush=True)
            elif o.status == "duplicate":
                print(f"skipped   {o.path.name}: {o.message}", flush=True)
    ocr_reports, ocr_hint = {}, ""
    if not args.no_ocr:
        from app.ocr_service import recognise_imported

        ocr_bar = ProgressBar("Recognising text")
        try:
            done, ocr_hint = recognise_imported(
                lib, [o.document_id for o in report.imported if o.document_id],
                progress=lambda n, total, note: ocr_bar.update(n, total, note),
            )
        finally:
            ocr_bar.finish()
        ocr_reports = {r.document_id: r for r in done}
    if args.json:
        from app.commands.ocr import report_json

        print_json(
            [
                {
                    "path": str(o.path),
                    "status": o.status,
                    "document": o.document_id,
                    "title": o.title,
                    "pages": o.pages,
                    "error": o.code or None,
                    "message": o.message,
                    "warnings": o.warnings,
                    "ocr": report_json(ocr_reports[o.document_id]) if o.document_id in ocr_reports else None,
                }
                for o in report.outcomes
            ]
        )
    else:
        from app.commands.ocr import print_report

        for r in ocr_reports.values():
            print("ocr       ", end="")
            print_report(r)
        for o in report.failed:
            print(f"kanttekening: {o.path}: {o.message}", file=sys.stderr)
        if not report.outcomes:
            print("no PDF files found", file=sys.stderr)
        else:
            print(
                f"{len(report.imported)} imported, {len(report.duplicates)} already present, "
                f"{len(report.failed)} failed"
            )
    if ocr_hint:
        print(f"kanttekening: {ocr_hint}", file=sys.stderr)
    if not report.outcomes:
        return 1
    return 1 if report.failed else 0


def document_json(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "kind": d.kind,
        "language": d.language,
        "author": d.author,
        "file_name": d.file_name,
        "sha256": d.sha256,
        "pages": d.page_count,
        "pages_with_text": d.pages_with_text,
        "annotations": d.annotation_count,
        "imported_at": d.imported_at,
        "repaired": bool(d.repaired),
    }


def cmd_documents(args: argparse.Namespace, lib: Library) -> int:
    docs = usecases.list_documents(lib)
    if args.json:
        print_json([document_json(d) for d in docs])
        return 0
    if not docs:
        print("The library is empty. Import PDFs with: kanttekening import FILE.pdf")
        return 0
    print(f"{'id':8}  {'kind':8}  {'pages':>5}  {'text':>5}  {'notes':>5}  title")
    for d in docs:
        print(
            f"{d.id[:8]}  {d.kind:8}  {d.page_count:>5}  {d.pages_with_text:>5}  "
            f"{d.annotation_count:>5}  {d.title}"
        )
    return 0


def cmd_show(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    pages = usecases.document_pages(lib, doc.id)
    full = next(d for d in usecases.list_documents(lib) if d.id == doc.id)
    if args.json:
        out = document_json(full)
        out["outline"] = json.loads(doc.outline)
        out["pages_detail"] = [
            {
                "page": p.page_no,
                "label": p.label,
                "has_text": bool(p.has_text),
                "characters": len(p.text),
                "ocr": p.ocr or None,
                "ocr_confidence": p.ocr_confidence,
                **({"text": p.text} if args.text else {}),
            }
            for p in pages
        ]
        print_json(out)
        return 0
    print(f"{full.title}")
    print(f"  id        {full.id}")
    print(f"  file      {full.file_name} (sha256 {full.sha256[:16]}…)")
    print(f"  kind      {full.kind}    language {full.language}")
    if full.author:
        print(f"  author    {full.author}")
    print(f"  pages     {full.page_count} ({full.pages_with_text} with text)")
    print(f"  notes     {full.annotation_count} annotation(s)")
    recognised = [p for p in pages if p.ocr == "recognised"]
    if recognised:
        confs = [p.ocr_confidence for p in recognised if p.ocr_confidence is not None]
        mean = f", confidence {sum(confs) / len(confs):.0f} %" if confs else ""
        print(f"  recognised text (OCR) on page(s): {_ranges([p.page_no for p in recognised])}{mean}")
    no_text = [p.page_no for p in pages if not p.has_text]
    if no_text:
        unread = [p.page_no for p in pages if p.ocr == "unreadable"]
        why = "Tesseract could not read them" if unread and len(unread) == len(no_text) else (
            "a scan: run 'kanttekening ocr DOC' to recognise its text")
        print(f"  no text layer on page(s): {_ranges(no_text)} ({why})")
    if full.repaired:
        print("  warning   the file was damaged and repaired when it was imported")
    if args.text:
        for p in pages:
            print(f"\n--- page {p.page_no} ---\n{p.text}")
    return 0


def _ranges(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` as ``"1-3, 5"``."""
    out: list[str] = []
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        out.append(f"{run[0]}" if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(out)


def cmd_edit(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    fields = {k: v for k, v in (("title", args.title), ("kind", args.kind), ("language", args.language)) if v}
    if not fields:
        print("nothing to change: give --title, --kind or --language", file=sys.stderr)
        return 2
    usecases.edit_document(lib, doc.id, **fields)
    print(f"changed {', '.join(fields)} of {doc.file_name}")
    return 0


def cmd_remove(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    usecases.remove_document(lib, doc.id)
    print(f"removed {doc.file_name} ({doc.title})")
    return 0


def cmd_check(args: argparse.Namespace, lib: Library) -> int:
    result = usecases.check_library(lib)
    if args.json:
        print_json(result)
    else:
        for item in result["items"]:
            mark = {"ok": "ok   ", "note": "note ", "problem": "FAIL "}[item["status"]]
            print(f"{mark} {item['what']}: {item['detail']}")
        print("the library is in order" if result["ok"] else "problems found")
    return 0 if result["ok"] else 1


def cmd_backup(args: argparse.Namespace, lib: Library) -> int:
    path = lib.backup(force=True)
    print(f"backup written to {path}")
    return 0
