"""Words of a question and of a procedure, folded the same way for both.

Vietnamese is written in syllables separated by spaces, so a token is a
syllable, folded (no tone marks, đ → d) by ``motcua.core.text.fold``; meaning
lives in pairs of syllables ("khai sinh", "lái xe"), which the ranking uses.
"""

from __future__ import annotations

import re

from motcua.core.text import fold

_TOKEN = re.compile(r"[a-z0-9]+")
_LETTERS = re.compile(r"[^\w]+")

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
# ... and only as typed so ("tôi", or without marks): "tội" (a crime) is not "tôi".
FILLER_AS_TYPED = frozenset({"toi", "tôi", "minh", "mình", "nhe", "nhé", "vay", "vậy", "nhi", "nhỉ"})
# Where a question says it is to be done online, not what: "trên VNeID" is the channel.
CHANNEL_PHRASES = ("tren vneid", "qua vneid", "bang vneid", "tren app vneid", "qua app vneid")


def tokens(text: str) -> list[str]:
    """Folded syllables of a text."""
    return _TOKEN.findall(fold(text))


def question_tokens(text: str) -> list[str]:
    """Folded syllables of a question, without the words around the need."""
    words: list[str] = []
    for chunk in text.lower().split():
        found = tokens(chunk)
        if len(found) == 1 and found[0] in FILLER_WORDS and _LETTERS.sub("", chunk) not in FILLER_AS_TYPED:
            words.append(found[0] + "_")  # "tội" is not the filler "tôi": kept apart from it
        else:
            words.extend(found)
    folded = " " + " ".join(words) + " "
    for phrase in (*FILLER_PHRASES, *CHANNEL_PHRASES):
        folded = folded.replace(f" {phrase} ", " ")
    return [token.rstrip("_") for token in folded.split() if token not in FILLER_WORDS]
