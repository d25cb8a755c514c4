"""restore: bring back a backup of the library's database."""
from __future__ import annotations

import argparse
from pathlib import Path

from app import backups
from app.cli import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "restore",
        help="bring back a backup of the library database (the newest good one unless you choose)",
        description=(
            "Replace the library's database by a verified backup. The database that is "
            "replaced is kept beside it as library.sqlite.damaged-STAMP (or .replaced-STAMP); "
            "stored PDFs and the other backups are not touched."
        ),
    )
    p.add_argument(
        "backup", nargs="?", metavar="BACKUP",
        help="a number from --list, a backup's file name, or the path of a copy kept elsewhere",
    )
    p.add_argument("--list", action="store_true", help="list the backups (newest first) and stop")
    p.add_argument("--json", action="store_true", help="with --list: as JSON")
    p.set_defaults(func=cmd_restore, needs_library=False)


def cmd_restore(args: argparse.Namespace, root: Path) -> int:
    if args.list:
        return _list(root, as_json=args.json)
    done = backups.restore(root, args.backup)
    print(f"restored the backup of {done.backup.when} ({done.contents.describe()})")
    if done.kept_aside is not None:
        print(f"the database it replaced is kept as {done.kept_aside}")
    print("the search index is rebuilt the next time you search or open the window")
    return 0


def _list(root: Path, *, as_json: bool) -> int:
    found = backups.list_backups(root)
    rows = []
    for number, b in enumerate(found, start=1):
        verdict = backups.verify_backup(b)
        rows.append({
            "number": number,
            "file": b.path.name,
            "made": b.made.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "ok": verdict.problem is None,
            "problem": verdict.problem,
            "documents": verdict.contents.documents,
            "annotations": verdict.contents.annotations,
        })
    if as_json:
        print_json(rows)
        return 0
    if not rows:
        print(f"there are no backups in {root / 'backups'}")
        return 1
    for r, b in zip(rows, found):
        state = f"{r['documents']} document(s), {r['annotations']} annotation(s)" if r["ok"] else (
            f"FAILS its check: {r['problem']}")
        print(f"{r['number']:>3}  {b.when}  {state}  {r['file']}")
    print("restore one with: kanttekening restore NUMBER (without a number: the newest good one)")
    return 0
