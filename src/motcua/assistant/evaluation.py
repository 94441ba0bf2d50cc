"""How honest the assistant is (``motcua manage assistant_eval``, run by ``motcua bench search``):
the share of on-topic questions it answers (a procedure, or a choice between close ones) beside
the share of off-topic questions it refuses, as written and without diacritics.

On-topic: the evaluation set's questions, and the two halves of our own set of life events in
other fields (``search/tests/life_events.json``). Off-topic: fifty questions (``off_topic.txt``)
sixty more written in the second round (``off_topic_more.txt``) and sixty in the fourth
(``off_topic_third.txt``). ``confidence.WEIGHTS`` are fitted (``fit``) on the evaluation set, our
tuning half, the fifty and the fourth round's sixty; the held-out half and the second round's
sixty are only measured. A sweep shows what other thresholds would give.
"""

from __future__ import annotations

import math
from pathlib import Path

from motcua.assistant import confidence
from motcua.assistant.answers import _tie, ask, judge
from motcua.core.text import fold
from motcua.search.evaluation import load_cases
from motcua.search.selectors import search_procedures

OFF_TOPIC = Path(__file__).with_name("tests") / "off_topic.txt"
OFF_TOPIC_MORE = Path(__file__).with_name("tests") / "off_topic_more.txt"
OFF_TOPIC_THIRD = Path(__file__).with_name("tests") / "off_topic_third.txt"
THRESHOLDS = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0)
FITTED_ON = ("evaluation set", "life events, tuning half", "off-topic", "off-topic, third")


def off_topic_questions(path: Path = OFF_TOPIC) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def question_sets(cases: list[dict] | None = None) -> dict[str, tuple[bool, list[str]]]:
    """Name → (on topic, questions)."""
    life = load_cases("life-events")
    return {
        "evaluation set": (True, [case["user_need"] for case in (cases or load_cases())]),
        "life events, tuning half": (True, [c["user_need"] for c in life if c["half"] == "tune"]),
        "life events, held-out half": (True, [c["user_need"] for c in life if c["half"] == "held_out"]),
        "off-topic": (False, off_topic_questions(OFF_TOPIC)),
        "off-topic, more": (False, off_topic_questions(OFF_TOPIC_MORE)),
        "off-topic, third": (False, off_topic_questions(OFF_TOPIC_THIRD)),
    }


def _answered(question: str) -> bool:
    return ask(question).kind in ("answer", "clarify")


def _measured(question: str) -> confidence.Measures | None:
    """What the question is weighed on, or None where the assistant refuses before searching."""
    reading = confidence.read(question)
    if reading.kind != "question":
        return None
    result = search_procedures(reading.text, limit=3)
    return judge(reading.text, result, tied=_tie(result.scores))


def evaluate(cases: list[dict] | None = None, *, sweep: bool = True) -> dict:
    sets = question_sets(cases)
    figures: dict = {"threshold": confidence.THRESHOLD, "weights": confidence.WEIGHTS, "sets": {}}
    measured: dict[str, list] = {}
    for name, (on_topic, questions) in sets.items():
        row = {"on_topic": on_topic, "questions": len(questions)}
        for form, change in (("written", str), ("stripped", fold)):
            answered = [_answered(change(q)) for q in questions]
            share = sum(answered) / len(answered)
            row[form] = share if on_topic else 1 - share  # answered, or refused
        figures["sets"][name] = row
        measured[name] = [_measured(q) for q in questions] + [_measured(fold(q)) for q in questions]
    if sweep:
        rates = {}
        for threshold in THRESHOLDS:
            rates[str(threshold)] = {name: _rate(measured[name], sets[name][0], threshold) for name in sets}
        figures["sweep"] = rates
    return figures


def _rate(measures, on_topic: bool, threshold: float) -> float:
    passed = sum(1 for m in measures if m is not None and confidence.confident(m, threshold))
    share = passed / len(measures)
    return share if on_topic else 1 - share


def fit(cases: list[dict] | None = None, rounds: int = 5000) -> dict[str, float]:
    """Logistic weights of ``confidence.Measures`` on the sets of ``FITTED_ON``, both forms,
    each class weighing half (there are more on-topic questions)."""
    sets = question_sets(cases)
    rows = []
    for name in FITTED_ON:
        on_topic, questions = sets[name]
        for question in questions + [fold(q) for q in questions]:
            m = _measured(question)
            if m is not None:
                rows.append(
                    (
                        [1.0, m.confidence, min(m.score, confidence.SCORE_CAP), m.pairs, float(m.synonyms)],
                        on_topic,
                    )
                )
    positive = sum(1 for _, y in rows if y)
    weigh = {True: len(rows) / (2 * positive), False: len(rows) / (2 * (len(rows) - positive))}
    w = [0.0] * 5
    for _ in range(rounds):
        gradient = [0.0] * 5
        for x, y in rows:
            z = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))
            error = weigh[y] * (1 / (1 + math.exp(-z)) - y)
            for i in range(5):
                gradient[i] += error * x[i]
        w = [a - 0.1 * g / len(rows) for a, g in zip(w, gradient, strict=True)]
    return dict(
        zip(("bias", "confidence", "score", "pairs", "synonyms"), (round(a, 2) for a in w), strict=True)
    )
