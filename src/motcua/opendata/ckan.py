"""Packages, resources and organisations in the shapes CKAN's Action API gives them.

The field names and their order follow CKAN 2.11's ``package_show``, ``resource_show`` and
``organization_show`` (``ckan/lib/dictization/model_dictize.py``), so harvesters and the
``ckanapi`` client read them as they read any CKAN site. Absolute URLs are built from the request.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from motcua.opendata.licence import LICENCE_ID, LICENCE_TITLE, LICENCE_URL
from motcua.opendata.packages import Organisation, Package, Resource


def _time(value: datetime | None) -> str | None:
    """CKAN's timestamps: ISO 8601 in UTC without an offset (``2026-12-06T08:00:00.123456``)."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


def organisation_dict(organisation: Organisation, *, package_count: int | None = None) -> dict[str, Any]:
    agency = organisation.agency
    result = {
        "id": organisation.id,
        "name": organisation.name,
        "title": organisation.title,
        "display_name": organisation.title,
        "type": "organization",
        "description": str(agency.get_kind_display()),
        "image_url": "",
        "image_display_url": "",
        "created": None,
        "is_organization": True,
        "approval_status": "approved",
        "state": "active",
        "extras": [{"key": "agency_code", "value": agency.code}],
    }
    if package_count is not None:
        result["package_count"] = package_count
    return result


def resource_dict(package: Package, resource: Resource, *, build_url) -> dict[str, Any]:
    fmt = resource.format
    modified = _time(package.modified)
    return {
        "id": resource.id,
        "package_id": package.id,
        "name": f"{package.title} ({fmt.code})",
        "description": "",
        "format": fmt.code,
        "mimetype": fmt.mimetype,
        "mimetype_inner": None,
        "url": build_url(resource.path),
        "url_type": None,
        "size": None,
        "hash": "",
        "position": resource.position,
        "state": "active",
        "created": _time(package.created),
        "last_modified": modified,
        "metadata_modified": modified,
        "cache_url": None,
        "cache_last_updated": None,
        "datastore_active": False,
        "resource_type": None,
    }


def package_dict(package: Package, *, build_url) -> dict[str, Any]:
    organisation = package.organisation
    resources = [resource_dict(package, r, build_url=build_url) for r in package.resources]
    tags = [
        {"id": tag, "name": tag, "display_name": tag, "state": "active", "vocabulary_id": None}
        for tag in package.tags
    ]
    dataset = package.dataset
    return {
        "id": package.id,
        "name": package.slug,
        "title": package.title,
        "type": "dataset",
        "notes": package.notes,
        "url": build_url(package.path),
        "version": None,
        "author": organisation.title if organisation else None,
        "author_email": None,
        "maintainer": organisation.title if organisation else None,
        "maintainer_email": (organisation.agency.email or None) if organisation else None,
        "license_id": LICENCE_ID,
        "license_title": LICENCE_TITLE,
        "license_url": LICENCE_URL,
        "isopen": True,
        "private": False,
        "state": "active",
        "creator_user_id": None,
        "metadata_created": _time(package.created),
        "metadata_modified": _time(package.modified),
        "owner_org": organisation.id if organisation else None,
        "organization": organisation_dict(organisation) if organisation else None,
        "num_resources": len(resources),
        "resources": resources,
        "num_tags": len(tags),
        "tags": tags,
        "groups": [],
        "extras": [
            {"key": "update_frequency", "value": dataset.frequency},
            {"key": "columns", "value": ",".join(column.name for column in dataset.columns)},
            {"key": "dcat_jsonld", "value": build_url(package.jsonld_path)},
        ],
        "relationships_as_subject": [],
        "relationships_as_object": [],
    }
