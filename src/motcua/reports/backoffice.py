"""The officials' pages of the reports: the dashboard (/can-bo/chi-so/), its drill-down to the late
dossiers, and its files (CSV, XLSX, the periodic report, the dossier ledger)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.selectors import late_dossiers
from motcua.org.access import backoffice_required, is_official, refused
from motcua.org.models import Agency
from motcua.org.selectors import OVERSEEING_ROLES, reach_of
from motcua.reports.dashboard import BREAKDOWN, CARDS, Selection, board, display, indicator_label
from motcua.reports.forms import DashboardFilters
from motcua.reports.selectors import as_of


def reach(request) -> frozenset[int]:
    """The agencies whose figures the official sees: where they lead or administer, and below. The
    superuser (the provincial administrator of ``motcua demo``) oversees every agency, with or without
    an official's record."""
    if request.user.is_superuser:
        return frozenset(Agency.objects.values_list("pk", flat=True))
    official = getattr(request.user, "official", None)
    return frozenset(reach_of(official).agencies(OVERSEEING_ROLES)) if official is not None else frozenset()


def not_for_you(request):
    return refused(
        request,
        _("Trang chỉ số dành cho lãnh đạo và quản trị của một cơ quan: bạn chưa có vai trò đó."),
    )


def selection_of(request, agency_ids: frozenset[int]) -> tuple[DashboardFilters, Selection]:
    form = DashboardFilters(request.GET or None, agency_ids=set(agency_ids))
    period = form.chosen_period()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    field = data.get("field")
    return form, Selection(
        period=period,
        reach=agency_ids,
        agency=data.get("agency"),
        level=data.get("level") or None,
        field_id=field.id if field else None,
        procedure=data.get("procedure"),
    )


def query(request, **changes) -> str:
    """The current filters with ``changes`` (``None`` removes one), as a query string."""
    params: QueryDict = request.GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    params.pop("trang", None)
    return params.urlencode()


def chart_data(found) -> dict:
    rows = [
        {
            "name": row.name,
            "received": row.values["received"] or 0,
            "on_time": round((row.values["on_time_rate"] or 0) * 100, 1),
        }
        for row in found.rows[:15]
    ]
    return {
        "breakdown": rows,
        "trend": [
            {
                "month": f"{month:%m/%Y}",
                "received": v["received"] or 0,
                "online": round((v["online_rate"] or 0) * 100, 1),
                "on_time": round((v["on_time_rate"] or 0) * 100, 1),
            }
            for month, v in found.trend
        ],
        "score": [
            {"name": str(group.group.label), "points": group.points, "max": group.group.points}
            for group in found.score.groups
        ],
        "labels": {
            "received": _("Hồ sơ tiếp nhận"),
            "online": _("Tỷ lệ trực tuyến (%)"),
            "on_time": _("Tỷ lệ đúng hạn (%)"),
            "points": _("Điểm đạt"),
            "max": _("Điểm tối đa"),
        },
    }


@backoffice_required
def dashboard(request):
    agency_ids = reach(request)
    if not agency_ids:
        return not_for_you(request)
    form, selection = selection_of(request, agency_ids)
    found = board(selection)
    cards = [(code, indicator_label(code), display(code, found.values[code])) for code in CARDS]
    rows = [
        {
            "row": row,
            "cells": [(indicator_label(code), display(code, row.values[code])) for code in BREAKDOWN],
            "drill": query(
                request,
                **({"agency": row.key} if selection.breakdown_by == "agency" else {"procedure": row.key}),
            ),
        }
        for row in found.rows
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "selection": selection,
            "board": found,
            "cards": cards,
            "columns": [indicator_label(code) for code in BREAKDOWN],
            "rows": rows,
            "trend": [
                (month, [display(c, v[c]) for c in ("received", "online_rate", "on_time_rate")])
                for month, v in found.trend
            ],
            "chart_data": chart_data(found),
            "as_of": as_of() or timezone.now(),
            "now": timezone.now(),
            "query": query(request),
            "up": query(request, procedure=None)
            if selection.procedure
            else (query(request, agency=None) if selection.agency else None),
            "late_query": query(request),
        },
    )


@backoffice_required
def late(request):
    """The late dossiers of the selection: open past their appointment, or settled after it."""
    agency_ids = reach(request)
    if not agency_ids:
        return not_for_you(request)
    form, selection = selection_of(request, agency_ids)
    dossiers = late_dossiers(
        agency_ids=selection.agency_ids,
        start=selection.period.start,
        end=selection.period.end,
        procedure_id=selection.procedure.id if selection.procedure else None,
    )
    if selection.field_id:
        dossiers = dossiers.filter(procedure__field_id=selection.field_id)
    if selection.level:
        dossiers = dossiers.filter(competent_agency__unit__level=selection.level)
    page = Paginator(dossiers, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "reports/late.html",
        {
            "form": form,
            "selection": selection,
            "page": page,
            "back": query(request),
            "now": timezone.now(),
            # The workspace opens a dossier to officials; the system administrator without an
            # official's record sees the figures and the codes, not a link to a page refused to them.
            "can_open": is_official(request.user),
        },
    )
