"""The CKAN Action API (``/api/3/action/<name>``), read-only, as CKAN answers it.

Every answer is CKAN's envelope: ``{"help": <url>, "success": true, "result": ...}``, or
``{"help", "success": false, "error": {"__type": ..., "message"| field errors}}`` with CKAN's
status codes: 404 "Not Found Error", 409 "Validation Error", 400 "Search Query Error", and 400
with a plain message for an action that does not exist (``ckan/views/api.py``). Parameters come
from the query string (GET) or a JSON or form body (POST), as ``ckanapi`` sends them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from motcua.opendata import ckan, search
from motcua.opendata.packages import organisations, packages

ROWS_MAX = 1000
ORGANISATIONS_MAX = 1000
ORGANISATIONS_ALL_FIELDS_MAX = 25
API_VERSION = "2.11.0"  # the CKAN API version whose shapes these answers follow


class NotFound(Exception):
    pass


class ValidationError(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


ACTIONS: dict[str, Callable[[HttpRequest, dict], Any]] = {}


def action(function):
    ACTIONS[function.__name__] = function
    return function


def _url(request: HttpRequest) -> Callable[[str], str]:
    return request.build_absolute_uri


def _required(data: dict, key: str) -> str:
    value = data.get(key)
    if value in (None, ""):
        raise ValidationError({key: [_("Thiếu giá trị")]})
    return str(value)


def _natural(data: dict, key: str, default: int, maximum: int | None = None) -> int:
    value = data.get(key)
    if value in (None, ""):
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise ValidationError({key: [_("Không phải số nguyên")]}) from None
    if number < 0:
        raise ValidationError({key: [_("Phải là số tự nhiên")]})
    return min(number, maximum) if maximum is not None else number


def _bool(data: dict, key: str, default: bool = False) -> bool:
    value = data.get(key)
    if value in (None, ""):
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _list(value: Any) -> list[str]:
    """CKAN list parameters arrive as a JSON list, a JSON string of a list, or comma separated."""
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return [str(v) for v in json.loads(text)]
        except ValueError:
            raise ValidationError({"facet.field": [_("Không phải danh sách JSON hợp lệ")]}) from None
    return [part.strip() for part in text.split(",") if part.strip()]


@action
def package_list(request, data):
    """The names of every published dataset, in name order; ``limit`` and ``offset`` page it."""
    names = sorted(p.slug for p in packages())
    offset = _natural(data, "offset", 0)
    limit = _natural(data, "limit", 0)
    return names[offset : offset + limit] if limit else names[offset:]


@action
def package_show(request, data):
    """One dataset's metadata and resources, by ``id`` (its UUID or its name)."""
    identifier = data.get("id") or _required(data, "name_or_id")
    found = next((p for p in packages() if str(identifier) in (p.slug, p.id)), None)
    if found is None:
        raise NotFound(_("Không có tập dữ liệu “%(id)s”.") % {"id": identifier})
    return ckan.package_dict(found, build_url=_url(request))


@action
def resource_show(request, data):
    """One resource (a CSV, JSON or XLSX download) by its ``id``."""
    identifier = _required(data, "id")
    for package in packages():
        resource = package.resource(identifier)
        if resource is not None:
            return ckan.resource_dict(package, resource, build_url=_url(request))
    raise NotFound(_("Không có tài nguyên “%(id)s”.") % {"id": identifier})


@action
def package_search(request, data):
    """Datasets matching ``q`` and ``fq``, sorted, paged by ``rows`` and ``start``, with facets."""
    rows = _natural(data, "rows", 10, ROWS_MAX)
    start = _natural(data, "start", 0)
    facet_fields = _list(data.get("facet.field"))
    facet_limit = data.get("facet.limit", 50)
    try:
        facet_limit = int(facet_limit)
    except (TypeError, ValueError):
        raise ValidationError({"facet.limit": [_("Không phải số nguyên")]}) from None
    facet_mincount = _natural(data, "facet.mincount", 1)
    fq = " ".join([str(data.get("fq") or ""), *_list(data.get("fq_list"))])
    sort = data.get("sort")
    found = search.search(
        packages(),
        q=str(data.get("q") or ""),
        fq=fq,
        sort=None if sort in (None, "", "rank") else str(sort),
        rows=rows,
        start=start,
        facet_fields=facet_fields,
        facet_limit=facet_limit,
        facet_mincount=facet_mincount,
    )
    orgs = {o.name: o.title for o in organisations().values()}
    search_facets = {}
    for field, counts in found.facets.items():
        items = [
            {
                "name": name,
                "display_name": orgs.get(name, name) if field == "organization" else name,
                "count": count,
            }
            for name, count in counts.items()
        ]
        search_facets[field] = {
            "title": field,
            "items": sorted(items, key=lambda item: item["display_name"], reverse=True),
        }
    build_url = _url(request)
    return {
        "count": found.count,
        "facets": found.facets,
        "results": [ckan.package_dict(p, build_url=build_url) for p in found.page],
        "sort": found.sort,
        "search_facets": search_facets,
    }


def _organisation(data: dict):
    identifier = _required(data, "id")
    orgs = organisations()
    for organisation in orgs.values():
        if identifier in (organisation.id, organisation.name, organisation.agency.code):
            return organisation, orgs
    raise NotFound(_("Không có tổ chức “%(id)s”.") % {"id": identifier})


