"""Run every benchmark module and print one JSON line per figure (medians)."""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import traceback

import tests.bench


def main(argv: list[str]) -> int:
    only = set(argv)
    status = 0
    for info in sorted(pkgutil.iter_modules(tests.bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        if only and info.name not in only and info.name[6:] not in only:
            continue
        module = importlib.import_module(f"tests.bench.{info.name}")
        try:
            for figure in module.run():
                print(json.dumps(figure, ensure_ascii=False), flush=True)
        except Exception:  # noqa: BLE001 - one failing bench must not hide the others
            traceback.print_exc()
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
