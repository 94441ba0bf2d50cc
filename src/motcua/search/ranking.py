"""Relevance ranking, the same on SQLite and PostgreSQL.

The procedures' folded texts are held in memory (5,608 procedures take a few
tens of megabytes) with their postings: candidates are found and ordered here,
so both databases give the same answers at the same speed (PostgreSQL's full
text ranked every matching row, 15–60 ms a question on the shared machine). No library fits: Vietnamese needs syllable pairs, per-field
weights, synonyms and spelling correction against our own vocabulary together,
and the ranking must not depend on which database is behind it.

Score of a procedure for a question (folded syllables, fillers removed):

- BM25F over the fields, the name weighing most (name ≫ results, target
  groups > field > documents, agencies);
- syllable pairs of the question found side by side in the name ("khai sinh",
  "cấp lại"), because Vietnamese words are mostly two syllables;
- how much of the name the question covers, so "Đổi giấy phép lái xe" beats a
  longer name that only contains those words;
- synonyms count as the question's words at a lower weight;
- small priors from the catalogue only: the user's level and province.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from motcua.core.text import fold
from motcua.search import qualifiers
from motcua.search.synonyms import Expansion, Synonyms, expand
from motcua.search.text import question_words, tokens, untyped
from motcua.search.weights import DEFAULT_WEIGHTS, FUNCTION_WORDS, Weights

FIELD_WEIGHTS = {
    "name": 1.0,
    "results": 0.3,
    "targets": 0.2,
    "field": 0.25,
    "documents": 0.08,
    "agencies": 0.1,
}
K1 = 1.2
B = {"name": 0.5, "results": 0.75, "targets": 0.75, "field": 0.3, "documents": 0.75, "agencies": 0.75}
CANDIDATES = 400  # procedures holding the question's rarer words that are ranked at all
PHRASE_CANDIDATES = 100  # procedures holding a synonym's phrase in their name, added to those
PREFIX_WORDS = 20  # words of the catalogue an unfinished last word may be the start of
FULL_SCORE_CANDIDATES = 80  # candidates whose pairs, coverage and priors are weighed
COMMON_SHARE = 0.15  # a word in more than this share of the catalogue does not find candidates
LOCAL_LEVELS = frozenset({"province", "district", "commune"})


@dataclass
class Entry:
    """What the ranking knows of one procedure."""

    id: int
    fields: dict[str, list[str]]
    levels: frozenset[str] = frozenset()
    field_code: str = ""
    agency_codes: frozenset[str] = frozenset()
    online_level: str = "offline"
    issuer: str = ""  # "central" (a ministry), "province" (a province's people's committee) or ""
    pairs: frozenset[tuple[str, str]] = field(default=frozenset())
    counts: dict[str, Counter] = field(default_factory=dict)
    is_active: bool = True
    cases: qualifiers.NameCases | None = None  # the qualifiers its name holds
    padded_name: str = ""  # " dang ky khai sinh ": for finding a phrase in the name
    # the name without the level it is carried out at, "(cấp tỉnh)", "(thực hiện tại cấp trung
    # ương)": the same procedure published for each level is one result (see ``same_name``)
    plain_name: tuple[str, ...] = ()
    # the name without what it says in brackets, "(công trình không theo tuyến/theo tuyến trong đô
    # thị/…)": a list of cases that only details the procedure; how much of the name a question
    # covers is measured on the rest (see ``core_name``)
    core_name: tuple[str, ...] = ()

    def __post_init__(self):
        name = self.fields.get("name", [])
        if name[:2] == ["thu", "tuc"]:  # "Thủ tục đăng ký lại kết hôn": the first two words name nothing
            name = self.fields["name"] = name[2:]
        self.pairs = frozenset(zip(name, name[1:], strict=False))
        core = list(self.core_name) or name
        if core[:2] == ["thu", "tuc"]:
            core = core[2:]
        self.core_name = tuple(core)
        self.counts = {key: Counter(words) for key, words in self.fields.items()}
        self.padded_name = " " + " ".join(name) + " "
        self.cases = qualifiers.name_cases(self.padded_name)

    @property
    def key(self) -> tuple[str, ...]:
        """Procedures published more than once under the same name share this key: the name
        without "Thủ tục" before it and the level in brackets after it."""
        key = self.plain_name or tuple(self.fields.get("name", ()))
        return key[2:] if key[:2] == ("thu", "tuc") else key

    @property
    def field_words(self) -> tuple[str, ...]:
        return tuple(self.fields.get("field", ()))

    @property
    def is_local(self) -> bool:
        return bool(self.agency_codes)


@dataclass
class Question:
    words: list[str]  # folded, fillers removed, spelling corrected
    added: list[tuple[str, ...]]  # legal phrases from synonyms
    corrected: dict[str, str]  # typed → corrected
    replaced: frozenset[str] = frozenset()  # the everyday words a synonym translated
    # each of ``words`` as typed, with its marks (None: chosen by the spelling correction);
    # empty when the question was typed without any marks
    typed: list[str | None] = field(default_factory=list)
    context: frozenset[str] = frozenset()  # words of the purpose ("… để đi xin việc"), not of the need
    context_added: frozenset[tuple[str, ...]] = frozenset()  # what synonyms of those words added
    # the fields (folded) of the everyday phrases of the need: "tiền nước" is about water supply
    fields: frozenset[tuple[str, ...]] = frozenset()

    @property
    def padded(self) -> str:
        """The question's words and the synonyms' words, space-padded, for finding qualifiers."""
        return " " + " ".join([*self.words, "|", *(" ".join(p) + " |" for p in self.added)]) + " "


class Index:
    """The procedures' folded texts and the statistics BM25 needs."""

    def __init__(
        self,
        entries: Iterable[Entry],
        synonyms: Synonyms | list[Expansion] | None = None,
        weights: Weights = DEFAULT_WEIGHTS,
    ):
        self.entries = {entry.id: entry for entry in entries}
        if not isinstance(synonyms, Synonyms):
            synonyms = Synonyms(sorted(synonyms or [], key=lambda e: -len(e.phrase)))
        self.synonyms = synonyms
        self.weights = weights
        self.document_frequency: Counter = Counter()
        self.average_length: dict[str, float] = {}
        totals: Counter = Counter()
        for entry in self.entries.values():
            self.document_frequency.update(set().union(*map(set, entry.fields.values())))
            for key, words in entry.fields.items():
                totals[key] += len(words)
        size = max(1, len(self.entries))
        self.average_length = {key: max(1.0, totals[key] / size) for key in FIELD_WEIGHTS}
        self.size = size
        self._by_deletion: dict[str, list[str]] | None = None
        self._idf: dict[str, float] = {}
        self._name_runs: set[tuple[str, ...]] | None = None
        self._name_pairs: set[tuple[str, str]] | None = None
        self._tf: dict[int, dict[str, float]] = {}
        # Postings (word → procedures holding it, with their BM25F frequency), computed once here,
        # not during someone's search: candidates are found in memory, the same on every database.
        self.postings: dict[str, tuple[list[int], list[float]]] = {}
        for entry in self.entries.values():
            if not entry.is_active:  # a procedure no longer in force is never a candidate
                continue
            for word, tf in self._frequencies(entry).items():
                ids, tfs = self.postings.setdefault(word, ([], []))
                ids.append(entry.id)
                tfs.append(tf)
        self.vocabulary = sorted(self.postings)
        self._name_rarity: dict[int, float] = {}

    def in_names(self, words: tuple[str, ...]) -> bool:
        """Whether four consecutive words appear in some procedure's name."""
        if self._name_runs is None:
            runs = set()
            for entry in self.entries.values():
                name = entry.fields.get("name", [])
                runs.update(zip(name, name[1:], name[2:], name[3:], strict=False))
            self._name_runs = runs
        return words in self._name_runs

    def pairs_in_names(self, question: Question) -> float:
        """Share of the question's syllable pairs that some procedure's name has side by side
        ("giấy phép", "bảo hiểm", "lý lịch"): the language of procedures, whichever one is meant.
        A question about the weather or football has few."""
        if self._name_pairs is None:
            self._name_pairs = set().union(*(entry.pairs for entry in self.entries.values()))
        pairs = list(zip(question.words, question.words[1:], strict=False))
        return sum(1 for pair in pairs if pair in self._name_pairs) / len(pairs) if pairs else 0.0

    def idf(self, word: str) -> float:
        value = self._idf.get(word)
        if value is None:
            df = self.document_frequency.get(word, 0)
            value = self._idf[word] = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
        return value

    # Spelling: a word the catalogue never uses is replaced by the most common one
    # at one edit (deletion on either side, so also substitutions and insertions).
    def _deletions_index(self) -> dict[str, list[str]]:
        if self._by_deletion is None:
            index: dict[str, list[str]] = {}
            for word in self.document_frequency:
                if len(word) >= 3 and not word.isdigit():
                    for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                        index.setdefault(variant, []).append(word)
            self._by_deletion = index
        return self._by_deletion

    def correct(self, word: str) -> str:
        if word in self.document_frequency or word.isdigit():
            return word
        plain = untyped(word)  # Telex or VNI typed without conversion: "ddawng kys"
        if plain != word and plain in self.document_frequency:
            return plain
        if len(word) < 3:
            return word
        index = self._deletions_index()
        candidates: set[str] = set()
        for variant in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
            candidates.update(index.get(variant, ()))
        # a transposition ("nhan" → "nahn") is two deletions apart: try swapped neighbours too
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in self.document_frequency:
                candidates.add(swapped)
        if not candidates:
            return word
        return max(candidates, key=lambda w: (self.document_frequency[w], w))

    def question(self, text: str) -> Question:
        pairs = question_words(text)
        typed = [folded for folded, _ in pairs]
        # A question typed with marks has them where they belong: its "sung" of "bổ sung" is
        # not the lexicon's "súng". Typed without any, every phrase that folds the same may be meant.
        marked = [as_typed for _, as_typed in pairs] if any(f != t for f, t in pairs) else None
        found = expand(typed, self.synonyms, in_catalogue=self.in_names, typed=marked)
        # Words of an everyday phrase the synonyms know are not typing mistakes.
        known = {word for expansion in found for word in expansion.phrase}
        corrected = {}
        words = []
        for i, word in enumerate(typed):
            fixed = word if word in known else self.correct(word)
            if fixed != word:
                corrected[word] = fixed
                if marked:
                    marked[i] = None  # what the correction chose has no marks of its own
            words.append(fixed)
        if corrected:
            more = expand(words, self.synonyms, in_catalogue=self.in_names, typed=marked)
            found += [e for e in more if all(e.meaning != other.meaning for other in found)]
        replaced = frozenset(word for expansion in found for word in expansion.phrase)
        context = purpose_words(words, marked)
        return Question(
            fields=frozenset(e.field for e in found if e.field and not set(e.phrase) <= context),
            context=context,
            context_added=frozenset(e.meaning for e in found if set(e.phrase) <= context),
            words=words,
            added=[e.meaning for e in found],
            corrected=corrected,
            replaced=replaced,
            typed=marked or [],
        )

    def _frequencies(self, entry: Entry) -> dict[str, float]:
        """BM25F's length-normalised, field-weighted frequency of each word of a procedure."""
        found = self._tf.get(entry.id)
        if found is None:
            found = {}
            for key, counts in entry.counts.items():
                if not counts:
                    continue
                length = len(entry.fields[key])
                norm = FIELD_WEIGHTS[key] / (1 - B[key] + B[key] * length / self.average_length[key])
                for word, count in counts.items():
                    found[word] = found.get(word, 0.0) + count * norm
            self._tf[entry.id] = found
        return found

    def score(
        self,
        entry: Entry,
        question: Question,
        *,
        prefer_level: str | None = None,
        province_agencies: bool = True,
    ) -> float:
        weighted = self._weights(question, self.weights)
        return self._score(entry, weighted, prefer_level, province_agencies, self.weights)

    def _weights(self, question: Question, w: Weights):
        """Weight of each word and each syllable pair of a question, computed once per search.

        The words of an everyday phrase a synonym translated weigh less than the
        catalogue's words it stands for: "bằng lái" means "giấy phép lái xe", so a
        name that happens to contain "bằng lái" should not win over the right one.
        """
        replaced = question.replaced
        weights: dict[str, float] = {}
        for word in question.words:
            weight = w.replaced if word in replaced else 1.0
            if word in question.context:
                weight *= w.purpose
            weights[word] = weights.get(word, 0) + weight
        for phrase in question.added:
            weight = w.synonym * (w.purpose if phrase in question.context_added else 1.0)
            for word in phrase:
                weights[word] = max(weights.get(word, 0), weight)
        pairs: dict[tuple[str, str], float] = {}
        for phrase in question.added:
            weight = w.synonym * (w.purpose if phrase in question.context_added else 1.0)
            for pair in zip(phrase, phrase[1:], strict=False):
                pairs[pair] = max(pairs.get(pair, 0), weight)
        for pair in zip(question.words, question.words[1:], strict=False):
            pairs[pair] = w.replaced if set(pair) <= replaced else 1.0
            if set(pair) <= question.context:
                pairs[pair] *= w.purpose
        # rarity folded in once per search, not once per candidate
        rated_words = [(word, weight * self.idf(word)) for word, weight in weights.items()]
        rated_pairs = [
            (pair, w.pair * weight * (self.idf(pair[0]) + self.idf(pair[1])) / 2)
            for pair, weight in pairs.items()
        ]
        cases = qualifiers.question_cases(question.padded)
        return weights, pairs, cases, rated_words, rated_pairs, question.fields

    def _words_score(self, entry: Entry, rated_words: list[tuple[str, float]]) -> float:
        """BM25F of the question's words (each weighed by its rarity): the bulk of the score."""
        score = 0.0
        frequencies = self._frequencies(entry)
        for word, rated in rated_words:
            tf = frequencies.get(word)
            if tf:
                score += rated * tf / (K1 + tf)
        return score

    def _first_score(self, entry: Entry, weighted, w: Weights) -> float:
        """The words' BM25F and the syllable pairs found in the name: cheap enough for every candidate."""
        score = self._words_score(entry, weighted[3])
        pairs = entry.pairs
        for pair, rated in weighted[4]:
            if pair in pairs:
                score += rated
        return score

    def _score(
        self, entry: Entry, weighted, prefer_level, province_agencies, w: Weights, words_score=None
    ) -> float:
        weights, asked_pairs, asked_cases = weighted[:3]
        score = self._first_score(entry, weighted, w) if words_score is None else words_score
        name = entry.core_name
        if name:
            asked = set(weights)
            total = self._name_rarity.get(entry.id)
            if total is None:
                total = self._name_rarity[entry.id] = sum(self.idf(w) for w in name)
            held = sum(self.idf(word) for word in name if word in asked)
            score += w.cover * held / total if total else 0
        if entry.pairs:
            held_pairs = sum(1 for pair in entry.pairs if pair in asked_pairs)
            score += w.pair_cover * held_pairs / len(entry.pairs)
        if province_agencies and entry.is_local:
            score += w.local_bonus
        if prefer_level and prefer_level in entry.levels:
            score += w.level_bonus
        if entry.levels & LOCAL_LEVELS:
            score += w.local_level_prior
        if entry.online_level in ("full", "partial"):
            score += w.online_prior
        if weighted[5] and entry.field_words in weighted[5]:
            score += w.field_hint
        score -= w.unasked_penalty * qualifiers.unasked(entry.cases, asked_cases)
        agree, conflict = qualifiers.asked(entry.cases, asked_cases)
        score += w.asked_bonus * agree - w.conflict_penalty * conflict
        return score

    def rank(
        self,
        question: Question,
        candidates: Iterable[int],
        *,
        prefer_level: str | None = None,
        province_agencies: bool = True,
        weights: Weights | None = None,
    ) -> list[tuple[int, float]]:
        w = weights or self.weights
        weighted = self._weights(question, w)
        # Two stages: words and pairs for every candidate, the whole score for the best of them.
        first = [
            (pk, self._first_score(self.entries[pk], weighted, w)) for pk in candidates if pk in self.entries
        ]
        first.sort(key=lambda item: -item[1])
        scored = [
            (pk, self._score(self.entries[pk], weighted, prefer_level, province_agencies, w, words))
            for pk, words in first[:FULL_SCORE_CANDIDATES]
        ]
        scored.sort(key=lambda item: (-item[1], len(self.entries[item[0]].fields.get("name", ())), item[0]))
        return scored

    def confidence(self, question: Question, pk: int) -> float:
        """How much of the question (its words weighted by rarity) a procedure accounts for,
        between 0 and 1: a question most of whose words the procedure's name, result, target
        groups and field do not hold — or that a synonym translated into words the name does
        not hold — is not about this procedure, however well it ranks. A word the spelling
        correction changed counts half: "hom" (hôm nay) is not "hộ"."""
        entry = self.entries.get(pk)
        if entry is None:
            return 0.0
        held = set()
        for key in ("name", "results", "targets", "field"):
            held.update(entry.fields.get(key, ()))
        name = set(entry.fields.get("name", ()))
        translated = {
            word
            for expansion in self.synonyms_found(question)
            if sum(w in name for w in expansion.meaning) * 2 >= len(expansion.meaning)
            for word in expansion.phrase
        }
        corrected = set(question.corrected.values())
        total = covered = 0.0
        for word in dict.fromkeys(question.words):
            if word in FUNCTION_WORDS:
                continue
            weight = self.idf(word) if word in self.document_frequency else math.log(1 + self.size)
            total += weight
            if word in held or word in translated:
                covered += weight * (0.5 if word in corrected else 1.0)
        return covered / total if total else 0.0

    def name_coverage(self, question: Question, pk: int, among: Iterable[int] = ()) -> float:
        """How much of a procedure's name (its words weighted by rarity) the question and the
        synonyms it brought hold: a question that only shares a word with a long name is not
        about it. With ``among`` (procedures tied with it), only the words all their names
        share count: the question cannot hold what tells them apart."""
        entry = self.entries.get(pk)
        name = entry.fields.get("name", []) if entry else []
        for other in among:
            shared = set(self.entries[other].fields.get("name", ())) if other in self.entries else set()
            name = [word for word in name if word in shared]
        total = sum(self.idf(word) for word in name)
        asked = set(question.words) | {word for phrase in question.added for word in phrase}
        return sum(self.idf(word) for word in name if word in asked) / total if total else 0.0

    def synonyms_found(self, question: Question) -> list[Expansion]:
        typed = question.typed if len(question.typed) == len(question.words) else None
        return expand(question.words, self.synonyms, in_catalogue=self.in_names, typed=typed)

    def candidates(
        self, question: Question, *, prefix: str | None = None, limit: int = CANDIDATES, **filters
    ) -> list[int]:
        """The procedures worth ranking, best first: those holding the question's rarer words
        (BM25F over them), the last word read as unfinished (``prefix``) while someone types,
        and those whose name holds a synonym's phrase word for word ("nhập hộ khẩu" finds
        "đăng ký thường trú" although "nhập khẩu" fills hundreds of names). ``filters``
        (field, level, agency, online_level) narrow, never rank."""
        keep = self._filter(filters)
        weights = self._weights(question, self.weights)[0]
        words = {word: weights.get(word, self.weights.synonym) for word in self.query_words(question)}
        if prefix:
            start = bisect.bisect_left(self.vocabulary, prefix)
            for word in self.vocabulary[start : start + PREFIX_WORDS]:
                if not word.startswith(prefix):
                    break
                words.setdefault(word, 0.5)
        scores: dict[int, float] = {}
        for word, weight in words.items():
            ids, tfs = self.postings.get(word, ((), ()))
            idf = self.idf(word) * weight
            for pk, tf in zip(ids, tfs, strict=True):
                scores[pk] = scores.get(pk, 0.0) + idf * tf / (K1 + tf)
        found = [pk for pk in scores if keep(self.entries[pk])] if any(filters.values()) else list(scores)
        found = heapq.nlargest(limit, found, key=scores.__getitem__)
        seen = set(found)
        for phrase in question.added:
            padded = " " + " ".join(phrase) + " "
            rarest = min(phrase, key=lambda word: self.document_frequency.get(word, 0))
            holders = [
                pk
                for pk in self.postings.get(rarest, ((), ()))[0]
                if pk not in seen and padded in self.entries[pk].padded_name and keep(self.entries[pk])
            ]
            holders.sort(key=lambda pk: len(self.entries[pk].padded_name))
            found += holders[:PHRASE_CANDIDATES]
            seen.update(holders[:PHRASE_CANDIDATES])
        return found

    @staticmethod
    def _filter(filters: dict):
        field, level = filters.get("field"), filters.get("level")
        agency, online = filters.get("agency"), filters.get("online_level")

        def keep(entry: Entry) -> bool:
            return (
                entry.is_active
                and (not field or entry.field_code == field)
                and (not level or level in entry.levels)
                and (not agency or agency in entry.agency_codes)
                and (not online or entry.online_level == online)
            )

        return keep

    def query_words(self, question: Question) -> list[str]:
        """The words to ask the database for candidates: those the catalogue uses, without
        the most common ones ("đăng", "ký", "cấp") when rarer ones remain, since a
        procedure worth ranking holds the rarer words too and the common ones would
        make the database score most of the catalogue."""
        words = list(dict.fromkeys([*question.words, *(w for phrase in question.added for w in phrase)]))
        known = [w for w in words if w in self.document_frequency]
        rare = [w for w in known if self.document_frequency[w] <= COMMON_SHARE * self.size]
        return rare if len(rare) >= 2 else known


