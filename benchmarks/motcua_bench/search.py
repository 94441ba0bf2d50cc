"""Procedure search on the national catalogue (``motcua bench search``).

On SQLite and PostgreSQL, for the evaluation set's questions as written and with
diacritics stripped: top-1 / top-5 hit rates and latency p50/p95 of one search,
beside a plain BM25 over procedure names measured in the same run — for the whole
set, its two halves (even positions used while developing, odd never looked at),
each life event (``_domain``), and leave-one-domain-out: the tunable weights
chosen looking at four life events, measured on the fifth. A change that helps
the whole set but not leave-one-domain-out is fitting, not improving.

A hit is the expected procedure shown at that rank, or one of the variants listed
under it (the same name published again under another code); "strict" counts only
the procedure shown. Then the assistant: the share of the set's questions it
answers beside the share of fifty off-topic questions it refuses.
"""

from __future__ import annotations

import json

from motcua.search.evaluation import shared_data
from motcua_bench.harness import Figure, Report, fresh_database, motcua, postgres_available


def _pct(value: float) -> float:
    return value * 100


def run(report: Report) -> None:
    folder = shared_data() / "national-catalogue"
    if not folder.is_dir():
        report.section("search")
        report.note(f"NATIONAL CATALOGUE NOT FOUND at {folder}: search benchmark skipped")
        return
    kinds = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    if len(kinds) == 1:
        report.note("!!!!!!!! PostgreSQL not reachable: the PostgreSQL figures are SKIPPED !!!!!!!!")
    for kind in kinds:
        report.section(f"search on the national catalogue ({kind})")
        with fresh_database(kind) as env:
            motcua("import-catalogue", str(folder), env=env)
            figures = json.loads(motcua("manage", "search_eval", env=env, capture=True))
            life = json.loads(motcua("manage", "search_eval", "life-events", env=env, capture=True))
            honesty = json.loads(motcua("manage", "assistant_eval", env=env, capture=True))
            robust = {}
            if kind == "sqlite":  # the search is in memory: the database does not change these
                for name, args in (("evaluation set", ()), ("life events", ("life-events",))):
                    robust[name] = json.loads(
                        motcua("manage", "search_robustness", *args, env=env, capture=True)
                    )
        _search(report, figures)
        report.section(f"our own life events in 30 other fields, split by field ({kind})")
        _life_events(report, life)
        _assistant(report, honesty)
        if robust:
            _robustness(report, robust)


def _top_1_and_5(report: Report, label: str, ours: dict, base: dict) -> None:
    """Top-1 and top-5 of ours beside the plain BM25 over names, on the same questions."""
    for k in ("top1", "top5"):
        report.add(Figure(f"top-{k[-1]} {label}", _pct(ours[k]), "%", _pct(base[k]), "BM25 names"))


def _search(report: Report, figures: dict) -> None:
    report.note(
        f"{figures['unanswerable']} question(s) name a code missing from the catalogue (counted as misses)"
    )
    for form in ("written", "stripped"):
        for half in ("all", "dev", "held_out"):
            ours, base = figures[f"ours.{form}.{half}"], figures[f"baseline.{form}.{half}"]
            _top_1_and_5(report, f"{form}, {half} ({ours['cases']})", ours, base)
        _top_1_and_5(
            report, f"{form}, leave-one-domain-out", figures[f"lodo.{form}"], figures[f"baseline.{form}.all"]
        )
        strict = figures[f"strict.{form}.all"]
        report.note(
            f"{form}: strict (the shown code only) top-1 {_pct(strict['top1']):.1f} %, top-5 {_pct(strict['top5']):.1f} %"
        )
        for key in sorted(k for k in figures if k.startswith(f"lodo.{form}.domain.")):
            domain = key.rsplit(".", 1)[1]
            whole = figures[f"ours.{form}.domain.{domain}"]
            report.note(
                f"  {domain:<24} whole-set weights top-1 {_pct(whole['top1']):5.1f} %"
                f" | held out {_pct(figures[key]['top1']):5.1f} % (top-5 {_pct(figures[key]['top5']):5.1f} %)"
            )
        ours, base = figures[f"ours.{form}.all"], figures[f"baseline.{form}.all"]
        report.add(Figure(f"latency p50 {form}", ours["p50_ms"], "ms", base["p50_ms"], "BM25 names", False))
        report.add(Figure(f"latency p95 {form}", ours["p95_ms"], "ms", base["p95_ms"], "BM25 names", False))
        report.note(
            f"{form}: CPU time of one search p50 {ours['cpu_p50_ms']:.1f} ms, p95 {ours['cpu_p95_ms']:.1f} ms"
        )
    report.note(f"weights chosen per held-out life event: {json.dumps(figures['lodo.choices'])}")
    report.note(f"whole set would choose {figures['whole_set_choice']}; defaults {figures['defaults']}")


def _life_events(report: Report, figures: dict) -> None:
    """Our second development set (search/tests/life_events.json): the half of the fields
    looked at while tuning, the half never looked at, and each field left out in turn."""
    for form in ("written", "stripped"):
        for half, label in (("dev", "tuning half"), ("held_out", "held-out half")):
            ours, base = figures[f"ours.{form}.{half}"], figures[f"baseline.{form}.{half}"]
            _top_1_and_5(report, f"{form}, {label} ({ours['cases']})", ours, base)
        _top_1_and_5(
            report, f"{form}, leave-one-field-out", figures[f"lodo.{form}"], figures[f"baseline.{form}.all"]
        )
        tuned = figures[f"tuned.{form}.held_out"]
        report.note(
            f"{form}: weights chosen on the tuning half, measured on the held-out half: top-1 "
            f"{_pct(tuned['top1']):.1f} %, top-5 {_pct(tuned['top5']):.1f} % (choice {figures['tuned.choice']})"
        )
        ours = figures[f"ours.{form}.all"]
        report.add(
            Figure(
                f"latency p95 {form}",
                ours["p95_ms"],
                "ms",
                figures[f"baseline.{form}.all"]["p95_ms"],
                "BM25 names",
                False,
            )
        )


def _assistant(report: Report, honesty: dict) -> None:
    report.note(f"assistant (threshold {honesty['threshold']}, weights {honesty['weights']}):")
    for name, row in honesty["sets"].items():
        what = "answered" if row["on_topic"] else "refused"
        report.note(
            f"  {name:<28} ({row['questions']:3d}) {what} {_pct(row['written']):5.1f} % as written,"
            f" {_pct(row['stripped']):5.1f} % stripped"
        )
    for threshold, rates in honesty.get("sweep", {}).items():
        report.note(f"  threshold {threshold:>5}: " + " | ".join(f"{_pct(v):.0f}" for v in rates.values()))


def _robustness(report: Report, robust: dict) -> None:
    """``motcua manage search_robustness``: the same questions typed as people type them."""
    report.note("robustness (top-1 / top-5 %; the story: answered / right procedure among the answer %):")
    for name, figures in robust.items():
        cells = [
            f"{form} {_pct(f['top1']):.1f}/{_pct(f['top5']):.1f}"
            for form, f in figures.items()
            if isinstance(f, dict) and "top1" in f
        ]
        story = figures["story (assistant)"]
        cells.append(
            f"{figures['story_length']}-character story {_pct(story['answered']):.1f}/{_pct(story['found']):.1f}"
        )
        report.note(f"  {name}: " + " | ".join(cells))
