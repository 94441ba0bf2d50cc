"""Whether the assistant may answer: is the question about the procedure the search put first?

The search always finds something; an honest assistant says when that something
is not what was asked. A question is answered when the first procedure accounts
for enough of it (``Index.confidence``: its words weighted by rarity, found in the
procedure's name, result, target groups or field, or translated by a synonym into
its name) and scores high enough. ``THRESHOLD`` and ``MIN_SCORE`` are measured by
``motcua bench assistant``: the share of the evaluation set's questions answered
beside the share of fifty off-topic questions (``tests/off_topic.txt``) refused.

Before that: markup is not a question ("<script>…", "{{ 7*7 }}"), small talk gets a
greeting, and a word typed with its tone marks must match the catalogue's word with
the same marks ("chuyện cười" is not "cưới", "mặt" is not "mất").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from motcua.core.text import fold
from motcua.search.weights import FUNCTION_WORDS

THRESHOLD = 0.6  # the confidence (share of the question and of the name that match) needed
MIN_SCORE = 0.6  # the search's score of the first procedure, over the rarest word's weight (log(1 + N))

_MARKUP = re.compile(r"<[^>]*>|\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|&[a-z]+;|&#\d+;", re.S)
_SQL = re.compile(
    r"\b(select|insert|update|delete|drop|union)\b.*\b(from|into|table|set|where)\b", re.I | re.S
)
_WORD = re.compile(r"\w+", re.U)

# Things people say to a chat that are not a need (folded, whole message).
SMALL_TALK = frozenset(
    {
        "xin chao",
        "chao",
        "chao ban",
        "chao em",
        "chao anh",
        "chao chi",
        "hello",
        "hi",
        "hey",
        "alo",
        "cam on",
        "cam on nhe",
        "cam on ban",
        "cam on nhieu",
        "thank you",
        "thanks",
        "tam biet",
        "bye",
        "ok",
        "oke",
        "vang",
        "da",
        "ban la ai",
        "ban ten la gi",
        "ban ten gi",
        "ban co khoe khong",
        "ban khoe khong",
        "haha",
        "hahaha",
        "hahahaha",
        "hihi",
        "test",
    }
)


@dataclass
class Judgement:
    kind: str  # "question", "markup", "small_talk", "empty"
    text: str  # what is left to search for


def read(question: str) -> Judgement:
    """Markup and small talk are told apart before any search."""
    had_markup = bool(_MARKUP.search(question) or _SQL.search(question))
    text = _MARKUP.sub(" ", question)
    if _SQL.search(text):
        return Judgement("markup", "")
    folded = " ".join(_WORD.findall(fold(text)))
    if had_markup:
        return Judgement("markup", "")
    if not re.search(r"[a-z]", folded):
        return Judgement("empty", "")
    if folded in SMALL_TALK or re.fullmatch(r"(ha|hi|he|ho)+", folded.replace(" ", "")):
        return Judgement("small_talk", "")
    return Judgement("question", text)


def _has_marks(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word)) or "đ" in word


def accent_mismatch(question: str, names: list[str], phrases: set[str]) -> float:
    """Share of the question's words typed with tone marks whose marks the matched
    procedure does not have ("cười" against "cưới"): such a word only looked the same
    once the marks were removed. ``phrases`` are the accented words of the synonyms."""
    held_folded: set[str] = {fold(word) for word in phrases}
    held: set[str] = set(phrases)
    for name in names:
        words = _WORD.findall(name.lower())
        held.update(words)
        held_folded.update(fold(word) for word in words)
    words = [w for w in _WORD.findall(question.lower()) if len(w) > 1]
    if not words:
        return 0.0
    wrong = sum(
        1
        for w in words
        if _has_marks(w) and fold(w) not in FUNCTION_WORDS and fold(w) in held_folded and w not in held
    )
    return wrong / len(words)


def confident(confidence: float, score: float) -> bool:
    return confidence >= THRESHOLD and score >= MIN_SCORE
