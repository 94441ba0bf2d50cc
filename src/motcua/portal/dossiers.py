"""The applicant's own dossiers: the list, one dossier, its papers, supplement, withdrawal and rating."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.catalogue.eform_fields import display_rows, eform_fields, read_form
from motcua.core.errors import DomainError, InvalidTransition
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.documents.repository import reusable_for, reuse_documents
from motcua.documents.selectors import checklist
from motcua.documents.validation import ACCEPT, ALLOWED_LABEL
from motcua.dossiers import services
from motcua.dossiers.selectors import applicant_history_lines, dossiers_visible_to
from motcua.dossiers.states import CLOSED_STATUSES, Status
from motcua.feedback.selectors import rating_of
from motcua.paperwork import letters
from motcua.payments.selectors import panel_for
from motcua.portal import filing_services as filing
from motcua.portal.access import applicant_required, own_dossier
from motcua.portal.filing import reuse_choices, uploads_from
from motcua.signing.models import ResultDocument
from motcua.signing.selectors import results_visible_to

TABS = [
    ("", gettext_lazy("Tất cả"), None),
    ("bo-sung", gettext_lazy("Cần bổ sung"), Q(status=Status.SUPPLEMENT_REQUESTED)),
    (
        "dang-giai-quyet",
        gettext_lazy("Đang giải quyết"),
        Q(status__in=[Status.SUBMITTED, Status.RECEIVED, Status.PROCESSING, Status.AWAITING_PAYMENT]),
    ),
    ("co-ket-qua", gettext_lazy("Có kết quả"), Q(status__in=[Status.RESULT_READY, Status.RETURNED])),
    ("nhap", gettext_lazy("Bản nháp"), Q(status=Status.DRAFT)),
    (
        "ket-thuc",
        gettext_lazy("Đã kết thúc"),
        Q(status__in=[Status.REJECTED, Status.REFUSED, Status.WITHDRAWN]),
    ),
]


@applicant_required
def my_dossiers(request):
    """Hồ sơ của tôi: statuses and appointment dates, what needs the applicant first."""
    chosen = request.GET.get("loc", "")
    mine = dossiers_visible_to(request.user)
    counts = {
        key: mine.filter(condition).count() if condition is not None else None for key, _l, condition in TABS
    }
    queryset = mine
    for key, _label, condition in TABS:
        if key == chosen and condition is not None:
            queryset = queryset.filter(condition)
    page = Paginator(queryset.order_by("-created_at", "-id"), 20).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/dossiers/list.html",
        {"page": page, "tabs": [(k, label, counts[k]) for k, label, _c in TABS], "chosen": chosen},
    )


def _steps(dossier):
    return applicant_history_lines(dossier)


def _open_supplement_request(dossier):
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return None
    return (
        dossier.events.filter(kind="supplement_requested").select_related("agency").order_by("-seq").first()
    )


@applicant_required
def dossier_detail(request, reference):
    dossier = own_dossier(request, reference)
    return render(
        request,
        "portal/dossiers/detail.html",
        {
            "dossier": dossier,
            "rows": display_rows(dossier.procedure.form_schema, dossier.form_data),
            "lines": checklist(dossier),
            "steps": _steps(dossier),
            "papers": letters.available(dossier),
            "request_event": _open_supplement_request(dossier),
            "panel": panel_for(dossier),
            "rating": rating_of(dossier),
            "results": list(
                results_visible_to(request.user)
                .filter(dossier=dossier, state=ResultDocument.State.SIGNED)
                .order_by("signed_at")
            ),
            "can_withdraw": dossier.status == Status.DRAFT or dossier.status not in CLOSED_STATUSES,
        },
    )


@applicant_required
def paper(request, reference, slug):
    dossier = own_dossier(request, reference)
    return letters.paper_response(slug, dossier)


@applicant_required
def supplement(request, reference):
    """Bổ sung hồ sơ: what the official asked for, and the files (and corrections) to hand in."""
    dossier = own_dossier(request, reference)
    request_event = _open_supplement_request(dossier)
    if request_event is None:
        return redirect("portal:dossier", dossier.uuid)
    procedure = dossier.procedure
    values, errors, message = dossier.form_data, {}, ""
    status = 200
    if request.method == "POST":
        key = request.POST.get("form_key", "")
        form_data = read_form(procedure.form_schema, request.POST) if request.POST.get("edit_form") else None

        def hand_in():
            with transaction.atomic():  # documents reused from the repository and the files, or nothing
                reused = reuse_documents(
                    dossier=dossier, by=request.user, choices=reuse_choices(request, procedure)
                )
                done = filing.supplement_online(
                    dossier=dossier,
                    by=request.user,
                    note=request.POST.get("note", ""),
                    uploads=uploads_from(request, procedure),
                    form_data=form_data,
                    reused=reused,
                )
            return {"dossier": str(done.uuid)}

        try:
            if not valid_form_key(key):
                raise InvalidTransition(_("Biểu mẫu đã hết hạn, vui lòng tải lại trang."))
            once(owner=owner_of(request.user), key=key, work=hand_in)
        except DomainError as exc:
            values = form_data if form_data is not None else dossier.form_data
            errors, message, status = exc.fields, str(exc.message), 400
        else:
            messages.success(request, _("Đã nộp bổ sung. Hồ sơ tiếp tục được giải quyết."))
            return redirect("portal:dossier", dossier.uuid)
    offers = reusable_for(request.user, procedure.documents.all())
    already = set(dossier.attachments.exclude(reused_from=None).values_list("reused_from_id", flat=True))
    components = [
        {
            "component": c,
            "field": f"doc_{c.pk}",
            "errors": errors.get(f"doc_{c.pk}", []),
            "offers": [d for d in offers.get(c.pk, []) if d.pk not in already],
        }
        for c in procedure.documents.all()
    ]
    return render(
        request,
        "portal/dossiers/supplement.html",
        {
            "dossier": dossier,
            "request_event": request_event,
            "missing": request_event.data.get("missing") or [],
            "components": components,
            "other_errors": errors.get("doc_other", []),
            "note_errors": errors.get("note", []),
            "fields": eform_fields(procedure.form_schema, values, errors),
            "edit_form": bool(request.POST.get("edit_form")),
            "form_key": request.POST.get("form_key") if status == 400 else new_form_key(),
            "message": message,
            "accept": ACCEPT,
            "allowed": ALLOWED_LABEL,
            "max_file_bytes": settings.MAX_FILE_BYTES,
        },
        status=status,
    )


@applicant_required
@require_POST
def withdraw(request, reference):
    dossier = own_dossier(request, reference)
    try:
        services.withdraw(dossier=dossier, by=request.user, reason=request.POST.get("reason", "").strip())
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã rút hồ sơ."))
    return redirect("portal:dossier", dossier.uuid)
