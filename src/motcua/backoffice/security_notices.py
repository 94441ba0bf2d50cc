"""Cảnh báo bảo mật: the official reads the notices of unusual sign-ins (``accounts.alerts``) and marks
them seen, one by one or all at once. Every page of /can-bo/ shows only the newest few; the rest are
on their own page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from motcua.accounts.alerts import mark_all_seen, mark_seen, notices_of
from motcua.org.access import backoffice_required


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("backoffice:home")


@backoffice_required
def notices(request):
    """Every notice of the account, newest first, the ones not yet seen marked as such."""
    return render(request, "backoffice/security_notices.html", {"notices": notices_of(request.user)})


@login_required
@require_POST
def seen(request, notice_id: int):
    mark_seen(user=request.user, notice_id=notice_id)
    return _back(request)


@login_required
@require_POST
def seen_all(request):
    mark_all_seen(user=request.user)
    return _back(request)
