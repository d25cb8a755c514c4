"""Recommendation commands: detect, list, suggest; link and unlink."""
from __future__ import annotations

import argparse
from typing import Any

from app.annotations import resolve_annotation
from app.cli import print_json
from app.domain import STANCE_LABELS, STANCES, UserError
from app.library import Library
from app.recommendations import apply as detection
from app.recommendations import register as reg
from app.recommendations.register import RegisterEntry
from app.recommendations import suggest as sug


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("recommendations", help="the register of recommendations and their responses")
    rsub = p.add_subparsers(dest="rec_command", metavar="ACTION", required=True)

    d = rsub.add_parser("detect", help="propose the numbered recommendations of a report")
    d.add_argument("doc", metavar="DOC", help="document id, id prefix or file name")
    d.add_argument("--json", action="store_true")
    d.add_argument("--apply", action="store_true",
                   help="store the proposed items as recommendation annotations")
    d.add_argument("--keep-duplicates", action="store_true",
                   help="with --apply, also store the second printing of items printed twice")
    d.set_defaults(func=cmd_detect)

    l = rsub.add_parser("list", help="print the register with responses and stances")
    l.add_argument("--doc", metavar="DOC", help="only the recommendations of this document")
    l.add_argument("--json", action="store_true")
    l.set_defaults(func=cmd_list)

    s = rsub.add_parser("suggest", help="rank passages that may answer a recommendation")
    s.add_argument("rec", metavar="REC", help="the recommendation: its label (1a), id or unique id prefix")
    s.add_argument("--in", dest="in_doc", metavar="DOC", help="look only in this document")
    s.add_argument("--limit", type=int, default=5, metavar="N")
    s.add_argument("--json", action="store_true")
    s.add_argument("--link", type=int, metavar="RANK",
                   help="store candidate RANK (1 = best) as a response passage and link it")
    s.add_argument("--stance", choices=STANCES,
                   help="with --link: the stance (default: the suggested one)")
    s.set_defaults(func=cmd_suggest)

    k = sub.add_parser("link", help="link a response passage to a recommendation, with a stance")
    k.add_argument("response", metavar="RESPONSE_ANNOTATION",
                   help="annotation id; 'none' records that the recommendation got no response")
    k.add_argument("rec", metavar="REC_ANNOTATION")
    k.add_argument("--stance", required=True, choices=STANCES)
    k.add_argument("--note", default="", metavar="TEXT", help="your assessment")
    k.add_argument("--json", action="store_true")
    k.set_defaults(func=cmd_link)

    u = sub.add_parser("unlink", help="remove the link between a response and a recommendation")
    u.add_argument("response", metavar="RESPONSE_ANNOTATION", help="annotation id, or 'none'")
    u.add_argument("rec", metavar="REC_ANNOTATION")
    u.set_defaults(func=cmd_unlink)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_detect(args: argparse.Namespace, lib: Library) -> int:
    doc = lib.resolve_document(args.doc)
    props = detection.detect_document(lib, doc.id)
    chosen = [p for p in props if p.kind == "item" and (p.accept or args.keep_duplicates)]
    result = None
    if args.apply:
        result = detection.apply_proposals(lib, doc.id, chosen, all_proposals=props)
    if args.json:
        out: dict = {"document": doc.id, "items": [p.to_json(i) for i, p in enumerate(props)]}
        if result is not None:
            out["created"] = result.created
            out["skipped"] = [{"label": lab, "reason": why} for lab, why in result.skipped]
        print_json(out)
        return 0
    if not props:
        print("no numbered recommendations found")
        return 0
    for p in props:
        mark = "+" if (p.kind == "item" and (p.accept or args.keep_duplicates)) else "-"
        extra = f"  ({p.reason})" if p.reason else ""
        print(f"{mark} {p.label:8} p.{p.page_no:<4} {_short(p.text)}{extra}")
    items = [p for p in props if p.kind == "item"]
    twins = sum(1 for p in items if p.twin is not None and not p.accept)
    print(f"{len(items)} item(s) in {len({p.block for p in props})} list(s); "
          f"{twins} printed a second time; {len(chosen)} to store ('+')")
    if result is not None:
        print(f"stored {len(result.created)} recommendation(s)")
        for label, why in result.skipped:
            print(f"  skipped {label}: {why}")
    elif chosen:
        print("store them with --apply")
    return 0


