"""Everyday words ↔ the catalogue's legal words, expanded at question time.

People say "bằng lái", the catalogue says "giấy phép lái xe"; "sổ đỏ" is a
"giấy chứng nhận quyền sử dụng đất". ``lexicon.tsv`` is the list a province
starts with, written field by field from the catalogue's names and general
Vietnamese usage (never from a test question); ``motcua migrate`` seeds it into
the admin's ``Synonym`` table, where the administrators keep it up to date. A question that
contains an everyday phrase is searched with the legal phrase added, so the
original words still count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from motcua.search.text import same_word, tokens, typed_tokens

LEXICON = Path(__file__).with_name("lexicon.tsv")
GENERAL = ("chung",)  # the lexicon's "Chung": phrases of every field


@dataclass(frozen=True)
class LexiconEntry:
    field: str  # the field (lĩnh vực) it was written for, or "Chung"
    phrase: str
    meaning: str


def load_lexicon(path: Path = LEXICON) -> list[LexiconEntry]:
    """The versioned lexicon (``lexicon.tsv``): field, everyday phrase, the catalogue's words."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{path.name}:{number}: three tab-separated columns expected")
        if number and parts[0] == "lĩnh vực":  # the header
            continue
        entries.append(LexiconEntry(*(part.strip() for part in parts)))
    return entries


@dataclass(frozen=True)
class Expansion:
    phrase: tuple[str, ...]
    meaning: tuple[str, ...]
    # the phrase as written, with its marks: "xuồng" (a boat) is not "xưởng" (a workshop)
    written: tuple[str, ...] = ()
    # the field (lĩnh vực) it was written for, folded ("" for one of every field, "Chung"):
    # "tiền nước" speaks of water supply, whatever else its words mean
    field: tuple[str, ...] = ()

    def typed_as_written(self, typed: list[str | None]) -> bool:
        """Whether the question's words, as typed, can be this phrase as written."""
        return not self.written or all(map(same_word, typed, self.written))


class Synonyms:
    """The compiled synonyms, looked up by the first word of their phrase (a question
    is checked against the few phrases that start with one of its words, not all)."""

    def __init__(self, expansions: list[Expansion]):
        self.expansions = expansions
        self.by_first: dict[str, list[Expansion]] = {}
        for expansion in expansions:  # longest phrase first, kept in that order per word
            self.by_first.setdefault(expansion.phrase[0], []).append(expansion)

    def __len__(self):
        return len(self.expansions)

    def __iter__(self):
        return iter(self.expansions)


def compile_synonyms(pairs) -> Synonyms:
    """Folded (phrase, meaning) or (phrase, meaning, field) rows, longest phrase first, empty
    ones dropped; each keeps its phrase as written, marks and all, so a question typed with
    other marks does not match."""
    found: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[tuple[str, ...], tuple[str, ...]]] = {}
    for phrase, meaning, *field in pairs:
        words = typed_tokens(phrase)
        key = (tuple(folded for folded, _ in words), tuple(written for _, written in words))
        value = tuple(tokens(meaning))
        field_words = tuple(tokens(field[0] if field else ""))
        if key[0] and value and key[0] != value:
            found.setdefault(key, {}).setdefault(value, () if field_words == GENERAL else field_words)
    out = [
        Expansion(key, value, written, field)
        for (key, written), values in found.items()
        for value, field in values.items()
    ]
    return Synonyms(sorted(out, key=lambda e: -len(e.phrase)))


def expand(
    question: list[str],
    synonyms: Synonyms | list[Expansion],
    *,
    in_catalogue=None,
    typed: list[str | None] | None = None,
) -> list[Expansion]:
    """The synonyms whose everyday phrase the question (folded tokens) contains.

    ``typed`` (the words of a question typed with marks, as typed, one per folded word) keeps
    a phrase from matching words that only fold the same: "xưởng" is not "xuồng", the "sung"
    of "bổ sung" is not "súng"; without it (a question typed without marks, "xuong") either
    may be meant.

    A longer phrase claims its words: in "bằng lái xe" the phrase "bằng lái xe"
    counts, "bằng" (a degree) does not; where two phrases overlap, the longer
    one counts ("lắp điện mặt trời" is "điện mặt trời", not "lắp điện"). ``in_catalogue(words)`` says whether
    four consecutive words are the catalogue's own language: "xe máy" is
    everyday speech for "xe mô tô, xe gắn máy", but in "xe máy chuyên dùng" it
    is a legal term and is left alone.
    """
    if not isinstance(synonyms, Synonyms):
        synonyms = Synonyms(sorted(synonyms, key=lambda e: -len(e.phrase)))
    matches: list[tuple[int, int, Expansion]] = []
    for start, word in enumerate(question):
        for synonym in synonyms.by_first.get(word, ()):
            size = len(synonym.phrase)
            if tuple(question[start : start + size]) != synonym.phrase:
                continue
            if typed is not None and not synonym.typed_as_written(typed[start : start + size]):
                continue
            if in_catalogue and size >= 2:
                # two words of context on either side, as the catalogue's names would have them
                before = tuple(question[max(0, start - 2) : start + size])[-size - 2 :][:4]
                after = tuple(question[start : start + size + 2])[-4:]
                if (len(before) == size + 2 and in_catalogue(before[:4])) or (
                    len(after) == size + 2 and in_catalogue(after)
                ):
                    continue
            matches.append((start, start + size, synonym))
    matches.sort(key=lambda m: -(m[1] - m[0]))
    claimed: list[tuple[int, int]] = []
    added: list[Expansion] = []
    for begin, end, synonym in matches:
        if any(begin < e and b < end and (e - b) > (end - begin) for b, e in claimed):
            continue
        claimed.append((begin, end))
        if all(synonym.meaning != other.meaning for other in added):
            added.append(synonym)
    return added
