"""Reads of the search: ``search_procedures`` is what the portal, the API and the assistant call."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, When

from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import procedures_matching
from motcua.org.selectors import province_name
from motcua.search import backends
from motcua.search.grouping import group
from motcua.search.models import IndexVersion, SearchEntry, Synonym
from motcua.search.ranking import FIELD_WEIGHTS, Entry, Index, Question, core_name, same_name
from motcua.search.synonyms import compile_synonyms
from motcua.search.text import tokens

MAX_RESULTS = 200
MAX_QUESTION = 300  # characters of a question that are read

_lock = threading.Lock()
_state: dict = {"index": None, "version": None}


def _version() -> int:
    # Asked on every search: a plain query, without the ORM's few hundred microseconds.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {IndexVersion._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _issuer_kind(issuer: str, province: str) -> str:
    """ "province" for this province's own version, "central" for a ministry's, "" for another province's."""
    if province and province in issuer:
        return "province"
    if issuer and not issuer.startswith(LOCAL_ISSUERS):
        return "central"
    return ""


# How the versions published by a province (not a ministry) begin, folded.
LOCAL_ISSUERS = ("ubnd", "uy ban nhan dan", "trung tam phuc vu hanh chinh cong", "so ")


def _province() -> str:

    words = tokens(province_name())
    while words[:1] in (["tinh"], ["thanh"], ["pho"]):  # "Tỉnh Hà Tĩnh", "Thành phố Huế": the name
        words = words[1:]
    return " ".join(words)


def _load() -> Index:
    entries = []
    columns = {"name": "name", "field": "field_name", "agencies": "agencies", "documents": "documents"}
    columns |= {"results": "results", "targets": "targets"}
    rows = SearchEntry.objects.values_list(
        "procedure_id",
        *columns.values(),
        "field_code",
        "levels",
        "agency_codes",
        "online_level",
        "issuer",
        "is_active",
    )
    province = _province()
    for pk, *texts, field_code, levels, agency_codes, online_level, issuer, active in rows.iterator(
        chunk_size=1000
    ):
        entries.append(
            Entry(
                id=pk,
                fields={key: tokens(text) for key, text in zip(columns, texts, strict=True)},
                plain_name=same_name(texts[0]),
                core_name=core_name(texts[0]),
                levels=frozenset(levels.split()),
                field_code=field_code,
                agency_codes=frozenset(agency_codes.split()),
                online_level=online_level,
                issuer=_issuer_kind(issuer, province),
                is_active=active,
            )
        )
    assert set(columns) == set(FIELD_WEIGHTS)
    synonyms = compile_synonyms(
        Synonym.objects.filter(is_active=True).values_list("phrase", "meaning", "field")
    )
    return Index(entries, synonyms)


def current_index() -> Index:
    """The in-memory index of this process, reloaded when the database's version changed.

    The version is asked on every search (one indexed row, well under a
    millisecond), so a change made by another process counts at once.
    """
    latest = _version()
    with _lock:
        index, version = _state["index"], _state["version"]
    if index is None or latest != version:
        index = _load()
        with _lock:
            _state.update(index=index, version=latest)
    return index


def accented_synonym_words() -> frozenset[str]:
    """The words of the synonyms' everyday phrases as written, with their tone marks
    (for the assistant to tell "cưới" from "cười"); kept with the index it belongs to."""
    index = current_index()
    words = getattr(index, "accented_words", None)
    if words is None:
        phrases = Synonym.objects.filter(is_active=True).values_list("phrase", flat=True)
        words = index.accented_words = frozenset(w for p in phrases for w in re.findall(r"\w+", p.lower()))
    return words


def forget_index() -> None:
    with _lock:
        _state.update(index=None, version=None)


