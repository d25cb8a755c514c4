"""Search commands: search, reindex."""
from __future__ import annotations

import argparse
import sys

from app import search_service
from app.cli import print_json
from app.domain import UserError
from app.library import Library
from app.terminal import ProgressBar
from search import IndexUnavailable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="search every page and annotation (see docs/search.md for the query language)",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="words, \"phrases\", OR, -word, prefix*, word~, filters")
    p.add_argument("--doc", metavar="DOC", help="only this document (id, id prefix or file name)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)")
    p.add_argument("--sort", choices=search_service.SORTS, default="relevance")
    p.add_argument("--json", action="store_true", help="print the hits as JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index from the library")
    p.set_defaults(func=cmd_reindex)


def _bring_up_to_date(lib: Library) -> None:
    """Catch the index up before answering; rebuild it when it cannot be
    trusted. If another process holds the index, answer from what is there."""
    status = search_service.index_status(lib)
    if status.usable:
        try:
            search_service.sync_index(lib, timeout=10.0)
        except IndexUnavailable:
            pass
        return
    print(f"kanttekening: rebuilding the search index ({status.detail})", file=sys.stderr)
    bar = ProgressBar("Indexing")
    search_service.rebuild_index(lib, progress=lambda done, total: bar.update(done, total, ""))
    bar.finish()


def cmd_search(args: argparse.Namespace, lib: Library) -> int:
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    _bring_up_to_date(lib)
    outcome = search_service.search(
        lib, " ".join(args.query), limit=args.limit, doc=args.doc, sort=args.sort
    )
    if not outcome.hits:
        return 0  # no hits: nothing on standard output
    if args.json:
        print_json([h.as_json() for h in outcome.hits])
        return 0
    for h in outcome.hits:
        where = f"p. {h.page}"
        what = "" if h.kind == "page" else f" [{h.role}{': ' + h.label if h.label else ''}]"
        if h.ocr_confidence is not None:
            what += f" (recognised text, {h.ocr_confidence:.0f} %)"
        print(f"{h.document[:8]}  {where:>7}{what}  {h.title}")
        print(f"          {h.snippet}")
    return 0


def cmd_reindex(args: argparse.Namespace, lib: Library) -> int:
    bar = ProgressBar("Indexing")
    count = search_service.rebuild_index(lib, progress=lambda done, total: bar.update(done, total, ""))
    bar.finish()
    print(f"search index rebuilt: {count} pages and annotations")
    return 0
