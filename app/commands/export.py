"""Export and exchange commands: export summary|pdf|bundle|qdpx, import-bundle, import-annotations."""
from __future__ import annotations

import argparse
import sys

from app.cli import print_json
from app.domain import ROLES
from app.export import FORMATS, ExportResult, export_summary
from app.export.i18n import LANGUAGES, default_language
from app.library import Library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a summary, an annotated PDF, a bundle or a REFI-QDA project")
    what = p.add_subparsers(dest="what", metavar="WHAT", required=True)

    s = what.add_parser("summary", help="the recommendations, responses and annotations as a summary")
    s.add_argument("--format", choices=FORMATS, help="default: from the file name's extension")
    s.add_argument("-o", "--output", required=True, metavar="FILE")
    s.add_argument("--doc", action="append", default=[], metavar="DOC", help="only this document (repeatable)")
    s.add_argument("--tag", action="append", default=[], metavar="TAG", help="only this tag and its sub-tags (repeatable)")
    s.add_argument("--role", action="append", default=[], choices=ROLES, help="only this role (repeatable)")
    s.add_argument("--language", choices=LANGUAGES,
                   help="headings and labels in English or Dutch; default: Dutch unless most of the "
                        "documents shown are English")
    s.add_argument("--json", action="store_true", help="print the outcome as JSON")
    s.set_defaults(func=cmd_summary)

    s = what.add_parser("pdf", help="a copy of a document's PDF with the annotations as PDF annotations")
    s.add_argument("doc", metavar="DOC", help="id, unique id prefix or file name")
    s.add_argument("-o", "--output", required=True, metavar="FILE")
    s.add_argument("--language", choices=LANGUAGES,
                   help="role names in the annotations in English or Dutch; default: the document's language")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_pdf)

    s = what.add_parser("bundle", help="annotations, tags and links as a W3C Web Annotation bundle (JSON-LD)")
    s.add_argument("-o", "--output", required=True, metavar="FILE.jsonld")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_bundle)

    s = what.add_parser("qdpx", help="a REFI-QDA project for QualCoder, ATLAS.ti, NVivo, MAXQDA")
    s.add_argument("-o", "--output", required=True, metavar="FILE.qdpx")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_qdpx)

    p = sub.add_parser("import-bundle", help="merge another reviewer's bundle into this library")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print the merge report as JSON")
    p.set_defaults(func=cmd_import_bundle)

    p = sub.add_parser("import-annotations",
                       help="merge annotations made in another program: the highlights and notes inside a PDF "
                            "(Acrobat, Okular, Zotero, Preview, Kanttekening) or a Hypothesis export (JSON)")
    p.add_argument("file", metavar="FILE", help="an annotated PDF or a Hypothesis JSON export")
    p.add_argument("--doc", metavar="DOC",
                   help="the library document they belong to; default: the one with the same fingerprint or text")
    p.add_argument("--json", action="store_true", help="print the merge report as JSON")
    p.set_defaults(func=cmd_import_annotations)

    p = sub.add_parser("waiting", help="list bundle annotations that wait for documents not in this library")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_waiting)


def _done(args: argparse.Namespace, result: ExportResult) -> int:
    if args.json:
        print_json({"file": str(result.path), "kind": result.kind, "seconds": round(result.seconds, 3),
                    **result.counts})
    else:
        print(result.describe())
    return 0


def cmd_summary(args: argparse.Namespace, lib: Library) -> int:
    language = args.language or _summary_language(lib, args.doc)
    result = export_summary(lib, args.output, fmt=args.format, docs=args.doc, tags=args.tag, roles=args.role,
                            language=language)
    return _done(args, result)


def cmd_pdf(args: argparse.Namespace, lib: Library) -> int:
    from app.export.annotated_pdf import export_annotated_pdf

    language = args.language or default_language([lib.resolve_document(args.doc).language])
    return _done(args, export_annotated_pdf(lib, args.doc, args.output, language=language))


def _summary_language(lib: Library, doc_refs: list[str]) -> str:
    """Dutch unless most of the documents the summary shows (those named with
    --doc, else all) are English."""
    from app.usecases import list_documents

    docs = [lib.resolve_document(ref) for ref in doc_refs] if doc_refs else list_documents(lib)
    return default_language([d.language for d in docs])


def cmd_bundle(args: argparse.Namespace, lib: Library) -> int:
    from app.export.bundle import export_bundle

    return _done(args, export_bundle(lib, args.output))


def cmd_qdpx(args: argparse.Namespace, lib: Library) -> int:
    from app.export.qdpx import export_qdpx

    return _done(args, export_qdpx(lib, args.output))


def cmd_import_bundle(args: argparse.Namespace, lib: Library) -> int:
    from app.export.bundle_merge import import_bundle

    report = import_bundle(lib, args.file)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    if report.conflicts:
        print(f"{len(report.conflicts)} conflict(s): the newer version was kept each time", file=sys.stderr)
    return 0


def cmd_import_annotations(args: argparse.Namespace, lib: Library) -> int:
    from app.export.foreign import import_annotations

    report = import_annotations(lib, args.file, doc_ref=args.doc)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0


def cmd_waiting(args: argparse.Namespace, lib: Library) -> int:
    from app.export.bundle_merge import pending_summary

    waiting = pending_summary(lib)
    if args.json:
        print_json(waiting)
        return 0
    if not waiting:
        print("no annotations are waiting for documents")
        return 0
    for w in waiting:
        print(f"{w['annotations']:>5} annotation(s), {w['links']:>4} link(s) wait for "
              f"{w['document'] or '(unnamed)'} (sha256 {w['sha256'][:16]}…)")
    print("import those PDFs and the annotations are put in place")
    return 0
