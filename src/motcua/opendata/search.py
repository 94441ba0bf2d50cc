"""``package_search``'s query language: the part of Solr's that CKAN clients and harvesters send.

- ``q``: words (all must appear, accents and case ignored, in the title, description, tags,
  organisation or columns) and ``field:value`` terms; empty or ``*:*`` matches everything.
- ``fq``: ``field:value`` terms, ``field:"a phrase"``, ``-field:value`` to exclude, and date ranges
  ``metadata_modified:[2026-01-01T00:00:00Z TO *]`` (what CKAN's harvester sends for changes since).
- ``sort``: ``score``, ``name``, ``title`` (or ``title_string``), ``metadata_modified``,
  ``metadata_created``, each ``asc`` or ``desc``, comma separated.
- facets on ``organization``, ``tags``, ``res_format``, ``license_id``, ``groups``.

Anything else is a ``SearchQueryError`` naming what is not understood, never a silent match-all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from motcua.core.text import fold
from motcua.opendata.licence import LICENCE_ID
from motcua.opendata.packages import Package

FACET_FIELDS = ("organization", "tags", "res_format", "license_id", "groups")
SORT_FIELDS = ("score", "name", "title", "title_string", "metadata_modified", "metadata_created")
DEFAULT_SORT = "score desc, metadata_modified desc"

_TERM = re.compile(
    r"""\s*(?P<sign>[+-]?)(?:(?P<field>[A-Za-z_.]+):)?
        (?P<value>"[^"]*"|\[[^\]]*\]|\{[^}]*\}|\([^)]*\)|[^\s"]+)""",
    re.VERBOSE,
)
_RANGE = re.compile(r"^[\[{]\s*(\S+)\s+TO\s+(\S+)\s*[\]}]$")


class SearchQueryError(ValueError):
    """A query this portal does not understand (CKAN's "Search Query Error", HTTP 400)."""


@dataclass(frozen=True)
class Term:
    field: str | None  # None: a free word
    value: str
    negated: bool = False


def parse(query: str) -> list[Term]:
    query = (query or "").strip()
    if query in ("", "*:*", "*"):
        return []
    terms, position = [], 0
    while position < len(query):
        match = _TERM.match(query, position)
        if match is None or match.end() == position:
            if query[position:].strip():
                raise SearchQueryError(_("Không hiểu truy vấn từ: %(rest)s") % {"rest": query[position:]})
            break
        position = match.end()
        field, value = match.group("field"), match.group("value")
        if value.upper() in ("AND", "OR") and field is None:
            continue  # Solr's default operator here is AND; "a OR b" is read as "a b"
        if value.startswith('"'):
            value = value[1:-1]
        if field == "*" or (field is None and value == "*:*"):
            continue
        terms.append(Term(field=field, value=value, negated=match.group("sign") == "-"))
    return terms


def _values(package: Package, field: str) -> list[str]:
    organisation = package.organisation
    if field in ("name",):
        return [package.slug]
    if field == "id":
        return [package.id]
    if field in ("tags",):
        return list(package.tags)
    if field == "organization":
        return [organisation.name] if organisation else []
    if field == "owner_org":
        return [organisation.id] if organisation else []
    if field == "res_format":
        return [r.format.code for r in package.resources]
    if field == "license_id":
        return [LICENCE_ID]
    if field in ("groups",):
        return []
    if field in ("capacity",):
        return ["public"]
    if field == "state":
        return ["active"]
    if field in ("type", "dataset_type"):
        return ["dataset"]
    raise SearchQueryError(_("Không tìm được theo trường “%(field)s”.") % {"field": field})


TEXT_FIELDS = ("title", "notes", "text")
DATE_FIELDS = ("metadata_modified", "metadata_created")


def _date(value: str, field: str) -> datetime | None:
    if value == "*":
        return None
    text = value.strip().upper()
    if text.startswith("NOW"):
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise SearchQueryError(
            _("“%(value)s” không phải là thời điểm ISO 8601 (trường %(field)s).")
            % {"value": value, "field": field}
        ) from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _in_range(moment: datetime, value: str, field: str) -> bool:
    match = _RANGE.match(value)
    if match is None:
        raise SearchQueryError(
            _("Trường %(field)s cần một khoảng [từ TO đến], ví dụ [2026-01-01T00:00:00Z TO *].")
            % {"field": field}
        )
    low, high = _date(match.group(1), field), _date(match.group(2), field)
    return (low is None or moment >= low) and (high is None or moment <= high)


def _text(package: Package) -> dict[str, str]:
    organisation = package.organisation
    return {
        "title": fold(package.title),
        "notes": fold(package.notes),
        "tags": fold(" ".join(package.tags).replace("-", " ")),
        "other": fold(
            " ".join(
                [
                    package.slug.replace("-", " "),
                    organisation.title if organisation else "",
                    " ".join(f"{c.name} {c.label}" for c in package.dataset.columns),
                ]
            )
        ),
    }


WEIGHTS = {"title": 3.0, "tags": 2.0, "notes": 1.0, "other": 0.5}


def _matches(package: Package, term: Term, text: dict[str, str]) -> tuple[bool, float]:
    field = term.field
    if field is None or field in TEXT_FIELDS:
        words = fold(term.value).split()
        places = ("title",) if field == "title" else ("notes",) if field == "notes" else tuple(WEIGHTS)
        score = 0.0
        for word in words:
            found = sum(WEIGHTS[p] * text[p].count(word) for p in places)
            if not found:
                return False, 0.0
            score += found
        return True, score
    if field in DATE_FIELDS:
        moment = package.modified if field == "metadata_modified" else package.created
        return _in_range(moment, term.value, field), 0.0
    values = _values(package, field)
    wanted = term.value
    if wanted.startswith("(") and wanted.endswith(")"):
        options = [v.strip('" ') for v in re.split(r"\s+OR\s+", wanted[1:-1]) if v.strip()]
    else:
        options = [wanted]
    return any(v.casefold() == option.casefold() for v in values for option in options), 0.0


def _filter(packages: list[Package], terms: list[Term]) -> list[tuple[Package, float]]:
    found = []
    for package in packages:
        text = _text(package)
        total, keep = 0.0, True
        for term in terms:
            matched, score = _matches(package, term, text)
            if matched == term.negated:
                keep = False
                break
            total += score
        if keep:
            found.append((package, total))
    return found


def _sort_key(field: str) -> Callable[[tuple[Package, float]], object]:
    return {
        "score": lambda item: item[1],
        "name": lambda item: item[0].slug,
        "title": lambda item: fold(item[0].title),
        "title_string": lambda item: fold(item[0].title),
        "metadata_modified": lambda item: item[0].modified,
        "metadata_created": lambda item: item[0].created,
    }[field]


def parse_sort(sort: str | None) -> list[tuple[str, bool]]:
    """``"metadata_modified desc, name asc"`` → ``[("metadata_modified", True), ("name", False)]``."""
    order = []
    for part in (sort or DEFAULT_SORT).split(","):
        words = part.split()
        if not words:
            continue
        field = words[0]
        direction = words[1].lower() if len(words) > 1 else "asc"
        if field not in SORT_FIELDS or direction not in ("asc", "desc") or len(words) > 2:
            raise SearchQueryError(
                _("Không sắp xếp được theo “%(part)s”; dùng một trong: %(fields)s, kèm asc hoặc desc.")
                % {"part": part.strip(), "fields": ", ".join(SORT_FIELDS)}
            )
        order.append((field, direction == "desc"))
    return order


@dataclass
class Found:
    count: int
    page: list[Package]
    facets: dict[str, dict[str, int]]
    sort: str


def search(
    packages: list[Package],
    *,
    q: str = "",
    fq: str = "",
    sort: str | None = None,
    rows: int = 10,
    start: int = 0,
    facet_fields: list[str] | None = None,
    facet_limit: int = 50,
    facet_mincount: int = 1,
) -> Found:
    terms = parse(q) + parse(fq)
    order = parse_sort(sort)
    for field in facet_fields or ():
        if field not in FACET_FIELDS:
            raise SearchQueryError(
                _("Không thống kê được theo “%(field)s”; dùng một trong: %(fields)s.")
                % {"field": field, "fields": ", ".join(FACET_FIELDS)}
            )
    matched = _filter(packages, terms)
    # Stable sorts from the last key to the first; ties end in name order, so pages never overlap.
    matched.sort(key=lambda item: item[0].slug)
    for field, descending in reversed(order):
        matched.sort(key=_sort_key(field), reverse=descending)
    facets: dict[str, dict[str, int]] = {}
    for field in facet_fields or ():
        counts = Counter(v for package, _score in matched for v in set(_values(package, field)))
        items = [(k, c) for k, c in counts.most_common() if c >= facet_mincount]
        facets[field] = dict(items if facet_limit < 0 else items[:facet_limit])
    return Found(
        count=len(matched),
        page=[package for package, _score in matched[start : start + rows]],
        facets=facets,
        sort=sort or DEFAULT_SORT,
    )