@dataclass
class SearchResult:
    """Ranked procedure ids (with scores) and what the search understood of the question.

    A procedure published more than once under the same name is one result: ``ids`` holds
    the version shown, ``variants[id]`` the others (best first).
    """

    ids: list[int]
    scores: list[float]
    question: Question | None = None
    corrected: dict[str, str] = field(default_factory=dict)
    variants: dict[int, list[int]] = field(default_factory=dict)

    def __len__(self):
        return len(self.ids)

    def procedures(self, start: int = 0, stop: int | None = None) -> list[Procedure]:
        """The procedures of ``ids[start:stop]`` in rank order, with field and levels."""
        ids = self.ids[start:stop]
        if not ids:
            return []
        order = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ids)), output_field=IntegerField())
        procedures = list(
            Procedure.objects.filter(pk__in=ids)
            .select_related("field")
            .prefetch_related("levels")
            .order_by(order)
        )
        score = dict(zip(self.ids, self.scores, strict=True))
        for procedure in procedures:
            procedure.search_score = score[procedure.pk]
        return procedures


def unfinished(index: Index, text: str) -> str | None:
    """The last word, when the catalogue does not know it: maybe unfinished while someone types."""
    typed = tokens(text or "")
    return typed[-1] if typed and typed[-1] not in index.document_frequency and len(typed[-1]) >= 2 else None


def search_procedures(
    text: str = "",
    *,
    field: str | None = None,
    level: str | None = None,
    agency: str | None = None,
    online_level: str | None = None,
    prefer_level: str | None = None,
    limit: int = MAX_RESULTS,
) -> SearchResult:
    """Procedures matching a question as people write it, best first; filters narrow, never rank.

    Without words, the procedures passing the filters by code. ``prefer_level``
    lifts procedures of that level (the user's commune or province) among equals.
    """
    filters = {"field": field, "level": level, "agency": agency, "online_level": online_level}
    text = (text or "")[:MAX_QUESTION]
    index = current_index()
    question = index.question(text)
    if not question.words:
        ids = backends.filtered(limit=None, **filters)
        return SearchResult(ids=ids, scores=[0.0] * len(ids), question=question)
    found = index.candidates(question, prefix=unfinished(index, text), **filters)
    grouped = group(index, index.rank(question, found, prefer_level=prefer_level))[:limit]
    return SearchResult(
        ids=[pk for pk, _, _ in grouped],
        scores=[score for _, score, _ in grouped],
        question=question,
        corrected=question.corrected,
        variants={pk: variants for pk, _, variants in grouped if variants},
    )


def understood(text: str, corrected: dict[str, str]) -> str:
    """The question as the search read it, with its corrected words in place ("Kết quả cho: …")."""
    if not corrected:
        return ""
    words = re.findall(r"\w+|\W+", text)
    return "".join(corrected.get(fold_word(word), word) for word in words).strip()


def fold_word(word: str) -> str:
    folded = tokens(word)
    return folded[0] if len(folded) == 1 else word


class RankedProcedures(Sequence):
    """The result of a search as a list for pages and the API (sliced by their paginators):
    the procedures in rank order, each with ``variants`` — the same name published again —
    and what the search ``corrected`` in the question."""

    def __init__(self, result: SearchResult):
        self.result = result
        self.corrected = result.corrected

    def __len__(self):
        return len(self.result.ids)

    def count(self, value=None):
        return len(self) if value is None else super().count(value)

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _ = index.indices(len(self))
            return self._page(start, stop)
        found = self._page(index, index + 1)
        if not found:
            raise IndexError(index)
        return found[0]

    def _page(self, start: int, stop: int) -> list[Procedure]:
        procedures = self.result.procedures(start, stop)
        wanted = [pk for p in procedures for pk in self.result.variants.get(p.pk, [])]
        others = {
            p.pk: p
            for p in Procedure.objects.filter(pk__in=wanted, is_active=True)
            .select_related("field")
            .prefetch_related("levels")
        }
        for procedure in procedures:
            procedure.variants = [
                others[pk] for pk in self.result.variants.get(procedure.pk, []) if pk in others
            ]
        return procedures


def ranked_procedures(text: str = "", *, prefer_level: str | None = None, **filters):
    """The active procedures matching ``text`` in rank order (``RankedProcedures``), for pages
    and the API. Without ``text``, the filtered procedures by code (the catalogue's own list,
    a queryset)."""

    if not (text or "").strip():
        return procedures_matching(**filters)
    return RankedProcedures(search_procedures(text, prefer_level=prefer_level, **filters))
