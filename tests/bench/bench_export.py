"""Export speed on the samples: every summary format, the annotated PDF, the
bundle (export and import into a second library), the REFI-QDA project,
reading an annotated PDF's annotations back into a second library.

Two registers: the test fixture's (6 recommendations, 5 responses, 13
annotations) and a dense one with 1,000 more annotations (500
recommendation-response pairs spread over the report and the reply). Each
figure is the median of 3 runs, in seconds, wall clock, including the child
process for the PDF formats.
"""
from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from storage.types import Link, Stance
from tests.bench import median_time


def _time(fn, runs: int = 3) -> float:
    return median_time(fn, runs)


def _densify(lib, linked, n_pairs: int) -> None:
    from dataclasses import replace

    from app.domain import new_id
    from storage import records

    rec_src = records.get_annotation(lib.db, linked.recs["1b"])
    resp_src = records.get_annotation(lib.db, linked.responses[2][1])
    with lib.write():
        for i in range(n_pairs):
            stamp = f"2026-11-21T10:{i // 60 % 60:02d}:{i % 60:02d}.000Z"
            rec = replace(rec_src, id=new_id(), label=f"{i // 10 + 3}{'abcdefghij'[i % 10]}",
                          created=stamp, modified=stamp)
            resp = replace(resp_src, id=new_id(), created=stamp, modified=stamp, tag_ids=())
            for row in (rec, resp):
                records.insert_annotation(lib.db, row)
            records.insert_link(lib.db, Link(
                id=new_id(), recommendation_id=rec.id, response_id=resp.id,
                stance=Stance(("accepted", "partial", "rejected", "noted")[i % 4]), assessment=f"Oordeel {i}",
                author="Bench", created=stamp, modified=stamp,
            ))


def run() -> list[dict]:
    from app.export import FORMATS, export_summary
    from app.export.annotated_pdf import export_annotated_pdf
    from app.export.bundle import export_bundle
    from app.export.bundle_merge import import_bundle
    from app.export.foreign import import_annotations
    from app.export.qdpx import export_qdpx
    from app.importer import import_files
    from app.library import Library
    from tests.conftest import SAMPLES
    from tests.export.conftest import build_linked

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        template = base / "template"
        lib = Library.open(template)
        import_files(lib, [SAMPLES])
        lib.close()
        for name, extra in (("fixture", 0), ("dense", 500)):
            root = base / name
            shutil.copytree(template, root)
            lib = Library.open(root)
            linked = build_linked(lib)
            if extra:
                _densify(lib, linked, extra)
            out = base / f"out-{name}"
            out.mkdir()
            for fmt in FORMATS:
                seconds = _time(lambda: export_summary(lib, out / f"summary.{fmt}"))
                figures.append({"bench": "export", "metric": f"summary_{fmt}_{name}", "unit": "s",
                                "median": round(seconds, 3)})
            seconds = _time(lambda: export_annotated_pdf(lib, linked.report.id, out / "annotated.pdf"))
            figures.append({"bench": "export", "metric": f"annotated_pdf_{name}", "unit": "s",
                            "median": round(seconds, 3)})
            bundle = out / "bundle.jsonld"
            seconds = _time(lambda: export_bundle(lib, bundle))
            figures.append({"bench": "export", "metric": f"bundle_export_{name}", "unit": "s",
                            "median": round(seconds, 3), "bytes": bundle.stat().st_size})
            seconds = _time(lambda: export_qdpx(lib, out / "project.qdpx"))
            figures.append({"bench": "export", "metric": f"qdpx_{name}", "unit": "s", "median": round(seconds, 3)})
            lib.close()
            times = []
            for i in range(3):
                other_root = base / f"{name}-other{i}"
                shutil.copytree(template, other_root)
                other = Library.open(other_root)
                start = time.perf_counter()
                import_bundle(other, bundle)
                times.append(time.perf_counter() - start)
                other.close()
            figures.append({"bench": "export", "metric": f"bundle_import_{name}", "unit": "s",
                            "median": round(statistics.median(times), 3)})
            # Reading an annotated PDF back (child process, matching by text, merge).
            times = []
            for i in range(3):
                other_root = base / f"{name}-pdf{i}"
                shutil.copytree(template, other_root)
                other = Library.open(other_root)
                start = time.perf_counter()
                import_annotations(other, out / "annotated.pdf")
                times.append(time.perf_counter() - start)
                other.close()
            figures.append({"bench": "export", "metric": f"pdf_annotations_import_{name}", "unit": "s",
                            "median": round(statistics.median(times), 3)})
    return figures
