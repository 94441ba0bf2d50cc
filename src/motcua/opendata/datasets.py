"""What the open data portal publishes: datasets of columns and rows, from any app that has some.

A dataset is a table: a stable ``slug`` (its name in every URL and in the CKAN API), a title and a
description in Vietnamese, the agency that owns it (its code; ``None`` for the province), when its
content last changed, its columns and a way to read its rows, streamed. The catalogue's datasets
are defined in ``opendata.catalogue``; the indicators' aggregates come from ``motcua.reports``
(``reports.public.datasets()``) and are read here through ``from_source``, which takes any object
with those attributes, so the two apps agree on the shape without importing each other's classes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language

# Frictionless Table Schema's type names (https://specs.frictionlessdata.io/table-schema/).
TYPES = ("string", "integer", "number", "boolean", "date", "datetime")


@dataclass(frozen=True)
class Column:
    """One column: its machine name (CSV header, JSON key), its title for people, its type."""

    name: str
    title: str = ""
    type: str = "string"  # "" when the source does not say
    description: str = ""

    @property
    def label(self) -> str:
        return self.title or self.name


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[..., Iterable[Mapping[str, Any]]]
    organisation: str | None = None  # the owning agency's code; None: the province as a whole
    last_updated: datetime | None = None
    tags: tuple[str, ...] = ()
    frequency: str = "continuous"  # see FREQUENCIES
    group: str = ""  # "catalogue", "indicators": a facet for people, not for machines
    filters: tuple[str, ...] = ()  # the keyword filters ``rows`` takes (downloads pass them on)

    def records(self, **filters) -> Iterable[dict[str, Any]]:
        """The rows as dictionaries keyed by column name, whatever shape the source yields."""
        names = [column.name for column in self.columns]
        for row in self.rows(**filters):
            if isinstance(row, Mapping):
                yield {name: row.get(name) for name in names}
            else:
                yield dict(zip(names, row, strict=False))


# How often the content changes, as DCAT's frequency vocabulary names it
# (http://publications.europa.eu/resource/authority/frequency/).
FREQUENCIES = {"continuous": "UPDATE_CONT", "daily": "DAILY", "monthly": "MONTHLY", "irregular": "IRREG"}


def words(value: Any) -> Any:
    """Text for people: a plain or lazy string as it is; an object with ``vi`` and ``en`` (another
    app's bilingual text) becomes a lazy string in the language of the request that reads it."""
    if hasattr(value, "vi") and hasattr(value, "en"):
        return lazy(lambda: str(value.en if get_language() == "en" else value.vi), str)()
    return value if value is not None else ""


def _column(value: Any) -> Column:
    if isinstance(value, Column):
        return value
    if isinstance(value, str):
        return Column(name=value, type="")
    if isinstance(value, tuple | list):
        name, *rest = value
        return Column(
            name=str(name),
            title=words(rest[0]) if rest else "",
            type=str(rest[1]) if len(rest) > 1 else "",
        )
    if isinstance(value, Mapping):
        return Column(
            name=str(value["name"]),
            title=words(value.get("title") or ""),
            type=str(value.get("type") or ""),
            description=str(value.get("description") or ""),
        )
    return Column(
        name=str(value.name),
        title=words(getattr(value, "title", "") or getattr(value, "label", "") or ""),
        type=str(getattr(value, "type", "") or ""),
        description=str(getattr(value, "description", "") or ""),
    )


def from_source(
    source: Any,
    *,
    group: str,
    frequency: str = "continuous",
    tags: tuple[str, ...] = (),
    filters: tuple[str, ...] = (),
) -> Dataset:
    """A ``Dataset`` from another app's object with ``slug``, ``title``, ``description``,
    ``organisation``, ``last_updated``, ``columns`` (``Column``-like objects, mappings, names, or
    ``(name, title)`` pairs) and ``rows(**filters)``; titles may be bilingual (``vi``/``en``)."""
    organisation = getattr(source, "organisation", None)
    if organisation is not None and not isinstance(organisation, str):
        organisation = getattr(organisation, "code", str(organisation))
    return Dataset(
        slug=str(source.slug),
        title=words(source.title),
        description=words(getattr(source, "description", "") or ""),
        columns=tuple(_column(column) for column in source.columns),
        rows=source.rows,
        organisation=organisation or None,
        last_updated=getattr(source, "last_updated", None),
        tags=tuple(str(tag) for tag in (getattr(source, "tags", None) or tags)),
        frequency=str(getattr(source, "frequency", None) or frequency),
        group=group,
        filters=tuple(getattr(source, "filters", None) or filters),
    )
