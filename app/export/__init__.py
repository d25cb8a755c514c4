"""Export and exchange use cases: summaries, annotated PDFs, bundles, REFI-QDA.

Each export reads the library, writes one file atomically (temporary file in
the target folder, fsync, rename) and returns an ``ExportResult``. Importing
a bundle is the one use case here that changes the library
(``app.export.bundle.import_bundle``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from app.domain import UserError
from app.library import Library

if TYPE_CHECKING:
    from app.export.summary import Summary

FORMATS = ("md", "html", "pdf", "docx", "csv", "xlsx")

ProgressFn = Callable[[int, int, str], None]


def no_progress(done: int, total: int, text: str = "") -> None:
    pass


@dataclass
class ExportResult:
    path: Path
    kind: str
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        parts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"wrote {self.path} ({parts})" if parts else f"wrote {self.path}"


def format_for(path: Path | str, fmt: str | None = None) -> str:
    """The summary format named, or guessed from the file name's extension."""
    if fmt:
        fmt = fmt.lower().lstrip(".")
    else:
        fmt = Path(path).suffix.lower().lstrip(".")
        fmt = {"markdown": "md", "htm": "html"}.get(fmt, fmt)
    if fmt not in FORMATS:
        raise UserError(f"unknown summary format '{fmt}'; choose one of {', '.join(FORMATS)}")
    return fmt


def export_summary(
    lib: Library,
    path: Path | str,
    *,
    fmt: str | None = None,
    docs: Iterable[str] = (),
    tags: Iterable[str] = (),
    roles: Iterable[str] = (),
    language: str = "en",
    progress: ProgressFn = no_progress,
) -> ExportResult:
    """Write the annotated summary in ``fmt`` (md, html, pdf, docx, csv, xlsx),
    with headings and labels in ``language`` ("en" or "nl"; see
    ``app.export.i18n``; CSV and XLSX columns stay the same in both)."""
    from app.export.summary import build_summary

    start = time.perf_counter()
    path = Path(path).expanduser()
    fmt = format_for(path, fmt)
    progress(0, 2, "reading the library")
    summary = build_summary(lib, docs=docs, tags=tags, roles=roles, language=language)
    progress(1, 2, f"writing {fmt.upper()}")
    write: Callable[[Summary, Path], object]
    if fmt == "md":
        from app.export.to_md import write_md as write
    elif fmt == "html":
        from app.export.to_html import write_html as write
    elif fmt == "pdf":
        from app.export.to_pdf import write_pdf as write
    elif fmt == "docx":
        from app.export.to_docx import write_docx as write
    elif fmt == "csv":
        from app.export.to_table import write_csv as write
    else:
        from app.export.to_table import write_xlsx as write
    write(summary, path)
    progress(2, 2, "done")
    return ExportResult(
        path,
        f"summary ({fmt})",
        time.perf_counter() - start,
        {
            "recommendations": len(summary.recommendations),
            "pairs": len(summary.pairs()),
            "other annotations": len({p.id for g in summary.other_groups for p in g.passages}),
        },
    )