@action
def organization_list(request, data):
    """The agencies that publish, as organisations: names, or whole records with ``all_fields``."""
    all_fields = _bool(data, "all_fields")
    maximum = ORGANISATIONS_ALL_FIELDS_MAX if all_fields else ORGANISATIONS_MAX
    limit = _natural(data, "limit", maximum, maximum) or maximum
    offset = _natural(data, "offset", 0)
    wanted = set(_list(data.get("organizations")))
    orgs = organisations()
    counts: dict[str, int] = {}
    for package in packages(orgs=orgs):
        if package.organisation is not None:
            counts[package.organisation.name] = counts.get(package.organisation.name, 0) + 1
    chosen = [o for o in orgs.values() if not wanted or o.name in wanted]
    sort = str(data.get("sort") or "title asc").strip()
    field, _space, direction = sort.partition(" ")
    if field in ("package_count", "packages"):
        direction = direction or "desc"
        key = lambda o: (counts.get(o.name, 0), o.name)  # noqa: E731
    elif field in ("name", "title"):
        key = (lambda o: o.name) if field == "name" else (lambda o: o.title)
    else:
        raise ValidationError({"sort": [_("Sắp xếp theo name, title hoặc package_count")]})
    chosen.sort(key=key, reverse=direction.strip().lower() == "desc")
    chosen = chosen[offset : offset + limit]
    if not all_fields:
        return [o.name for o in chosen]
    return [ckan.organisation_dict(o, package_count=counts.get(o.name, 0)) for o in chosen]


@action
def organization_show(request, data):
    """One agency as an organisation (by id, name or agency code), with its datasets when
    ``include_datasets`` is true."""
    organisation, orgs = _organisation(data)
    own = [p for p in packages(orgs=orgs) if p.organisation and p.organisation.name == organisation.name]
    result = ckan.organisation_dict(organisation, package_count=len(own))
    result.update({"users": [], "groups": [], "tags": [], "num_followers": 0})
    if _bool(data, "include_datasets"):
        build_url = _url(request)
        result["packages"] = [ckan.package_dict(p, build_url=build_url) for p in own[:10]]
    return result


@action
def status_show(request, data):
    """What this portal is: its name, address, language, and the CKAN API version it speaks."""
    return {
        "site_title": str(settings.SITE_NAME),
        "site_description": _("Dữ liệu mở về thủ tục hành chính và chỉ số phục vụ người dân, doanh nghiệp"),
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "ckan_version": API_VERSION,
        "error_emails_to": None,
        "locale_default": "vi",
        "extensions": ["dcat"],
    }


@action
def help_show(request, data):
    """The description of an action, by ``name``."""
    name = _required(data, "name")
    if name not in ACTIONS:
        raise NotFound(_("Không có hành động “%(name)s”.") % {"name": name})
    return (ACTIONS[name].__doc__ or "").strip()


def _request_data(request: HttpRequest) -> dict:
    data: dict[str, Any] = {key: request.GET.get(key) for key in request.GET}
    if request.method == "POST":
        if request.content_type == "application/json" or request.body[:1] in (b"{", b"["):
            body = json.loads(request.body or b"{}")
            if not isinstance(body, dict):
                raise ValueError(_("thân yêu cầu phải là một đối tượng JSON"))
            data.update(body)
        else:
            data.update({key: request.POST.get(key) for key in request.POST})
    data.pop("callback", None)
    return data


def _finish(status: int, body: Any) -> JsonResponse:
    response = JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it from a browser
    return response


@csrf_exempt
@require_http_methods(["GET", "POST", "OPTIONS"])
def action_view(request: HttpRequest, name: str):
    if request.method == "OPTIONS":
        response = _finish(200, None)
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        return response
    function = ACTIONS.get(name)
    if function is None:
        return _finish(400, _("Yêu cầu không hợp lệ: không có hành động “%(name)s”") % {"name": name})
    envelope: dict[str, Any] = {
        "help": request.build_absolute_uri(reverse("opendata-api:action", kwargs={"name": "help_show"}))
        + f"?name={name}"
    }
    try:
        data = _request_data(request)
    except ValueError as error:
        return _finish(400, _("Yêu cầu không hợp lệ: lỗi JSON: %(error)s") % {"error": error})
    try:
        envelope["result"] = function(request, data)
        envelope["success"] = True
    except NotFound as error:
        envelope["success"] = False
        envelope["error"] = {
            "__type": "Not Found Error",
            "message": _("Không tìm thấy: %(what)s") % {"what": error},
        }
        return _finish(404, envelope)
    except ValidationError as error:
        envelope["success"] = False
        envelope["error"] = {"__type": "Validation Error", **error.errors}
        return _finish(409, envelope)
    except search.SearchQueryError as error:
        envelope["success"] = False
        envelope["error"] = {
            "__type": "Search Query Error",
            "message": _("Truy vấn không hợp lệ: %(why)s") % {"why": error},
        }
        return _finish(400, envelope)
    return _finish(200, envelope)


def api_root(request: HttpRequest, version: int = 3):
    """``/api/3``: CKAN's answer to "which API version is this?"."""
    return _finish(200, {"version": 3})