def purpose_words(words: list[str], typed: list[str | None] | None) -> frozenset[str]:
    """The words after "để" (in order to) that the need before it does not use: "phiếu lý lịch
    tư pháp để đi xuất khẩu lao động" asks for the record, not for work abroad."""
    for i, word in enumerate(words):
        if word == "de" and i >= 2 and (typed is None or typed[i] in (None, "để")):
            if i + 1 < len(words) and words[i + 1] == "nghi":  # "đề nghị" typed without marks
                continue
            return frozenset(words[i + 1 :]) - set(words[:i])
    return frozenset()


# "(cấp tỉnh)", "(Thực hiện tại cấp trung ương)", "(cấp TW)" closing a name, folded: the level the
# procedure is carried out at, published once per level under one name.
LEVEL_IN_BRACKETS = re.compile(
    r"\(\s*(?:thuc hien (?:tai|o) )?(?:cap )?(?:tinh|xa|huyen|trung uong|tw|bo|dia phuong)\s*\)[\s.]*$"
)


IN_BRACKETS = re.compile(r"\([^()]*\)")


def core_name(folded_name: str) -> tuple[str, ...]:
    """The words of a folded name outside brackets."""
    return tuple(tokens(IN_BRACKETS.sub(" ", folded_name)))


def same_name(folded_name: str) -> tuple[str, ...]:
    """The words of a folded name without the level in brackets that closes it."""
    return tuple(tokens(LEVEL_IN_BRACKETS.sub("", folded_name)))


def entry_from_texts(pk: int, texts: dict[str, str], **meta) -> Entry:
    name = texts.get("name", "")
    return Entry(
        id=pk,
        fields={key: tokens(texts.get(key, "")) for key in FIELD_WEIGHTS},
        plain_name=same_name(fold(name)),
        core_name=core_name(fold(name)),
        **meta,
    )
