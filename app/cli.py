"""The command line: ``kanttekening [--library DIR] [COMMAND] ...``.

Each module in ``app/commands/`` adds its sub-commands through
``register(subparsers)``; a sub-command's ``func(args, lib)`` returns the
exit status. Without a command the window opens.
"""
from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from typing import Any, Sequence

import app.commands
from app import __version__
from app.domain import UserError


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    sys.stdout.write("\n")


def fail(message: str) -> int:
    print(f"kanttekening: {message}", file=sys.stderr)
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kanttekening",
        description=(
            "Review policy documents offline: tag recommendations and responses in "
            "PDFs, link them with a judgement, search and export. "
            "Without a command, the window opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kanttekening {__version__}")
    parser.add_argument(
        "--library",
        metavar="DIR",
        help="the library folder (default: $KANTTEKENING_LIBRARY, else your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(app.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"app.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.gui_entry import start_gui

        return start_gui(args.library)
    from app.library import Library

    try:
        lib = Library.open(args.library)
    except UserError as exc:
        return fail(str(exc))
    try:
        return int(args.func(args, lib) or 0)
    except UserError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        print("\nkanttekening: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        lib.close()
