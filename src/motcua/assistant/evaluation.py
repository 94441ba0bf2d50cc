"""How honest the assistant is (``motcua bench assistant``): the share of the evaluation
set's questions it answers (a procedure, or a choice between close ones) beside the share
of fifty off-topic questions it refuses, as written and without diacritics, and the
confidence threshold that separates them best."""

from __future__ import annotations

from pathlib import Path

from motcua.assistant import confidence
from motcua.assistant.answers import ask, judge
from motcua.core.text import fold
from motcua.search.selectors import search_procedures

OFF_TOPIC = Path(__file__).with_name("tests") / "off_topic.txt"
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(10))


def off_topic_questions(path: Path = OFF_TOPIC) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _answered(question: str) -> bool:
    return ask(question).kind in ("answer", "clarify")


def _judged(question: str) -> tuple[float, float] | None:
    """(confidence, score), or None where the assistant refuses before searching."""
    reading = confidence.read(question)
    if reading.kind != "question":
        return None
    from motcua.assistant.answers import _tie

    result = search_procedures(reading.text, limit=3)
    return judge(reading.text, result, tied=_tie(result.scores))


def evaluate(cases: list[dict], off_topic: list[str] | None = None, *, sweep: bool = True) -> dict:
    off_topic = off_topic if off_topic is not None else off_topic_questions()
    on_topic = [case["user_need"] for case in cases]
    figures: dict = {}
    for form, change in (("written", str), ("stripped", fold)):
        answered = [_answered(change(q)) for q in on_topic]
        refused = [not _answered(change(q)) for q in off_topic]
        figures[f"{form}.answered"] = sum(answered) / len(answered)
        figures[f"{form}.refused"] = sum(refused) / len(refused)
    figures["threshold"] = confidence.THRESHOLD
    figures["min_score"] = confidence.MIN_SCORE
    if not sweep:
        return figures
    judged_on = [_judged(q) for q in on_topic] + [_judged(fold(q)) for q in on_topic]
    judged_off = [_judged(q) for q in off_topic] + [_judged(fold(q)) for q in off_topic]
    rates = {}
    for threshold in THRESHOLDS:

        def passes(j, t=threshold):
            return j is not None and j[0] >= t and j[1] >= confidence.MIN_SCORE

        rates[str(threshold)] = {
            "answered": sum(map(passes, judged_on)) / len(judged_on),
            "refused": 1 - sum(map(passes, judged_off)) / len(judged_off),
        }
    figures["sweep"] = rates
    return figures
