"""DCAT-AP in JSON-LD: each dataset (``/du-lieu-mo/<slug>.jsonld``) and the catalogue
(``/catalog.jsonld``), as ckanext-dcat publishes a CKAN site and the EU's data portal harvests it.

Classes and properties are DCAT-AP 2/3's: ``dcat:Catalog`` with ``dcat:dataset``; ``dcat:Dataset``
with ``dct:title``, ``dct:description``, ``dct:identifier``, ``dct:issued``, ``dct:modified``,
``dct:publisher`` (a ``foaf:Agent``), ``dcat:keyword``, ``dcat:landingPage``,
``dct:accrualPeriodicity``, ``dcat:contactPoint``; ``dcat:Distribution`` with ``dcat:accessURL``,
``dcat:downloadURL``, ``dcat:mediaType``, ``dct:format`` and ``dct:license``. Texts carry their
language (``vi``); times are ``xsd:dateTime``. The context is inline, so a reader needs no network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.opendata.datasets import FREQUENCIES
from motcua.opendata.licence import LICENCE_URL
from motcua.opendata.packages import Organisation, Package

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
JSONLD = "application/ld+json"


def _time(value) -> dict[str, str]:
    return {"@value": timezone.localtime(value).isoformat(), "@type": "xsd:dateTime"}


def _text(value: str, language: str = "vi") -> dict[str, str]:
    return {"@value": value, "@language": language}


def _publisher(organisation: Organisation | None, build_url: Callable[[str], str]) -> dict[str, Any]:
    if organisation is None:
        return {"@type": "foaf:Agent", "foaf:name": _text(str(settings.SITE_NAME))}
    agency = organisation.agency
    return {
        "@id": build_url(reverse("opendata:list")) + f"#to-chuc-{organisation.name}",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": _text(agency.name),
        "dct:identifier": agency.code,
    }


def dataset_node(package: Package, build_url: Callable[[str], str]) -> dict[str, Any]:
    page = build_url(package.path)
    organisation = package.organisation
    contact: dict[str, Any] = {
        "@type": "vcard:Organization",
        "vcard:fn": organisation.title if organisation else "",
    }
    if organisation and organisation.agency.email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{organisation.agency.email}"}
    return {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": package.id,
        "adms:identifier": package.slug,
        "dct:title": _text(package.title),
        "dct:description": _text(package.notes),
        "dct:issued": _time(package.created),
        "dct:modified": _time(package.modified),
        "dct:publisher": _publisher(organisation, build_url),
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
        "dct:accrualPeriodicity": {
            "@id": EU_FREQUENCY + FREQUENCIES.get(package.dataset.frequency, "UNKNOWN")
        },
        "dcat:keyword": [_text(tag) for tag in package.tags],
        "dcat:landingPage": {"@id": page},
        "dcat:contactPoint": contact,
        "dcat:distribution": [
            {
                "@id": build_url(resource.path),
                "@type": "dcat:Distribution",
                "dct:identifier": resource.id,
                "dct:title": _text(f"{package.title} ({resource.format.code})"),
                "dcat:accessURL": {"@id": page},
                "dcat:downloadURL": {"@id": build_url(resource.path)},
                "dcat:mediaType": {"@id": MEDIA_TYPE + resource.format.mimetype},
                "dct:format": {"@id": EU_FILE_TYPE + resource.format.code},
                "dct:license": {"@id": LICENCE_URL},
                "dct:modified": _time(package.modified),
            }
            for resource in package.resources
        ],
    }


def dataset_document(package: Package, build_url: Callable[[str], str]) -> dict[str, Any]:
    return {"@context": CONTEXT, **dataset_node(package, build_url)}


def catalog_document(packages: list[Package], build_url: Callable[[str], str]) -> dict[str, Any]:
    home = build_url(reverse("opendata:list"))
    modified = max((p.modified for p in packages), default=None)
    catalog: dict[str, Any] = {
        "@context": CONTEXT,
        "@id": home,
        "@type": "dcat:Catalog",
        "dct:title": _text(f"{settings.SITE_NAME} — Dữ liệu mở"),
        "dct:description": _text(
            "Dữ liệu mở về thủ tục hành chính và chỉ số phục vụ người dân, doanh nghiệp của tỉnh."
        ),
        "dct:publisher": _publisher(
            next(
                (p.organisation for p in packages if p.dataset.organisation is None and p.organisation), None
            ),
            build_url,
        ),
        "dct:license": {"@id": LICENCE_URL},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
        "foaf:homepage": {"@id": home},
        "dcat:dataset": [dataset_node(p, build_url) for p in packages],
    }
    if modified is not None:
        catalog["dct:modified"] = _time(modified)
    return catalog
