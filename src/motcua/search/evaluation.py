"""Measure the search on questions written as citizens say them (``motcua bench search``).

Each case is a question and the national code of the right procedure. The
figures: share of questions whose right procedure comes first (top-1) and
among the first five (top-5), and the latency of one search, for the
questions as written and with every diacritic stripped — beside a plain BM25
over the procedures' names (folded the same way, so it is a fair baseline),
measured on the same catalogue in the same run.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from pathlib import Path

from motcua.catalogue.models import Procedure
from motcua.core.text import fold
from motcua.search.selectors import current_index, search_procedures
from motcua.search.text import tokens


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


def evaluate(cases: list[dict]) -> dict:
    """Figures per engine (``ours``, ``baseline``), per form (``written``, ``stripped``), per half."""
    codes = dict(Procedure.objects.filter(is_active=True).values_list("pk", "code"))
    baseline = NameBM25(dict(Procedure.objects.filter(is_active=True).values_list("pk", "name")))
    current_index()  # loaded once, as a running server keeps it
    for case in cases[:20]:  # warm up, as a running server is
        search_procedures(case["user_need"], limit=5)
    engines = {
        "ours": lambda text: search_procedures(text, limit=5).ids[:5],
        "baseline": baseline.search,
    }
    figures: dict = {}
    for engine, search in engines.items():
        for form in ("written", "stripped"):
            rows = []
            for i, case in enumerate(cases):
                text = fold(case["user_need"]) if form == "stripped" else case["user_need"]
                start = time.perf_counter()
                found = [codes.get(pk) for pk in search(text)]
                elapsed = (time.perf_counter() - start) * 1000
                expected = case["expected_procedure_code"]
                rows.append((i, found[:1] == [expected], expected in found, elapsed))
            for half, chosen in (
                ("all", rows),
                ("dev", [r for r in rows if r[0] % 2 == 0]),
                ("held_out", [r for r in rows if r[0] % 2 == 1]),
            ):
                n = len(chosen)
                latencies = [r[3] for r in chosen]
                figures[f"{engine}.{form}.{half}"] = {
                    "cases": n,
                    "top1": sum(r[1] for r in chosen) / n,
                    "top5": sum(r[2] for r in chosen) / n,
                    "p50_ms": _percentile(latencies, 50),
                    "p95_ms": _percentile(latencies, 95),
                }
    figures["unanswerable"] = sum(
        1 for case in cases if case["expected_procedure_code"] not in codes.values()
    )
    return figures


def load_cases(path: Path | None = None) -> list[dict]:
    path = path or shared_data() / "eval" / "intake-cases.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))
