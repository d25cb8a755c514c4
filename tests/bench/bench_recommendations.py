"""Recommendations on the samples: detection quality and speed, suggestion
quality (top-1 / top-3 hit rate against the gold list read from the reply)
and speed, storing the detected items (anchoring included).

Detection is scored against the report's two printed lists (summary and
chapter 6, 66 items with their labels): a proposal is right when its label
and page match a gold item of the same printing. Times are medians of 5 runs
(storing: 3), in seconds, wall clock.
"""
from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from storage.types import Link, Stance
from tests.bench import median_time


def _time(fn, runs: int = 5) -> float:
    return median_time(fn, runs)


def run() -> list[dict]:
    from app.importer import import_files
    from app.library import Library
    from app.recommendations.apply import apply_proposals, detect_document
    from app.recommendations.suggest import build_ranker, suggest
    from tests.conftest import REPLY, REPORT
    from tests.recommendations import gold

    out: list[dict] = []
    tmp = Path(tempfile.mkdtemp(prefix="kt-bench-rec-"))
    try:
        lib = Library.open(tmp / "lib")
        imported = import_files(lib, [REPORT, REPLY])
        report, reply = (o.document_id for o in imported.imported)
        reply_doc = lib.resolve_document(reply)

        props = detect_document(lib, report)
        expected = [(0, label) for label in gold.SUMMARY_LABELS] + [(1, l) for l in gold.CHAPTER_LABELS]
        got = [(p.block, p.label) for p in props]
        pages_ok = all((p.block == 0 and p.page_no in (12, 13, 14)) or
                       (p.block == 1 and p.page_no in (91, 92, 93)) for p in props)
        right = len(set(got) & set(expected)) if pages_ok else 0
        out.append({"bench": "recommendations.detect", "metric": "precision", "unit": "ratio",
                    "median": round(right / len(got), 3) if got else 0.0, "n": len(got)})
        out.append({"bench": "recommendations.detect", "metric": "recall", "unit": "ratio",
                    "median": round(right / len(expected), 3), "n": len(expected)})
        twins = sum(1 for p in props if p.block == 1 and p.twin is not None)
        out.append({"bench": "recommendations.detect", "metric": "second printing paired",
                    "unit": "ratio", "median": round(twins / len(gold.CHAPTER_LABELS), 3)})
        out.append({"bench": "recommendations.detect", "metric": "time, 94-page report",
                    "unit": "s", "median": round(_time(lambda: detect_document(lib, report)), 4)})

        chosen = [p for p in props if p.accept and p.kind == "item"]
        ranker = build_ranker(lib, [reply_doc])
        top1 = top3 = 0
        for p in chosen:
            cands = ranker.rank(p.text, 3, context=p.context)
            top1 += bool(cands) and gold.is_answer(p.label, cands[0].text)
            top3 += any(gold.is_answer(p.label, c.text) for c in cands)
        out.append({"bench": "recommendations.suggest", "metric": "top-1 hit rate", "unit": "ratio",
                    "median": round(top1 / len(chosen), 3), "n": len(chosen)})
        out.append({"bench": "recommendations.suggest", "metric": "top-3 hit rate", "unit": "ratio",
                    "median": round(top3 / len(chosen), 3), "n": len(chosen)})
        out.append({"bench": "recommendations.suggest", "metric": "rank one recommendation (index built)",
                    "unit": "s", "median": round(_time(lambda: ranker.rank(chosen[0].text, 5)), 5)})

        def store():
            fresh = Library.open(tmp / "lib2")
            try:
                res = apply_proposals(fresh, report, chosen, all_proposals=props)
                assert len(res.created) == len(chosen), res.skipped
            finally:
                fresh.close()
                shutil.rmtree(tmp / "lib2")

        lib.close()
        times = []
        for _ in range(3):
            shutil.copytree(tmp / "lib", tmp / "lib2")
            start = time.perf_counter()
            store()
            times.append(time.perf_counter() - start)
        out.append({"bench": "recommendations.apply", "metric": f"store {len(chosen)} items (anchoring)",
                    "unit": "s", "median": round(statistics.median(times), 3)})

        lib = Library.open(tmp / "lib")
        apply_proposals(lib, report, chosen, all_proposals=props)
        from storage import records

        rec_id = records.list_annotations(lib.db, role="recommendation")[0].id
        out.append({"bench": "recommendations.suggest", "metric": "suggest use case (builds the ranker)",
                    "unit": "s", "median": round(_time(lambda: suggest(lib, rec_id, limit=5)), 4)})

        # A dense register: 500 more recommendations, each answered by its own passage.
        from dataclasses import replace

        from app.domain import Role, new_id
        from app.recommendations.register import register, summary

        rec_src = records.get_annotation(lib.db, rec_id)
        with lib.write():
            for i in range(500):
                stamp = f"2026-11-21T10:{i // 60 % 60:02d}:{i % 60:02d}.000Z"
                rec = replace(rec_src, id=new_id(), label=f"x{i}", created=stamp, modified=stamp,
                              tag_ids=())
                resp = replace(rec, id=new_id(), document_id=reply, role=Role.RESPONSE)
                for row in (rec, resp):
                    records.insert_annotation(lib.db, row)
                records.insert_link(lib.db, Link(id=new_id(), recommendation_id=rec.id,
                                             response_id=resp.id, stance=Stance.PARTIAL,
                                             assessment="", author="bench", created=stamp,
                                             modified=stamp))
        out.append({"bench": "recommendations.register", "metric": "list 530 recommendations with links",
                    "unit": "s", "median": round(_time(lambda: summary(register(lib)), runs=3), 4)})
        lib.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
