"""Cảnh báo bảo mật: the official marks a notice of an unusual sign-in seen (``accounts.alerts``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from motcua.accounts.alerts import mark_seen


@login_required
@require_POST
def seen(request, notice_id: int):
    mark_seen(user=request.user, notice_id=notice_id)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("backoffice:home")
