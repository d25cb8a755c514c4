"""Starting the window from the command line (Qt is imported only here, lazily)."""
from __future__ import annotations


def start_gui(library: str | None) -> int:
    from ui.application import run

    return run(library)
