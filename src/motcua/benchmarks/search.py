"""Procedure search on the national catalogue: top-1 / top-5 hit rate and latency
p50/p95 on the shared evaluation set (questions as written and with diacritics
stripped), on SQLite and PostgreSQL, beside a plain BM25 over procedure names
measured in the same run. Half the set (even positions) was used while
developing, the other half never: both halves are printed."""

from __future__ import annotations

import json

from motcua.benchmarks.harness import Figure, Report, fresh_database, motcua, postgres_available
from motcua.search.evaluation import shared_data


def run(report: Report) -> None:
    folder = shared_data() / "national-catalogue"
    if not folder.is_dir():
        report.section("search")
        report.note(f"NATIONAL CATALOGUE NOT FOUND at {folder}: search benchmark skipped")
        return
    kinds = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    for kind in kinds:
        report.section(f"search on the national catalogue ({kind})")
        with fresh_database(kind) as env:
            motcua("import-catalogue", str(folder), env=env)
            figures = json.loads(motcua("manage", "search_eval", env=env, capture=True))
        report.note(
            f"{figures['unanswerable']} question(s) name a code missing from the catalogue (counted as misses)"
        )
        for form in ("written", "stripped"):
            for half in ("all", "dev", "held_out"):
                ours, base = figures[f"ours.{form}.{half}"], figures[f"baseline.{form}.{half}"]
                label = f"{form}, {half} ({ours['cases']})"
                report.add(
                    Figure(f"top-1 {label}", ours["top1"] * 100, "%", base["top1"] * 100, "BM25 names")
                )
                report.add(
                    Figure(f"top-5 {label}", ours["top5"] * 100, "%", base["top5"] * 100, "BM25 names")
                )
            ours, base = figures[f"ours.{form}.all"], figures[f"baseline.{form}.all"]
            report.add(
                Figure(f"latency p50 {form}", ours["p50_ms"], "ms", base["p50_ms"], "BM25 names", False)
            )
            report.add(
                Figure(f"latency p95 {form}", ours["p95_ms"], "ms", base["p95_ms"], "BM25 names", False)
            )
