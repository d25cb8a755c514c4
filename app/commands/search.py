"""Search commands: search, reindex."""
from __future__ import annotations

import argparse
import sys

from app import search_service
from app.cli import print_json
from app.domain import UserError
from app.library import Library
from app.terminal import ProgressBar
from search import IndexBusy, IndexUnavailable

BUSY_WAIT = 10.0  # seconds to wait for another process writing the index


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


def _say(message: str) -> None:
    print(f"kanttekening: {message}", file=sys.stderr)


def _bring_up_to_date(lib: Library) -> None:
    """Catch the index up before answering; rebuild it when it cannot be
    trusted (said in one line). Another process writing the index is waited
    for a while, and said; so is answering from an index left behind."""
    status = search_service.index_status(lib, verify=True)
    if status.usable:
        try:
            try:
                search_service.sync_index(lib, timeout=0)
            except IndexBusy:
                _say(f"another process is updating the search index; waiting up to {BUSY_WAIT:g} s")
                search_service.sync_index(lib, timeout=BUSY_WAIT)
            return
        except IndexBusy:
            behind = search_service.index_status(lib)
            _say(
                "the search index is still being updated by another process: these results "
                f"may miss the latest {max(1, behind.library_seq - behind.index_seq)} change(s)"
            )
            return
        except IndexUnavailable as exc:
            status = search_service.IndexStatus("damaged", str(exc))
    if status.state == "missing":
        _say("building the search index (there is none yet)")
    else:
        _say(f"the search index cannot be used ({status.detail}); rebuilding it")
    search_service.retire_index(lib)
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
    if outcome.notice:
        _say(outcome.notice)
    if args.json:
        print_json([h.as_json() for h in outcome.hits])  # [] without hits
        return 0
    for h in outcome.hits:
        where = f"p. {h.page}"
        what = "" if h.kind == "page" else f" [{h.role}{': ' + h.label if h.label else ''}]"
        if h.ocr_confidence is not None:
            what += f" (recognised text, {h.ocr_confidence:.0f} %)"
        print(f"{h.document[:8]}  {where:>7}{what}  {h.title}")
        print(f"          {h.snippet}")
        if h.note:
            print(f"          note: {h.note_snippet or h.note}")
    return 0


def cmd_reindex(args: argparse.Namespace, lib: Library) -> int:
    bar = ProgressBar("Indexing")
    count = search_service.rebuild_index(lib, progress=lambda done, total: bar.update(done, total, ""))
    bar.finish()
    print(f"search index rebuilt: {count} pages and annotations")
    return 0
