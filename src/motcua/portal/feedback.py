"""Phản ánh, kiến nghị: send one (with a tracking code back), follow it, read the published answers."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.core import proof_of_work
from motcua.core.errors import DomainError, NotFound
from motcua.core.idempotency import new_form_key, once, valid_form_key
from motcua.feedback.selectors import feedback_by_code, published_feedback
from motcua.feedback.services import send_feedback
from motcua.portal.access import lookup_limited
from motcua.portal.forms import FeedbackForm, apply_errors


def feedback_list(request):
    page = Paginator(published_feedback(), 10).get_page(request.GET.get("trang"))
    return render(request, "portal/feedback/list.html", {"page": page})


def _owner(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return "anonymous-feedback"


def feedback_new(request):
    initial = {"kind": "complaint"}
    if request.user.is_authenticated and getattr(request.user, "is_applicant", False):
        initial.update(
            sender_name=request.user.full_name,
            sender_phone=request.user.phone,
            sender_email=request.user.email,
        )
    if request.GET.get("ho-so"):
        initial["dossier_code"] = request.GET["ho-so"][:64]
    if request.method != "POST":
        key = new_form_key()
        return render(
            request,
            "portal/feedback/new.html",
            {
                "form": FeedbackForm(initial=initial),
                "form_key": key,
                "pow_challenge": _challenge(request, key),
            },
        )
    form = FeedbackForm(request.POST)
    key = request.POST.get("form_key", "")
    if not request.user.is_authenticated and not proof_of_work.is_solved(
        challenge=request.POST.get("pow_challenge", ""),
        solution=request.POST.get("pow_solution", ""),
        form_key=key,
    ):
        form.add_error(
            None,
            _(
                "Trình duyệt chưa hoàn tất bước chống gửi tự động; vui lòng bật JavaScript, chờ giây lát rồi gửi lại."
            ),
        )
        key = new_form_key()
    elif form.is_valid() and valid_form_key(key):
        values = form.cleaned_data

        def send():
            sent = send_feedback(
                kind=values["kind"],
                subject=values["subject"],
                content=values["content"],
                sender_name=values["sender_name"],
                sender_phone=values["sender_phone"],
                sender_email=values["sender_email"],
                agency=values["agency"],
                dossier_code=values["dossier_code"],
                sender=request.user,
            )
            return {"code": sent.code}

        try:
            outcome, _repeated = once(owner=_owner(request), key=key, work=send)
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            return redirect("portal:feedback-sent", outcome["code"])
    elif not valid_form_key(key):
        form.add_error(None, _("Biểu mẫu đã hết hạn, vui lòng gửi lại."))
    key = key if valid_form_key(key) else new_form_key()
    return render(
        request,
        "portal/feedback/new.html",
        {"form": form, "form_key": key, "pow_challenge": _challenge(request, key)},
        status=400,
    )


def _challenge(request, key: str) -> str:
    """Anonymous senders' browsers do a second of work per message (core.proof_of_work)."""
    return "" if request.user.is_authenticated else proof_of_work.new_challenge(key)


def feedback_sent(request, code):
    return render(request, "portal/feedback/sent.html", {"code": code})


@lookup_limited
def feedback_track(request):
    code = request.GET.get("ma", "").strip()[:32]
    context = {"code": code}
    if code:
        try:
            context["item"] = feedback_by_code(code)
        except NotFound as exc:
            context["not_found"] = str(exc.message)
            return render(request, "portal/feedback/track.html", context, status=404)
    return render(request, "portal/feedback/track.html", context)
