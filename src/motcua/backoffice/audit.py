"""Nhật ký truy cập: administrators search the audit log (who looked at, changed or exported what)."""

from __future__ import annotations

import functools
from datetime import date

from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.audit.models import Action
from motcua.audit.services import verify
from motcua.backoffice.audit_words import detail_words
from motcua.core.counting import capped_count
from motcua.core.keyset import keyset_page
from motcua.core.parsing import parse_day
from motcua.dossiers import audit_access
from motcua.org.access import backoffice_required, refused


def _date(value: str, field: str, errors: dict) -> date | None:
    if not value:
        return None
    day = parse_day(value)
    if day is None:
        errors[field] = _("Ngày không hợp lệ (YYYY-MM-DD).")
    return day


def audit_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not audit_access.may_search(request.user):
            return refused(request, _("Trang này dành cho quản trị viên."))
        return view(request, *args, **kwargs)

    return wrapper


@backoffice_required
@audit_required
def audit_search(request):
    params = request.GET
    errors: dict[str, str] = {}
    since = _date(params.get("tu", ""), "tu", errors)
    until = _date(params.get("den", ""), "den", errors)
    action = params.get("hanh_dong", "") if params.get("hanh_dong", "") in Action.values else ""
    entries = audit_access.search(
        user=request.user,
        actor=params.get("nguoi", ""),
        action=action,
        object_ref=params.get("doi_tuong", ""),
        since=since,
        until=until,
    )
    page = keyset_page(entries, params, per_page=50, count=capped_count(entries))
    for entry in page:
        entry.words = detail_words(entry.detail)
    chain = verify() if params.get("kiem_tra") == "1" else None
    return render(
        request,
        "backoffice/audit.html",
        {"page": page, "actions": Action.choices, "params": params, "errors": errors, "chain": chain},
        status=400 if errors or page.error else 200,
    )
