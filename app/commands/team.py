"""Team commands: join a team folder, sync, status, agreement, agree, whoami."""
from __future__ import annotations

import argparse

from app.annotations import resolve_annotation
from app.cli import print_json
from app.domain import STANCE_LABELS, STANCES
from app.library import Library
from app.team import agreed as agreed_uc
from app.team import identity, sync as team_sync
from app.team.agreement import agreement


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("team", help="review with a team through a shared folder or a git repository")
    tsub = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    j = tsub.add_parser("join", help="join this library to a team folder (a shared folder or a git clone)")
    j.add_argument("dir", metavar="DIR")
    j.add_argument("--json", action="store_true")
    j.set_defaults(func=cmd_join)

    s = tsub.add_parser("sync", help="share your work and merge what teammates wrote")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_sync)

    st = tsub.add_parser("status", help="the team folder, teammates, what is not merged yet")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_status)

    a = tsub.add_parser("agreement", help="how far the reviewers agree (kappa, alpha, disagreements)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_agreement)

    g = tsub.add_parser("agree", help="record the team's agreed judgement of a recommendation")
    g.add_argument("rec", metavar="REC", help="the recommendation: its label (1a), id or unique id prefix")
    g.add_argument("--stance", required=True, choices=STANCES)
    g.add_argument("--note", default="", metavar="TEXT", help="the agreed assessment")
    g.add_argument("--by", default="", metavar="NAMES", help="who agreed (default: you)")
    g.set_defaults(func=cmd_agree)

    w = tsub.add_parser("whoami", help="show or set your reviewer name and short id")
    w.add_argument("--name", metavar="NAME")
    w.add_argument("--id", dest="short_id", metavar="ID")
    w.set_defaults(func=cmd_whoami)


def cmd_join(args: argparse.Namespace, lib: Library) -> int:
    report = team_sync.join(lib, args.dir)
    if args.json:
        print_json({"folder": str(report.folder), "reviewer_id": report.reviewer_id,
                    "teammates": [{"id": i, "name": n} for i, n in report.teammates],
                    "sync": report.sync.to_json()})
        return 0
    print(f"joined {report.folder} as {lib.reviewer} ({report.reviewer_id})")
    if report.teammates:
        print("teammates: " + ", ".join(f"{n} ({i})" for i, n in report.teammates))
    for line in report.sync.lines()[1:]:
        print(line)
    return 0


def cmd_sync(args: argparse.Namespace, lib: Library) -> int:
    report = team_sync.sync(lib)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0


def cmd_status(args: argparse.Namespace, lib: Library) -> int:
    st = team_sync.status(lib)
    if args.json:
        print_json(st)
        return 0
    me = st["reviewer"]
    print(f"you: {me['name']} ({me['id'] or 'no id yet'})")
    if st["folder"] is None:
        print("not in a team; join one with: kanttekening team join DIR")
        return 0
    kind = "git repository" if st.get("git") else "shared folder"
    print(f"team folder: {st['folder']} ({kind}{'' if st.get('reachable') else ', not reachable now'})")
    print(f"last sync: {st['last_sync'] or 'never'}")
    for t in st.get("teammates", []):
        print(f"  {t['name']} ({t['id']}): {t['files']} file(s)")
    if st.get("not_merged_yet"):
        print(f"{len(st['not_merged_yet'])} file(s) not merged yet: run 'kanttekening team sync'")
    for c in st.get("conflict_copies", []):
        print(f"conflict copy: {c}")
    if st.get("uncommitted"):
        print(f"{st['uncommitted']} of your file(s) not committed yet")
    return 0


def _fmt(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def cmd_agreement(args: argparse.Namespace, lib: Library) -> int:
    data = agreement(lib)
    if args.json:
        print_json(data)
        return 0
    if not data["units"]:
        print("no recommendation has been judged by two or more reviewers yet")
        return 0
    print(f"{data['units']} recommendation(s) judged by two or more of "
          + ", ".join(r["name"] for r in data["reviewers"]))
    print(f"plain agreement {data['agreement'] * 100:.1f}%  "
          f"Krippendorff's alpha nominal {_fmt(data['alpha_nominal'])}, ordinal {_fmt(data['alpha_ordinal'])}")
    for p in data["pairs"]:
        print(f"  {p['names'][0]} / {p['names'][1]}: {p['units']} in common, "
              f"agreement {p['agreement'] * 100:.1f}%, Cohen's kappa {_fmt(p['kappa'])}")
    if data["disagreements"]:
        print("where reviewers differ (furthest apart first):")
    for d in data["disagreements"]:
        who = ", ".join(f"{j['name']}: {STANCE_LABELS[j['stance']]}" for j in d["judgements"])
        agreed = f"  -> agreed: {STANCE_LABELS[d['agreed']]}" if d["agreed"] else ""
        print(f"  {d['recommendation_id'][:8]} {d['label'] or '-':6} p.{d['page']:<4} {who}{agreed}")
    return 0


def cmd_agree(args: argparse.Namespace, lib: Library) -> int:
    rec = resolve_annotation(lib, args.rec)
    agreed_uc.record_agreed(lib, rec.id, args.stance, args.note, args.by)
    print(f"agreed: {rec.label or rec.id[:8]} is {STANCE_LABELS[args.stance]}; "
          "'kanttekening team sync' shares it")
    return 0


def cmd_whoami(args: argparse.Namespace, lib: Library) -> int:
    if args.name or args.short_id:
        identity.set_identity(lib, args.name, args.short_id)
    print(f"{lib.reviewer} ({lib.reviewer_id or 'no id yet: one is chosen when you join a team'})")
    return 0
