"""The public page of the figures (/so-lieu/): the same aggregates as the dashboard, for everyone,
with no personal data (no dossier, no name: counts, rates and scores per unit)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from motcua.org.selectors import active_agencies
from motcua.reports.backoffice import chart_data, query
from motcua.reports.dashboard import BREAKDOWN, CARDS, Selection, board, display, indicator_label
from motcua.reports.forms import DashboardFilters
from motcua.reports.selectors import as_of


def figures_page(request):
    everyone = frozenset(active_agencies().values_list("id", flat=True))
    form = DashboardFilters(request.GET or None, agency_ids=set(everyone))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    field = data.get("field")
    selection = Selection(
        period=form.chosen_period(),
        reach=everyone,
        agency=data.get("agency"),
        level=data.get("level") or None,
        field_id=field.id if field else None,
        procedure=data.get("procedure"),
    )
    found = board(selection)
    return render(
        request,
        "reports/public.html",
        {
            "form": form,
            "selection": selection,
            "board": found,
            "cards": [(code, indicator_label(code), display(code, found.values[code])) for code in CARDS],
            "columns": [indicator_label(code) for code in BREAKDOWN],
            "rows": [
                {
                    "row": row,
                    "cells": [(indicator_label(code), display(code, row.values[code])) for code in BREAKDOWN],
                    "drill": query(
                        request,
                        **(
                            {"agency": row.key}
                            if selection.breakdown_by == "agency"
                            else {"procedure": row.key}
                        ),
                    ),
                }
                for row in found.rows
            ],
            "trend": [
                (month, [display(c, v[c]) for c in ("received", "online_rate", "on_time_rate")])
                for month, v in found.trend
            ],
            "chart_data": chart_data(found),
            "as_of": as_of() or timezone.now(),
            "up": query(request, procedure=None)
            if selection.procedure
            else (query(request, agency=None) if selection.agency else None),
        },
    )
