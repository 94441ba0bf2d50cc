"""Phản ánh, kiến nghị for officials: the feedback addressed to their agencies, answered and published."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.counting import capped_count
from motcua.core.errors import DomainError
from motcua.core.keyset import keyset_page
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import feedback_for_official
from motcua.feedback.services import answer_feedback, set_publication
from motcua.org.access import official_required


@official_required
def feedback_inbox(request):
    status = request.GET.get("trang-thai", Feedback.Status.RECEIVED)
    if status not in Feedback.Status.values:
        status = Feedback.Status.RECEIVED
    items = feedback_for_official(request.user, status=status)
    page = keyset_page(items, request.GET, per_page=20, count=capped_count(items))
    return render(
        request,
        "backoffice/feedback/inbox.html",
        {"page": page, "status": status, "statuses": Feedback.Status.choices},
        status=400 if page.error else 200,
    )


def _item(request, code) -> Feedback:
    found = feedback_for_official(request.user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


@official_required
def feedback_answer(request, code):
    item = _item(request, code)
    if request.method == "POST":
        try:
            answer_feedback(
                feedback=item,
                by=request.user,
                answer=request.POST.get("answer", ""),
                publish=request.POST.get("publish") == "1",
            )
        except DomainError as exc:
            return render(
                request,
                "backoffice/feedback/answer.html",
                {"item": item, "errors": exc.fields, "answer": request.POST.get("answer", "")},
                status=400,
            )
        messages.success(request, _("Đã lưu câu trả lời."))
        return redirect("backoffice:feedback-answer", item.code)
    return render(
        request, "backoffice/feedback/answer.html", {"item": item, "errors": {}, "answer": item.answer}
    )


@official_required
@require_POST
def feedback_publication(request, code):
    item = _item(request, code)
    try:
        set_publication(feedback=item, by=request.user, public=request.POST.get("public") == "1")
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã cập nhật công khai."))
    return redirect("backoffice:feedback-answer", item.code)
