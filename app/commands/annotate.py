"""Annotation commands: annotate, annotations, delete-annotation, tags."""
from __future__ import annotations

import argparse
from typing import Any

from app import annotations as uc
from app.anchoring import find_quote
from app.cli import print_json
from app.domain import ROLES
from app.library import Library
from app.tags import TagNode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "annotate",
        help="annotate a passage by quoting it (whitespace, line breaks and hyphenation do not matter)",
    )
    p.add_argument("doc", metavar="DOC", help="id, unique id prefix or file name")
    p.add_argument("--page", type=int, required=True, metavar="N", help="page number (from 1)")
    p.add_argument("--quote", required=True, help="the exact text of the passage")
    p.add_argument("--role", choices=ROLES, default="comment")
    p.add_argument("--label", default="", help="a label such as 1a")
    p.add_argument("--tag", action="append", default=[], metavar="T",
                   help="a tag (repeatable; 'Parent/Child' for a sub-tag; new names create tags)")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print the annotation as JSON")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("annotations", help="list annotations")
    p.add_argument("doc", nargs="?", metavar="DOC", help="only this document")
    p.add_argument("--role", choices=ROLES)
    p.add_argument("--tag", metavar="T", help="only annotations with this tag (or a sub-tag)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("delete-annotation", help="delete an annotation (and its links)")
    p.add_argument("id", metavar="ID", help="annotation id or unique prefix")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "reanchor",
        help="move the annotations of a document to its new edition, found again by their quotes",
    )
    p.add_argument("old", metavar="OLD", help="the document the annotations are on now")
    p.add_argument("new", metavar="NEW", help="the new edition (imported already)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reanchor)

    p = sub.add_parser("tags", help="list the codebook: tags with how often they are used")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tags)


def cmd_annotate(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    anchor = find_quote(lib.stored_file(doc), args.page, args.quote)
    ann_id, _ = uc.create_annotation(
        lib, doc.id, page_no=anchor.page_no, rects=anchor.rects, quote=anchor.quote,
        prefix=anchor.prefix, suffix=anchor.suffix, role=args.role, label=args.label,
        note=args.note, tags=args.tag,
    )
    if args.json:
        print_json(uc.annotation_json(uc.get_annotation(lib, ann_id)))
    else:
        print(ann_id)
    return 0


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_annotations(args: argparse.Namespace, lib: Library) -> int:
    doc_id = lib.resolve_document(args.doc).id if args.doc else None
    rows = uc.list_annotations(lib, doc_id, role=args.role, tag=args.tag)
    if args.json:
        print_json([uc.annotation_json(r) for r in rows])
        return 0
    for r in rows:
        label = f" [{r.label}]" if r.label else ""
        tags = f"  #{' #'.join(r.tags)}" if r.tags else ""
        orphan = " (orphaned)" if r.orphaned else ""
        print(f"{r.id[:8]}  p.{r.page_no:<4} {r.role:<14}{label}{orphan} "
              f"“{_short(r.quote)}”{tags}")
    if not rows:
        print("no annotations")
    return 0


def cmd_delete(args: argparse.Namespace, lib: Library) -> int:
    row = uc.resolve_annotation(lib, args.id)
    snapshot, _ = uc.delete_annotation(lib, row.id)
    links = len(snapshot["links"])
    print(f"deleted {row.id}" + (f" and {links} link(s)" if links else ""))
    return 0


def cmd_reanchor(args: argparse.Namespace, lib: Library) -> int:
    old = lib.resolve_document(args.old)
    new = lib.resolve_document(args.new)
    outcome, _ = uc.move_to_edition(lib, old.id, new.id)
    if args.json:
        print_json(outcome)
        return 0
    print(f"{len(outcome['exact'])} placed by their exact quote, {len(outcome['fuzzy'])} by a "
          f"close match, {len(outcome['orphaned'])} orphaned")
    for ann_id in outcome["orphaned"]:
        row = uc.get_annotation(lib, ann_id)
        print(f"orphaned  {ann_id[:8]}  p.{row.page_no}  “{_short(row.quote)}”")
    return 0


def _tag_json(node: TagNode) -> dict[str, Any]:
    return {
        "id": node.id, "name": node.name, "path": node.path, "color": node.color,
        "description": node.description, "usage": node.usage, "total": node.total,
        "children": [_tag_json(c) for c in node.children],
    }


def cmd_tags(args: argparse.Namespace, lib: Library) -> int:
    tree = uc.list_tags(lib)
    if args.json:
        print_json([_tag_json(n) for n in tree])
        return 0

    def show(node: TagNode, depth: int) -> None:
        print(f"{'  ' * depth}{node.name}  ({node.usage}"
              + (f", {node.total} with sub-tags" if node.children else "") + ")")
        for child in node.children:
            show(child, depth + 1)

    for root in tree:
        show(root, 0)
    if not tree:
        print("no tags")
    return 0
