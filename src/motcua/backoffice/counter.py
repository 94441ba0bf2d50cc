"""The one-stop-shop counter (bộ phận một cửa): the reception queue, walk-in reception, the
dossier at the counter (receive, ask for a supplement, reject, return the result) and its papers.

Thin: every change is a service of ``dossiers`` (or ``documents``), every paper a
``paperwork.letters`` rendering; a refused action shows the service's message.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.backoffice import dossier_panels
from motcua.backoffice.counter_queues import (
    QUEUES,
    queue,
    queue_counts,
    receiving_agencies,
    receiving_agency_ids,
)
from motcua.catalogue.eform_fields import display_rows
from motcua.core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.core.keyset import keyset_page
from motcua.core.money import format_vnd
from motcua.core.parsing import parse_id
from motcua.core.uploads import oversized_uploads
from motcua.documents.models import Attachment
from motcua.documents.services import Upload, attach_files
from motcua.documents.validation import ACCEPT, ALLOWED_LABEL
from motcua.dossiers.actions import ACTIONS, form_values
from motcua.dossiers.fees import FeeDue, Method, collected_fee, fee_due, read_collected_fee
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import dossiers_visible_to, history_lines, read_dossier_for
from motcua.dossiers.states import Status
from motcua.org.access import official_required, refused
from motcua.paperwork import letters
from motcua.paperwork.services import issue_lookup_token
from motcua.payments.selectors import counter_panel_for, paid_for
from motcua.workspace import services as workspace_services
from motcua.workspace.process import step_after
from motcua.workspace.steps import current_task

COUNTER_ACTIONS = ("receive", "request_supplement", "reject", "return_result")
# The statuses in which an action's work is already done (a repeated click then just shows the dossier).
DONE_WHEN = {
    "receive": (Status.RECEIVED, Status.PROCESSING),
    "request_supplement": (Status.SUPPLEMENT_REQUESTED,),
    "reject": (Status.REJECTED,),
    "return_result": (Status.RETURNED,),
    "hand_over": (Status.PROCESSING,),
}


PER_PAGE = 25  # dossiers on a page of a counter queue


def _hand_over_step(request, dossier):
    """The step a received dossier goes to next, when this official may hand it over from the counter."""
    if dossier.status != Status.RECEIVED:
        return None
    task = current_task(dossier)
    if task is None or not workspace_services.can_work_on(request.user.official, task):
        return None
    return step_after(dossier, task.step_order)


def receiver_required(view=None, *, others_to_workspace: bool = False):
    """An official with the receiver role somewhere (the counter's pages).

    ``others_to_workspace``: a processor or leader following a link to the counter's page of a
    dossier they may see goes to their own page of it, which has everything (files, result, papers).
    """
    if view is None:
        return functools.partial(receiver_required, others_to_workspace=others_to_workspace)

    @official_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        agencies = receiving_agencies(request.user.official)
        if not agencies:
            if others_to_workspace:
                return _to_workspace(request, kwargs["code"])
            return refused(request, _("Trang này dành cho cán bộ có vai trò tiếp nhận (một cửa)."))
        request.counter_agencies = agencies
        return view(request, *args, **kwargs)

    return wrapper


def _to_workspace(request, code):
    if not dossiers_visible_to(request.user).filter(code=code).exists():
        raise Http404
    return redirect("workspace:dossier", code)


@receiver_required
def counter_home(request):
    """Hàng chờ: online dossiers waiting for reception first (oldest first), then the other queues."""
    official = request.user.official
    agencies = receiving_agency_ids(official)  # once for the page and its counts
    chosen, dossiers = queue(official, request.GET.get("hang", ""), agencies=agencies)
    counts = queue_counts(official, agencies=agencies)
    page = keyset_page(dossiers, request.GET, per_page=PER_PAGE, count=counts[chosen.key])
    return render(
        request,
        "backoffice/counter/queue.html",
        {
            "queues": [(q, counts[q.key]) for q in QUEUES],
            "chosen": chosen,
            "page": page,
            "agencies": request.counter_agencies,
        },
        status=400 if page.error else 200,
    )


def _counter_dossier(request, code):
    try:
        dossier = read_dossier_for(request.user, code, view="counter")
    except NotFound:
        raise Http404 from None
    if (
        dossier.receiving_agency_id not in {a.pk for a in request.counter_agencies}
        and not request.user.is_superuser
    ):
        raise Http404
    return dossier


def _fee_due_at_return(dossier) -> FeeDue:
    """Trả kết quả, thu phí, lệ phí: the catalogue's fees, unless a payment already settled them
    (online when filing or when asked, or at the counter's fee page): then nothing more is taken."""
    return FeeDue([]) if paid_for(dossier) else fee_due(dossier.procedure)


def _dossier_context(request, dossier, **extra):
    actions = [a for a in allowed_actions(dossier, request.user) if a in COUNTER_ACTIONS]
    due = _fee_due_at_return(dossier)
    paid = paid_for(dossier)
    return {
        "dossier": dossier,
        "rows": display_rows(dossier.procedure.form_schema, dossier.form_data),
        "files": dossier_panels.files(dossier),
        "result": dossier_panels.result(dossier, request.user),
        "components": list(dossier.procedure.documents.all()),
        "steps": history_lines(dossier),
        "actions": actions,
        "hand_over_step": _hand_over_step(request, dossier),
        "papers": dossier_panels.papers(dossier, "backoffice:counter-paper"),
        "fee_due": due,
        "fee_due_text": format_vnd(due.total).removesuffix(" đ"),
        "fees_settled": bool(paid),
        "fee_paid": sum(p.amount for p in paid),
        "fee_paid_receipts": ", ".join(p.receipt_number for p in paid if p.receipt_number),
        "fee_methods": Method.choices,
        "collected": collected_fee(dossier),
        "fees_panel": counter_panel_for(dossier),
        "accept": ACCEPT,
        "allowed": ALLOWED_LABEL,
        "form_errors": {},
        "field_errors": {},
        "posted": {},
        "form_key": extra.pop("form_key", "") or new_form_key(),
        **extra,
    }


@receiver_required(others_to_workspace=True)
def counter_dossier(request, code):
    dossier = _counter_dossier(request, code)
    return render(request, "backoffice/counter/dossier.html", _dossier_context(request, dossier))


@receiver_required
@require_POST
def counter_action(request, code, action):
    """Tiếp nhận, yêu cầu bổ sung, từ chối, trả kết quả (thu phí, lệ phí), bản quét: one service each.

    A repeated POST of the same form (a double click, a reload) answers as the first one did
    (``core.idempotency``); a colleague who was quicker is told the dossier's status.
    """
    if action not in (*COUNTER_ACTIONS, "hand_over", "scan"):
        raise Http404
    dossier = _counter_dossier(request, code)
    key = request.POST.get("form_key", "")
    try:
        if valid_form_key(key):
            outcome, _repeated = once(
                owner=owner_of(request.user), key=key, work=lambda: _counter_work(request, dossier, action)
            )
        else:
            outcome = _counter_work(request, dossier, action)
    except InvalidTransition as exc:
        dossier.refresh_from_db()
        if dossier.status in DONE_WHEN.get(action, ()):
            # A colleague at the next counter was quicker: the work is done.
            messages.info(
                request, _("Hồ sơ đã ở trạng thái “%(status)s”.") % {"status": dossier.get_status_display()}
            )
            return redirect("backoffice:counter-dossier", dossier.code)
        context = _dossier_context(
            request, dossier, message=str(exc.message), open_action=action, form_key=_kept(key)
        )
        return render(request, "backoffice/counter/dossier.html", context, status=409)
    except DomainError as exc:
        context = _dossier_context(
            request,
            dossier,
            message=str(exc.message),
            form_errors={action: [m for texts in exc.fields.values() for m in texts]},
            field_errors=exc.fields,
            posted=request.POST,
            open_action=action,
            form_key=_kept(key),
        )
        return render(request, "backoffice/counter/dossier.html", context, status=400)
    messages.success(request, outcome["message"])
    return redirect("backoffice:counter-dossier", dossier.code)


def _kept(key: str) -> str:
    return key if valid_form_key(key) else ""


def _counter_work(request, dossier, action) -> dict:
    posted = request.POST
    if action == "hand_over":
        workspace_services.hand_over(dossier=dossier, by=request.user, note=posted.get("note", "").strip())
        done = _("Đã chuyển hồ sơ sang bước xử lý tiếp theo.")
    elif action in COUNTER_ACTIONS:  # a transition of the dossier: the one action table
        transition = ACTIONS[action]
        extra = {}
        if action == "return_result":
            due = _fee_due_at_return(dossier).total
            extra["fee"] = read_collected_fee(
                amount=posted.get("amount", "" if due else "0"),
                receipt_number=posted.get("receipt_number", ""),
                method=posted.get("method", ""),
                due=due,
            )
        dossier = transition.perform(
            dossier=dossier, by=request.user, values=form_values(transition, posted, dossier), **extra
        )
        if action == "receive":
            issue_lookup_token(dossier=dossier)
        done = transition.message(at_counter=True)
    else:  # scan
        if oversized_uploads(request):
            names = ", ".join(name for _field, name in oversized_uploads(request))
            raise ValidationFailed(
                fields={
                    "scan": [
                        _("Tệp “%(name)s” vượt mức tối đa %(limit)s cho một tệp.")
                        % {"name": names, "limit": filesizeformat(settings.MAX_FILE_BYTES)}
                    ]
                }
            )
        uploads = [Upload(file=f, component=None, field="scan") for f in request.FILES.getlist("scan")]
        component_id = parse_id(posted.get("component", ""))
        if component_id is not None:
            component = dossier.procedure.documents.filter(pk=component_id).first()
            uploads = [Upload(file=u.file, component=component, field="scan") for u in uploads]
        if not uploads:
            raise ValidationFailed(fields={"scan": [_("Chọn tệp bản quét.")]})
        attach_files(dossier=dossier, by=request.user, uploads=uploads, stage=Attachment.Stage.COUNTER)
        done = _("Đã đính kèm bản quét.")
    return {"message": str(done)}


@receiver_required
def counter_paper(request, code, slug):
    dossier = _counter_dossier(request, code)
    return letters.paper_response(slug, dossier)
