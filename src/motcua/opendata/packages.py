"""Datasets as the portal publishes them: ids, organisation, dates, licence and resources.

A ``Package`` is what CKAN calls a dataset's metadata and DCAT a ``dcat:Dataset``: both the
Action API (``opendata.ckan``) and the JSON-LD (``opendata.dcat``) and the pages are drawn from it,
so they never disagree. Ids are UUIDs derived from the slug (and the agency code for
organisations), so they stay the same on every machine and across restarts without a table.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from time import monotonic

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from motcua.opendata import catalogue, indicators
from motcua.opendata.datasets import Dataset
from motcua.opendata.models import Publication
from motcua.org.models import Agency, AgencyKind
from motcua.org.selectors import active_agencies

# uuid5 namespace of this portal's ids (any fixed UUID; changing it would change every id).
NAMESPACE = uuid.UUID("6f0c7a52-61a4-5d8e-9a55-7d1c7c4a0d20")


@dataclass(frozen=True)
class Format:
    code: str  # CKAN's ``format``: CSV, JSON, XLSX
    extension: str
    mimetype: str


FORMATS = (
    Format("CSV", "csv", "text/csv"),
    Format("JSON", "json", "application/json"),
    Format("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)
FORMAT_BY_EXTENSION = {f.extension: f for f in FORMATS}


@dataclass(frozen=True)
class Organisation:
    """An agency as a CKAN organisation (tổ chức công bố dữ liệu)."""

    agency: Agency

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"agency:{self.agency.code}"))

    @property
    def name(self) -> str:
        """CKAN names are lower-case letters, digits, ``-`` and ``_``: the code with dots as dashes."""
        return organisation_name(self.agency.code)

    @property
    def title(self) -> str:
        return self.agency.name


def organisation_name(code: str) -> str:
    return code.lower().replace(".", "-").replace(" ", "-")


@dataclass(frozen=True)
class Resource:
    package_slug: str
    format: Format
    position: int

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"resource:{self.package_slug}:{self.format.extension}"))

    @property
    def path(self) -> str:
        return reverse(
            "opendata:download", kwargs={"slug": self.package_slug, "extension": self.format.extension}
        )

    @property
    def filename(self) -> str:
        return f"{self.package_slug}.{self.format.extension}"


@dataclass(frozen=True)
class Package:
    dataset: Dataset
    organisation: Organisation | None
    created: datetime
    modified: datetime

    @property
    def slug(self) -> str:
        return self.dataset.slug

    @property
    def id(self) -> str:
        return str(uuid.uuid5(NAMESPACE, f"dataset:{self.slug}"))

    @property
    def title(self) -> str:
        return str(self.dataset.title)

    @property
    def notes(self) -> str:
        return str(self.dataset.description)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.dataset.tags)))

    @property
    def resources(self) -> tuple[Resource, ...]:
        return tuple(Resource(self.slug, fmt, position) for position, fmt in enumerate(FORMATS))

    @property
    def path(self) -> str:
        return reverse("opendata:dataset", kwargs={"slug": self.slug})

    @property
    def jsonld_path(self) -> str:
        return reverse("opendata:jsonld", kwargs={"slug": self.slug})

    def resource(self, resource_id: str) -> Resource | None:
        return next((r for r in self.resources if r.id == resource_id), None)


# Where datasets come from, in the order they are listed: each a function returning datasets.
# The indicators' aggregates (``motcua.reports``) are adapted by ``opendata.indicators``.
SOURCES: tuple[Callable[[], list[Dataset]], ...] = (catalogue.datasets, indicators.datasets)


# Listing the datasets asks every source for its metadata (the indicators' "as of", the agencies
# with figures); a few seconds' memory per process keeps a harvest paging through package_search
# from asking again for every page. The rows are never kept: a download always reads the database.
CACHE_SECONDS = 30
_cache: dict[tuple, tuple[float, list[Dataset]]] = {}
_cache_lock = threading.Lock()


def forget_cached_datasets() -> None:
    with _cache_lock:
        _cache.clear()


def all_datasets() -> list[Dataset]:
    """Every published dataset, from every source (a slug published twice keeps its first)."""
    now = monotonic()
    with _cache_lock:
        cached = _cache.get(SOURCES)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    found = _read_sources()
    with _cache_lock:
        _cache[SOURCES] = (now, found)
    return found


def _read_sources() -> list[Dataset]:
    seen: set[str] = set()
    found = []
    for source in SOURCES:
        for dataset in source():
            if dataset.slug not in seen:
                seen.add(dataset.slug)
                found.append(dataset)
    return found


def _province_agency(agencies: dict[str, Agency]) -> Agency | None:
    """Who publishes the province-wide datasets: the provincial People's Committee (else the
    first top-level agency)."""
    top = sorted((a for a in agencies.values() if a.parent_id is None), key=lambda a: a.code)
    committee = [a for a in top if a.kind == AgencyKind.PROVINCE_COMMITTEE]
    return (committee or top or [None])[0]


def _first_published(slugs: list[str], now: datetime) -> dict[str, datetime]:
    known = dict(Publication.objects.filter(slug__in=slugs).values_list("slug", "first_published_at"))
    missing = [slug for slug in slugs if slug not in known]
    if missing:
        try:
            with transaction.atomic():
                Publication.objects.bulk_create(
                    [Publication(slug=slug, first_published_at=now) for slug in missing],
                    ignore_conflicts=True,
                )
        except IntegrityError:  # pragma: no cover - ignore_conflicts covers both databases
            pass
        known.update(Publication.objects.filter(slug__in=missing).values_list("slug", "first_published_at"))
    return known


def _moment(value: date | datetime | None) -> datetime | None:
    """A source's "last updated" as an aware time (a date is taken at its start, in Vietnam's time)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def organisations() -> dict[str, Organisation]:
    """Every agency in service as an organisation, by agency code."""
    return {a.code: Organisation(a) for a in active_agencies().order_by("code")}


def packages(*, orgs: dict[str, Organisation] | None = None) -> list[Package]:
    """Every published dataset with its metadata (a handful of queries, whatever the number)."""
    datasets = all_datasets()
    orgs = organisations() if orgs is None else orgs
    province = _province_agency({code: org.agency for code, org in orgs.items()})
    now = timezone.now()
    created = _first_published([d.slug for d in datasets], now)
    result = []
    for dataset in datasets:
        first = created.get(dataset.slug, now)
        modified = _moment(dataset.last_updated) or first
        owner = orgs.get(dataset.organisation) if dataset.organisation else None
        if owner is None and dataset.organisation is None and province is not None:
            owner = orgs[province.code]
        result.append(Package(dataset=dataset, organisation=owner, created=first, modified=modified))
    return result


def package(identifier: str) -> Package | None:
    """The package named by its slug or its id, or ``None``."""
    return next((p for p in packages() if identifier in (p.slug, p.id)), None)
