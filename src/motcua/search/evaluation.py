"""Measure the search on questions written as citizens say them (``motcua bench search``).

Each case is a question and the national code of the right procedure. The
figures: share of questions whose right procedure comes first (top-1) and
among the first five (top-5), and the latency of one search, for the
questions as written and with every diacritic stripped — beside a plain BM25
over the procedures' names (folded the same way, so it is a fair baseline),
measured on the same catalogue in the same run.
"""

from __future__ import annotations

import itertools
import json
import math
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from motcua.catalogue.models import Procedure
from motcua.core.text import fold
from motcua.search.grouping import group
from motcua.search.selectors import current_index, search_procedures, unfinished
from motcua.search.text import tokens
from motcua.search.weights import DEFAULT_WEIGHTS, TUNABLE, Weights


def shared_data() -> Path:
    """The shared data folder: $MOTCUA_SHARED_DATA, else shared/data above the repository, else /work."""
    import os

    if os.environ.get("MOTCUA_SHARED_DATA"):
        return Path(os.environ["MOTCUA_SHARED_DATA"])
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path("/work/shared/data")


class NameBM25:
    """Okapi BM25 (k1 = 1.2, b = 0.75) over the procedures' names only: the baseline."""

    def __init__(self, names: dict[int, str]):
        self.docs = {pk: tokens(name) for pk, name in names.items()}
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for pk, words in self.docs.items():
            for word, count in Counter(words).items():
                self.postings.setdefault(word, []).append((pk, count))
        self.size = len(self.docs)
        self.average = sum(map(len, self.docs.values())) / max(1, self.size)

    def search(self, text: str, limit: int = 5) -> list[int]:
        scores: dict[int, float] = {}
        for word in set(tokens(text)):
            posting = self.postings.get(word, [])
            idf = math.log(1 + (self.size - len(posting) + 0.5) / (len(posting) + 0.5))
            for pk, count in posting:
                norm = count * 2.2 / (count + 1.2 * (0.25 + 0.75 * len(self.docs[pk]) / self.average))
                scores[pk] = scores.get(pk, 0.0) + idf * norm
        return sorted(scores, key=lambda pk: -scores[pk])[:limit]


def _percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return (
        ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")
    )


def _hits(grouped, expected: set[int]) -> tuple[bool, bool]:
    """(first, among the first five): an expected procedure is the result shown or one of
    its variants (the same name published again), as a person reading the list finds it."""
    found = [(pk, variants) for pk, _, variants in grouped[:5]]
    where = [i for i, (pk, variants) in enumerate(found) if pk in expected or expected & set(variants)]
    return bool(where and where[0] == 0), bool(where)


def expected_codes(case: dict) -> list[str]:
    """The acceptable codes of a case: ``expected_procedure_codes`` (several where versions or
    levels of one procedure are all right) or the single ``expected_procedure_code``."""
    return list(case.get("expected_procedure_codes") or [case["expected_procedure_code"]])


def _half(case: dict, i: int) -> str:
    """The case's half: its ``half`` ("tune" / "held_out", a whole field at a time), else by position."""
    return {"tune": "dev"}.get(case.get("half", ""), case.get("half")) or (
        "dev" if i % 2 == 0 else "held_out"
    )


def _figures(rows: list[tuple], keep) -> dict:
    chosen = [r for r in rows if keep(r)]
    n = len(chosen) or 1
    latencies = [r["ms"] for r in chosen if r.get("ms") is not None]
    cpu = [r["cpu"] for r in chosen if r.get("cpu") is not None]
    return {
        "cases": len(chosen),
        "top1": sum(r["top1"] for r in chosen) / n,
        "top5": sum(r["top5"] for r in chosen) / n,
        "p50_ms": _percentile(latencies, 50),
        "p95_ms": _percentile(latencies, 95),
        # CPU time of the process: what a search costs, whatever else the machine runs
        "cpu_p50_ms": _percentile(cpu, 50),
        "cpu_p95_ms": _percentile(cpu, 95),
    }


def weight_grid() -> list[Weights]:
    names = list(TUNABLE)
    return [
        replace(DEFAULT_WEIGHTS, **dict(zip(names, values, strict=True)))
        for values in itertools.product(*(TUNABLE[name] for name in names))
    ]


def _objective(rows) -> float:
    return sum(r["top1"] + 0.5 * r["top5"] for r in rows)


