"""The open data portal's pages and files: the list, a dataset's page, its downloads and DCAT."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.core.downloads import download_response
from motcua.opendata import dcat, filters, formats
from motcua.opendata.licence import LICENCE_TITLE, LICENCE_URL
from motcua.opendata.packages import FORMAT_BY_EXTENSION, Package, packages

# Everyone gets the same file; a few minutes in caches keeps a harvest from recomputing it.
PUBLIC_SECONDS = 300


def _package(identifier: str) -> Package:
    found = next((p for p in packages() if identifier in (p.slug, p.id)), None)
    if found is None:
        raise Http404(_("Không có tập dữ liệu này."))
    return found


def dataset_list(request: HttpRequest) -> HttpResponse:
    found = packages()
    groups = {
        "catalogue": _("Danh mục thủ tục hành chính"),
        "indicators": _("Chỉ số phục vụ người dân, doanh nghiệp"),
    }
    sections = []
    for key, title in groups.items():
        members = [p for p in found if p.dataset.group == key]
        if members:
            sections.append((key, title, members))
    others = [p for p in found if p.dataset.group not in groups]
    if others:
        sections.append(("others", _("Dữ liệu khác"), others))
    return render(
        request,
        "opendata/list.html",
        {
            "sections": sections,
            "count": len(found),
            "licence_title": LICENCE_TITLE,
            "licence_url": LICENCE_URL,
        },
    )


def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    package = _package(slug)
    api = request.build_absolute_uri("/api/3/action/")
    return render(
        request,
        "opendata/dataset.html",
        {
            "package": package,
            "columns": package.dataset.columns,
            "licence_title": LICENCE_TITLE,
            "licence_url": LICENCE_URL,
            "api_show": f"{api}package_show?id={package.slug}",
            "jsonld_url": request.build_absolute_uri(package.jsonld_path),
            "csv_url": request.build_absolute_uri(package.resources[0].path),
        },
    )


def download(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    """A dataset's rows as CSV, JSON or XLSX, streamed; the same URL always gives the latest.
    Datasets that take filters (the indicators: ``month``, ``start``, ``end``, ``agency``,
    ``procedure``, ``field``) read them from the query string."""
    package = _package(slug)
    fmt = FORMAT_BY_EXTENSION.get(extension)
    if fmt is None:
        raise Http404(_("Không có định dạng này."))
    dataset = package.dataset
    try:
        chosen = filters.from_query(dataset, request.GET)
    except filters.BadFilter as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    rows = dataset.records(**chosen)
    if extension == "csv":
        content = formats.csv_chunks(dataset, rows)
        content_type = "text/csv; charset=utf-8; header=present"
    elif extension == "json":
        content = formats.json_chunks(dataset, rows)
        content_type = "application/json; charset=utf-8"
    else:
        content = formats.xlsx_file(dataset, rows)
        content_type = fmt.mimetype
    response = download_response(
        content, filename=f"{slug}.{extension}", content_type=content_type, public_seconds=PUBLIC_SECONDS
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _jsonld(document: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type=f"{dcat.JSONLD}; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={PUBLIC_SECONDS}"
    return response


def dataset_jsonld(request: HttpRequest, slug: str) -> HttpResponse:
    """DCAT-AP for one dataset (by its name, or its id as ckanext-dcat's ``/dataset/<id>.jsonld``)."""
    return _jsonld(dcat.dataset_document(_package(slug), request.build_absolute_uri))


def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    return _jsonld(dcat.catalog_document(packages(), request.build_absolute_uri))
