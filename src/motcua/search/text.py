"""Words of a question and of a procedure, folded the same way for both.

Vietnamese is written in syllables separated by spaces, so a token is a
syllable, folded (no tone marks, đ → d) by ``motcua.core.text.fold``; meaning
lives in pairs of syllables ("khai sinh", "lái xe"), which the ranking uses.
"""

from __future__ import annotations

import re

from motcua.core.text import fold

_TOKEN = re.compile(r"[a-z0-9]+")

# Words people put around their need that say nothing about which procedure:
# removed from a question (longest first), never from a procedure's text.
FILLER_PHRASES = (
    "thi lam thu tuc nao",
    "lam thu tuc gi",
    "thu tuc nao",
    "thu tuc gi",
    "can lam gi",
    "phai lam gi",
    "lam the nao",
    "nhu the nao",
    "o dau",
    "the nao",
    "toi can lam thu tuc",
    "toi muon lam thu tuc",
    "lam thu tuc",
    "thu tuc",
    "toi can",
    "toi muon",
    "toi phai",
    "chung toi",
    "xin hoi",
    "cho hoi",
    "giup toi",
)
# Single syllables only where folding cannot make them a word of a procedure
# ("can" is both cần and căn of căn cước, so it stays).
FILLER_WORDS = frozenset({"toi", "minh", "nhe", "vay", "nhi"})


def tokens(text: str) -> list[str]:
    """Folded syllables of a text."""
    return _TOKEN.findall(fold(text))


def question_tokens(text: str) -> list[str]:
    """Folded syllables of a question, without the words around the need."""
    folded = " " + " ".join(tokens(text)) + " "
    for phrase in FILLER_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    return [token for token in folded.split() if token not in FILLER_WORDS]
