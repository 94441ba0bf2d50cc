"""Tra cứu hồ sơ: the public status by dossier code or by the receipt's QR code, and the rating.

Anyone may look a dossier up; the page shows no personal data unless the
visitor is signed in as its applicant. The rating needs the QR token (or the
applicant's sign-in): a dossier code is easy to guess, a token is not.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.catalogue.eform_fields import display_rows
from motcua.core.codes import looks_like_dossier_code
from motcua.core.errors import DomainError, NotFound
from motcua.core.parsing import parse_small_int
from motcua.dossiers.event_kinds import event_label
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import public_status
from motcua.dossiers.states import Status
from motcua.feedback.models import Rating
from motcua.feedback.questions import QUESTIONS, SCALE
from motcua.feedback.selectors import rating_of
from motcua.feedback.services import rate_dossier
from motcua.paperwork.selectors import dossier_for_token
from motcua.portal.access import applicant_required, lookup_limited, own_dossier


def _status_context(request, code: str, *, token: str = "") -> dict:
    status = public_status(code)
    steps = [{**step, "label": event_label(step["event"])} for step in status.steps]
    context = {"status": status, "steps": steps, "token": token}
    user = request.user
    if user.is_authenticated and getattr(user, "is_applicant", False):
        mine = Dossier.objects.filter(code=status.code, applicant=user).select_related("procedure").first()
        if mine is not None:
            context["mine"] = mine
            context["rows"] = display_rows(mine.procedure.form_schema, mine.form_data)
    if token and status.status == Status.RETURNED:
        context["can_rate"] = True
    return context


@lookup_limited
def lookup(request):
    """The form, and the answer when a code was typed (``?ma=``)."""
    code = request.GET.get("ma", "").strip()[:64]
    context = {"code": code}
    if code:
        try:
            context.update(_status_context(request, code))
        except NotFound:
            context["not_found"] = True
            return render(request, "portal/lookup/lookup.html", context, status=404)
    return render(request, "portal/lookup/lookup.html", context)


@lookup_limited
def lookup_reference(request, reference):
    """``/tra-cuu/<token>/`` (the receipt's QR code) or ``/tra-cuu/<code>/``."""
    reference = reference.strip()
    try:
        if looks_like_dossier_code(reference):
            context = _status_context(request, reference)
            context["code"] = reference
        else:
            dossier = dossier_for_token(reference)
            context = _status_context(request, dossier.code, token=reference)
            context["code"] = dossier.code
            context["rated"] = rating_of(dossier) is not None
            context["can_activate"] = not request.user.is_authenticated and dossier.channel != "online"
    except NotFound:
        return render(request, "portal/lookup/lookup.html", {"code": "", "not_found": True}, status=404)
    return render(request, "portal/lookup/lookup.html", context)


def _scores(posted) -> dict:
    scores = {}
    for question in QUESTIONS:
        value = parse_small_int(posted.get(question.code, ""), low=0, high=100)
        if value is not None:
            scores[question.code] = value
    return scores


def _rate(request, dossier, *, channel: str, back: str):
    existing = rating_of(dossier)
    context = {"dossier": dossier, "questions": QUESTIONS, "scale": SCALE, "back": back, "rating": existing}
    if existing is not None:
        return render(request, "portal/lookup/rated.html", context)
    if dossier.status != Status.RETURNED:
        context["message"] = _("Chỉ đánh giá được hồ sơ đã trả kết quả.")
        return render(request, "portal/lookup/rate.html", context, status=409)
    if request.method == "POST":
        scores = _scores(request.POST)
        try:
            rating = rate_dossier(
                dossier=dossier,
                scores=scores,
                comment=request.POST.get("comment", ""),
                channel=channel,
                by=request.user if request.user.is_authenticated else None,
            )
        except DomainError as exc:
            context.update(
                {
                    "errors": exc.fields,
                    "message": str(exc.message),
                    "chosen": scores,
                    "comment": request.POST.get("comment", ""),
                }
            )
            return render(request, "portal/lookup/rate.html", context, status=400)
        context["rating"] = rating
        context["thanks"] = True
        return render(request, "portal/lookup/rated.html", context)
    return render(request, "portal/lookup/rate.html", context)


@lookup_limited
def rate_by_token(request, token):
    """Đánh giá from the QR code on the receipt or the hand-over record."""
    try:
        dossier = dossier_for_token(token)
    except NotFound:
        return render(request, "portal/lookup/lookup.html", {"code": "", "not_found": True}, status=404)
    return _rate(request, dossier, channel=Rating.Channel.QR, back=f"/tra-cuu/{token}/")


@applicant_required
def rate_own(request, reference):
    dossier = own_dossier(request, reference)
    if request.method == "GET" and rating_of(dossier) is not None:
        return redirect("portal:dossier", dossier.uuid)
    return _rate(request, dossier, channel=Rating.Channel.PORTAL, back=f"/ho-so/{dossier.uuid}/")