def evaluate(cases: list[dict], *, lodo: bool = True) -> dict:
    """Figures per engine (``ours``, ``baseline``), per form (``written``, ``stripped``), per half,
    per life event (``_domain``), and leave-one-domain-out (``lodo``): the tunable weights
    chosen on four life events, measured on the fifth."""
    codes = dict(Procedure.objects.filter(is_active=True).values_list("pk", "code"))
    by_code = {code: pk for pk, code in codes.items()}
    baseline = NameBM25(dict(Procedure.objects.filter(is_active=True).values_list("pk", "name")))
    index = current_index()  # loaded once, as a running server keeps it
    for case in cases[:20]:  # warm up, as a running server is
        search_procedures(case["user_need"], limit=5)
    figures: dict = {}
    prepared: dict[str, list] = {}
    for form in ("written", "stripped"):
        ours, base, strict = [], [], []
        prepared[form] = []
        for i, case in enumerate(cases):
            text = fold(case["user_need"]) if form == "stripped" else case["user_need"]
            expected = {by_code[code] for code in expected_codes(case) if code in by_code}
            domain, half = case.get("_domain", ""), _half(case, i)
            start, cpu = time.perf_counter(), time.process_time()
            result = search_procedures(text, limit=5)
            elapsed = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu) * 1000
            grouped = list(
                zip(
                    result.ids, result.scores, [result.variants.get(pk, []) for pk in result.ids], strict=True
                )
            )
            top1, top5 = _hits(grouped, expected)
            ours.append(
                {
                    "i": i,
                    "domain": domain,
                    "half": half,
                    "top1": top1,
                    "top5": top5,
                    "ms": elapsed,
                    "cpu": cpu,
                }
            )
            strict.append(
                {
                    "i": i,
                    "domain": domain,
                    "half": half,
                    "top1": bool(expected & set(result.ids[:1])),
                    "top5": bool(expected & set(result.ids[:5])),
                    "ms": None,
                }
            )
            start = time.perf_counter()
            found = baseline.search(text)
            elapsed = (time.perf_counter() - start) * 1000
            base.append(
                {
                    "i": i,
                    "domain": domain,
                    "half": half,
                    "top1": bool(expected & set(found[:1])),
                    "top5": bool(expected & set(found)),
                    "ms": elapsed,
                }
            )
            question = index.question(text)
            prepared[form].append((i, domain, expected, question, _candidates(index, text, question), half))
        for engine, rows in (("ours", ours), ("baseline", base), ("strict", strict)):
            for half, keep in (
                ("all", lambda r: True),
                ("dev", lambda r: r["half"] == "dev"),
                ("held_out", lambda r: r["half"] == "held_out"),
            ):
                figures[f"{engine}.{form}.{half}"] = _figures(rows, keep)
            for domain in sorted({r["domain"] for r in rows}):
                figures[f"{engine}.{form}.domain.{domain}"] = _figures(
                    rows, lambda r, d=domain: r["domain"] == d
                )
    if lodo:
        figures.update(leave_one_domain_out(index, prepared))
    if any(case.get("half") for case in cases):
        figures.update(tuned_on_half(index, prepared))
    figures["unanswerable"] = sum(
        1 for case in cases if not any(code in by_code for code in expected_codes(case))
    )
    return figures


def _candidates(index, text, question) -> list[int]:
    return index.candidates(question, prefix=unfinished(index, text)) if question.words else []


def _rows_for(index, prepared, weights: Weights) -> list[dict]:
    rows = []
    for i, domain, expected, question, candidates, half in prepared:
        grouped = group(index, index.rank(question, candidates, weights=weights))
        top1, top5 = _hits(grouped, expected)
        rows.append({"i": i, "domain": domain, "half": half, "top1": top1, "top5": top5})
    return rows


def tuned_on_half(index, prepared: dict[str, list]) -> dict:
    """The tunable weights chosen on the tuning half's fields (as written), measured on the
    held-out half's fields, as written and stripped."""
    grid = weight_grid()
    tune = [p for p in prepared["written"] if p[5] == "dev"]
    scores = [_objective(_rows_for(index, tune, weights)) for weights in grid]
    best = grid[max(range(len(grid)), key=lambda k: (scores[k], -k))]
    out: dict = {"tuned.choice": {name: getattr(best, name) for name in TUNABLE}}
    for form in ("written", "stripped"):
        held = [p for p in prepared[form] if p[5] == "held_out"]
        out[f"tuned.{form}.held_out"] = _figures(_rows_for(index, held, best), lambda r: True)
    return out


def leave_one_domain_out(index, prepared: dict[str, list]) -> dict:
    """For each life event: the weights of ``weight_grid()`` that do best on the other four
    (questions as written), measured on this one, as written and stripped. The chosen
    weights are reported too, and the weights the whole set would choose."""
    grid = weight_grid()
    written = [_rows_for(index, prepared["written"], weights) for weights in grid]
    domains = sorted({row["domain"] for row in written[0]})
    out: dict = {}
    measured: dict[str, list] = {"written": [], "stripped": []}
    choices = {}
    for domain in domains:
        scores = [_objective([r for r in rows if r["domain"] != domain]) for rows in written]
        best = max(range(len(grid)), key=lambda k: (scores[k], -k))
        choices[domain] = {name: getattr(grid[best], name) for name in TUNABLE}
        measured["written"] += [r for r in written[best] if r["domain"] == domain]
        stripped = _rows_for(index, [p for p in prepared["stripped"] if p[1] == domain], grid[best])
        measured["stripped"] += stripped
    for form, rows in measured.items():
        out[f"lodo.{form}"] = _figures(rows, lambda r: True)
        for domain in domains:
            out[f"lodo.{form}.domain.{domain}"] = _figures(rows, lambda r, d=domain: r["domain"] == d)
    whole = max(range(len(grid)), key=lambda k: (_objective(written[k]), -k))
    out["lodo.choices"] = choices
    out["whole_set_choice"] = {name: getattr(grid[whole], name) for name in TUNABLE}
    out["defaults"] = {name: getattr(DEFAULT_WEIGHTS, name) for name in TUNABLE}
    return out


# Our own second development set: life events in thirty fields outside the evaluation set's
# five, written from how people talk about each field and labelled by searching the catalogue
# (several codes where versions or levels of one procedure are all right), split by field.
LIFE_EVENTS = Path(__file__).with_name("tests") / "life_events.json"


def load_cases(path: Path | str | None = None) -> list[dict]:
    """A set of cases: a file, ``life-events`` (ours), or by default the shared evaluation set."""
    if path == "life-events":
        path = LIFE_EVENTS
    path = path or shared_data() / "eval" / "intake-cases.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))
