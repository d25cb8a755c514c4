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
from pathlib import Path
from typing import Any, Sequence

import app.commands
from app import __version__
from app.errors import explain


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
    """Run one command. Nothing raises out of here: a failure is one line on
    standard error (details of the unexpected in the log file, which it names)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.gui_entry import start_gui

        return start_gui(args.library)
    from app.library import Library, default_library_dir

    root = Path(args.library).expanduser() if args.library else default_library_dir()
    try:
        if not getattr(args, "needs_library", True):
            return int(args.func(args, root) or 0)
        lib = Library.open(root, verify=getattr(args, "verify_open", True))
    except KeyboardInterrupt:
        print("\nkanttekening: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one handler of the command line
        return fail(explain(exc, library=root).message)
    try:
        return int(args.func(args, lib) or 0)
    except KeyboardInterrupt:
        print("\nkanttekening: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the one handler of the command line
        return fail(explain(exc, library=root).message)
    finally:
        try:
            lib.close()
        except Exception as exc:  # noqa: BLE001 - a failed close must not hide the outcome
            explain(exc, library=root)
