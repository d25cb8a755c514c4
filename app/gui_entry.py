"""Starting the window from the command line (Qt is imported only here, lazily)."""
from __future__ import annotations

import os
import sys


def no_screen() -> bool:
    """On Linux without X11 or Wayland, Qt would abort with a cryptic message."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def start_gui(library: str | None) -> int:
    if no_screen():
        print(
            "kanttekening: there is no screen to open the window on (no DISPLAY or "
            "WAYLAND_DISPLAY). Use a command instead: kanttekening --help",
            file=sys.stderr,
        )
        return 1
    try:
        from ui.application import run
    except Exception as exc:  # noqa: BLE001 - e.g. a system library Qt needs is missing
        from app.errors import explain

        print(
            f"kanttekening: the window cannot start: {explain(exc).message}. "
            "The commands work without it: kanttekening --help",
            file=sys.stderr,
        )
        return 1
    return run(library)
