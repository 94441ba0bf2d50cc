"""Words of a question and of a procedure, folded the same way for both.

Vietnamese is written in syllables separated by spaces, so a token is a
syllable, folded (no tone marks, đ → d) by ``motcua.core.text.fold``; meaning
lives in pairs of syllables ("khai sinh", "lái xe"), which the ranking uses.
"""

from __future__ import annotations

import re
import unicodedata

from motcua.core.text import fold, tokens

__all__ = [
    "question_tokens",
    "tokens",
    "untyped",
]  # ``tokens`` lives in core.text (documents folds the same way)

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
    # what people write to a chat ("ad ơi, cho em hỏi … ạ")
    "ad oi",
    "admin oi",
    "chi oi",
    "anh oi",
    "em oi",
    "cho em hoi",
    "cho minh hoi",
    "cho chau hoi",
    "em muon hoi",
    "em xin hoi",
    "em hoi",
)
# Single syllables only where folding cannot make them a word of a procedure
# ("can" is both cần and căn of căn cước, so it stays).
FILLER_WORDS = frozenset({"toi", "minh", "nhe", "vay", "nhi"})
# ... and only as typed so ("tôi", or without marks): "tội" (a crime) is not "tôi".
FILLER_AS_TYPED = frozenset({"toi", "tôi", "minh", "mình", "nhe", "nhé", "vay", "vậy", "nhi", "nhỉ"})
# Chat words, dropped only as typed with their marks ("ạ", "ơi"; "a" may be a class of licence).
CHAT_WORDS = frozenset({"ạ", "à", "ơi", "oi", "hả"})
# Where a question says it is to be done online, not what: "trên VNeID" is the channel.
CHANNEL_PHRASES = ("tren vneid", "qua vneid", "bang vneid", "tren app vneid", "qua app vneid")


def typed_tokens(text: str) -> list[tuple[str, str]]:
    """Each syllable of a text as (folded, as typed in lower case with its marks): the marks
    tell words apart that folding makes one ("xưởng" a workshop, "xuồng" a boat)."""
    out: list[tuple[str, str]] = []
    for word in re.findall(r"\w+", unicodedata.normalize("NFC", text.lower())):
        found = tokens(word)
        out.extend([(found[0], word)] if len(found) == 1 else [(f, f) for f in found])
    return out


def same_word(typed: str | None, written: str) -> bool:
    """Whether a syllable of a question typed with marks can be the syllable written (both
    lower case): the same with their marks, or written without any (an abbreviation, a
    loanword). ``None`` is a word whose marks are unknown (the spelling correction chose it)."""
    return typed is None or typed == written or fold(written) == written


def question_tokens(text: str) -> list[str]:
    """Folded syllables of a question, without the words around the need."""
    return [folded for folded, _ in question_words(text)]


def question_words(text: str) -> list[tuple[str, str]]:
    """Syllables of a question as (folded, as typed), without the words around the need."""
    words: list[str] = []
    marked: list[str] = []  # each word as typed, with its marks
    drop: set[int] = set()  # positions of words said to the chat, not about the need
    for chunk in text.lower().split():
        pairs = typed_tokens(chunk)
        found = [folded for folded, _ in pairs]
        typed = _LETTERS.sub("", chunk)
        if typed in CHAT_WORDS and found:
            drop.add(len(words))
        elif len(found) == 1 and found[0] in FILLER_WORDS and typed not in FILLER_AS_TYPED:
            found = [found[0] + "_"]  # "tội" is not the filler "tôi": kept apart from it
        words.extend(found)
        marked.extend(as_typed for _, as_typed in pairs)
    if len(words) > 2 and words[-1] == "a" and words[-2] != "hang":
        drop.add(len(words) - 1)  # "… khai sinh a": the "ạ" closing a message ("hạng A" is a class)
    for phrase in (*FILLER_PHRASES, *CHANNEL_PHRASES):
        size = len(phrase.split())
        for start in range(len(words) - size + 1):
            if " ".join(words[start : start + size]) == phrase:
                drop.update(range(start, start + size))
    return [
        (word.rstrip("_"), as_typed)
        for i, (word, as_typed) in enumerate(zip(words, marked, strict=True))
        if i not in drop and word not in FILLER_WORDS
    ]


_TELEX_TONE = re.compile(r"(?<=[a-z])[sfrxj]$")  # no Vietnamese syllable ends so: a tone typed in Telex
_TELEX_MARKS = (
    ("dd", "d"),
    ("aa", "a"),
    ("aw", "a"),
    ("ee", "e"),
    ("oo", "o"),
    ("ow", "o"),
    ("uw", "u"),
    ("w", "u"),
)
_VNI_MARKS = re.compile(r"(?<=[a-z])[1-9]+")


def untyped(word: str) -> str:
    """A folded word typed in Telex or VNI without the keyboard converting it, as plain letters:
    "ddawng" → "dang", "kys" → "ky", "d9a8ng" → "dang". Only meant for words the catalogue does
    not have (the caller checks the result is one of its words)."""
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        plain = _VNI_MARKS.sub("", word)
        if plain.isalpha():
            return plain
    plain = _TELEX_TONE.sub("", word)
    for typed, letter in _TELEX_MARKS:
        plain = plain.replace(typed, letter)
    return plain