def cmd_list(args: argparse.Namespace, lib: Library) -> int:
    doc_id = lib.resolve_document(args.doc).id if args.doc else None
    entries = reg.register(lib, document_id=doc_id)
    if args.json:
        print_json({"summary": reg.summary(entries), "recommendations": [_entry_json(e) for e in entries]})
        return 0
    if not entries:
        print("no recommendations yet; find them with: kanttekening recommendations detect DOC")
        return 0
    for e in entries:
        stance = STANCE_LABELS.get(e.stance, "no response yet")
        print(f"{e.id[:8]}  {e.label or '-':8} p.{e.page_no:<4} [{stance}] {_short(e.quote, 80)}")
        for l in e.links:
            r = l.response
            where = f"{r.document[:40]} p.{r.page_no}" if r else "(no response)"
            print(f"          -> {l.stance:9} {where}: {_short(r.quote, 60) if r else ''}")
            if l.assessment:
                print(f"             {_short(l.assessment, 90)}")
    s = reg.summary(entries)
    counts = ", ".join(f"{k} {v}" for k, v in s["per_stance"].items() if v)
    print(f"{s['recommendations']} recommendation(s); {counts or 'nothing linked'}; "
          f"no response yet {s['no_response_yet']}; coverage {s['covered']}/{s['recommendations']}")
    return 0


def _entry_json(e: RegisterEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "label": e.label,
        "document": e.document_id,
        "document_title": e.document,
        "page": e.page_no,
        "text": e.quote,
        "tags": list(e.tags),
        "note": e.note,
        "stance": e.stance or None,
        "agreed": None if e.agreed is None else {
            k: e.agreed[k] for k in ("stance", "assessment", "agreed_by", "agreed_at", "recorded_by")
        },
        "covered": e.covered,
        "responses": [
            {
                "link": l.id,
                "stance": l.stance,
                "assessment": l.assessment,
                "author": l.author,
                "author_id": l.link.author_id,
                "modified": l.modified,
                "response": None if l.response is None else {
                    "id": l.response.id,
                    "document": l.response.document_id,
                    "page": l.response.page_no,
                    "text": l.response.quote,
                },
            }
            for l in e.links
        ],
    }


def cmd_suggest(args: argparse.Namespace, lib: Library) -> int:
    rec = resolve_annotation(lib, args.rec)
    in_doc = lib.resolve_document(args.in_doc).id if args.in_doc else None
    cands = sug.suggest(lib, rec.id, in_doc=in_doc, limit=max(1, args.limit))
    if args.link:
        if not 1 <= args.link <= len(cands):
            raise UserError(f"there are {len(cands)} candidate(s); --link takes 1 to {len(cands)}")
        c = cands[args.link - 1]
        stance = args.stance or c.stance
        if not stance:
            raise UserError("the wording suggests no stance; give one with --stance")
        ann_id, _created, res = detection.link_candidate(lib, rec.id, c, stance)
        print(f"linked response {ann_id[:8]} (page {c.page_no}) to {rec.label or rec.id[:8]} as {stance}")
        return 0
    if args.json:
        print_json([{"rank": i + 1, **c.to_json()} for i, c in enumerate(cands)])
        return 0
    if not cands:
        print("no passage shares words with this recommendation")
        return 0
    for i, c in enumerate(cands, 1):
        hint = f" suggests {c.stance} ('{c.cue}')" if c.stance else ""
        print(f"{i}. {c.document[:50]} p.{c.page_no}  score {c.score:.1f}{hint}")
        print(f"   {_short(c.text, 300)}")
    return 0


def _response_ref(lib: Library, ref: str) -> str | None:
    return None if ref.strip().lower() in ("none", "-") else resolve_annotation(lib, ref).id


def cmd_link(args: argparse.Namespace, lib: Library) -> int:
    rec = resolve_annotation(lib, args.rec)
    response_id = _response_ref(lib, args.response)
    res = reg.link(lib, response_id, rec.id, args.stance, args.note)
    if args.json:
        print_json({"link": res.link_id, "updated": res.previous is not None})
        return 0
    what = "updated" if res.previous is not None else "linked"
    print(f"{what}: {rec.label or rec.id[:8]} <- "
          f"{response_id[:8] if response_id else 'no response'} as {STANCE_LABELS[args.stance]}")
    return 0


def cmd_unlink(args: argparse.Namespace, lib: Library) -> int:
    rec = resolve_annotation(lib, args.rec)
    response_id = _response_ref(lib, args.response)
    row = reg.find_link(lib, response_id, rec.id)
    if row is None:
        raise UserError("those two passages are not linked")
    reg.unlink(lib, row.id)
    print(f"unlinked {response_id[:8] if response_id else 'no response'} from {rec.label or rec.id[:8]}")
    return 0
