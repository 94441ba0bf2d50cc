"""The one-stop-shop counter (bộ phận một cửa): the reception queue, walk-in reception, the
dossier at the counter (receive, ask for a supplement, reject, return the result) and its papers.

Thin: every change is a service of ``dossiers`` (or ``documents``), every paper a
``paperwork.letters`` rendering; a refused action shows the service's message.
"""

from __future__ import annotations

import functools
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.identity import IdentityError, parse_personal_id, parse_tax_code
from motcua.accounts.models import User
from motcua.accounts.services import register_business, register_citizen
from motcua.backoffice.counter_queues import QUEUES, queue, queue_counts, receiving_agencies
from motcua.backoffice.views import official_required
from motcua.catalogue.eform_fields import display_rows, eform_fields, read_form
from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import procedures_matching
from motcua.core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from motcua.core.once import new_form_key, once, owner_of, valid_form_key
from motcua.core.parsing import parse_id
from motcua.documents.models import Attachment
from motcua.documents.selectors import checklist
from motcua.documents.services import Upload, attach_files
from motcua.documents.uploads import oversized_uploads
from motcua.documents.validation import ACCEPT, ALLOWED_LABEL
from motcua.dossiers import services
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import history, read_dossier_for
from motcua.dossiers.states import Status
from motcua.org.models import Agency
from motcua.paperwork import letters
from motcua.paperwork.services import issue_lookup_token
from motcua.portal.events import history_lines

COUNTER_ACTIONS = ("receive", "request_supplement", "reject", "return_result")
# The statuses in which an action's work is already done (a repeated click then just shows the dossier).
DONE_WHEN = {
    "receive": (Status.RECEIVED, Status.PROCESSING),
    "request_supplement": (Status.SUPPLEMENT_REQUESTED,),
    "reject": (Status.REJECTED,),
    "return_result": (Status.RETURNED,),
}


def receiver_required(view):
    """An official with the receiver role somewhere (the counter's pages)."""

    @official_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        agencies = receiving_agencies(request.user.official)
        if not agencies:
            return render(
                request,
                "backoffice/counter/not_receiver.html",
                {"message": _("Trang này dành cho cán bộ có vai trò tiếp nhận (một cửa).")},
                status=403,
            )
        request.counter_agencies = agencies
        return view(request, *args, **kwargs)

    return wrapper


@receiver_required
def counter_home(request):
    """Hàng chờ: online dossiers waiting for reception first (oldest first), then the other queues."""
    official = request.user.official
    chosen, dossiers = queue(official, request.GET.get("hang", ""))
    page = Paginator(dossiers, 25).get_page(request.GET.get("trang"))
    counts = queue_counts(official)
    return render(
        request,
        "backoffice/counter/queue.html",
        {
            "queues": [(q, counts[q.key]) for q in QUEUES],
            "chosen": chosen,
            "page": page,
            "agencies": request.counter_agencies,
        },
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


def _dossier_context(request, dossier, **extra):
    actions = [a for a in allowed_actions(dossier, request.user) if a in COUNTER_ACTIONS]
    return {
        "dossier": dossier,
        "rows": display_rows(dossier.procedure.form_schema, dossier.form_data),
        "lines": checklist(dossier),
        "components": list(dossier.procedure.documents.all()),
        "steps": history_lines(history(dossier)),
        "actions": actions,
        "papers": letters.available(dossier),
        "accept": ACCEPT,
        "allowed": ALLOWED_LABEL,
        "form_errors": {},
        **extra,
    }


@receiver_required
def counter_dossier(request, code):
    dossier = _counter_dossier(request, code)
    return render(request, "backoffice/counter/dossier.html", _dossier_context(request, dossier))


@receiver_required
@require_POST
def counter_action(request, code, action):
    """Tiếp nhận, yêu cầu bổ sung, từ chối, trả kết quả: one service each."""
    dossier = _counter_dossier(request, code)
    posted = request.POST
    try:
        if action == "receive":
            dossier = services.receive(dossier=dossier, by=request.user, note=posted.get("note", "").strip())
            issue_lookup_token(dossier=dossier)
            done = _("Đã tiếp nhận hồ sơ. In giấy tiếp nhận và hẹn trả kết quả cho công dân.")
        elif action == "request_supplement":
            names = {str(c.pk): c.name for c in dossier.procedure.documents.all()}
            missing = [names[k] for k in posted.getlist("missing") if k in names]
            missing += [line.strip() for line in posted.get("missing_other", "").splitlines() if line.strip()]
            if not missing:
                raise ValidationFailed(
                    fields={"missing": [_("Chọn hoặc ghi rõ giấy tờ, nội dung cần bổ sung.")]}
                )
            dossier = services.request_supplement(
                dossier=dossier, by=request.user, reason=posted.get("reason", "").strip(), missing=missing
            )
            done = _("Đã gửi yêu cầu bổ sung. In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.")
        elif action == "reject":
            dossier = services.reject(
                dossier=dossier, by=request.user, reason=posted.get("reason", "").strip()
            )
            done = _("Đã từ chối tiếp nhận. In phiếu từ chối tiếp nhận giải quyết hồ sơ.")
        elif action == "return_result":
            dossier = services.return_result(
                dossier=dossier, by=request.user, note=posted.get("note", "").strip()
            )
            done = _("Đã trả kết quả. In biên bản giao nhận kết quả.")
        elif action == "scan":
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
        else:
            raise Http404
    except InvalidTransition as exc:
        dossier.refresh_from_db()
        if dossier.status in DONE_WHEN.get(action, ()):
            # A double click, or a colleague at the next counter was quicker: the work is done.
            messages.info(
                request, _("Hồ sơ đã ở trạng thái “%(status)s”.") % {"status": dossier.get_status_display()}
            )
            return redirect("backoffice:counter-dossier", dossier.code)
        context = _dossier_context(
            request, dossier, message=str(exc.message), form_errors={}, open_action=action
        )
        return render(request, "backoffice/counter/dossier.html", context, status=409)
    except DomainError as exc:
        context = _dossier_context(
            request,
            dossier,
            message=str(exc.message),
            form_errors={action: [m for texts in exc.fields.values() for m in texts]},
            open_action=action,
        )
        return render(request, "backoffice/counter/dossier.html", context, status=400)
    messages.success(request, done)
    return redirect("backoffice:counter-dossier", dossier.code)


@receiver_required
def counter_paper(request, code, slug):
    dossier = _counter_dossier(request, code)
    return letters.paper_response(slug, dossier)


# -- walk-in reception -----------------------------------------------------------------------


def _identity(number: str) -> tuple[str, str]:
    """(kind, normalised number) of a personal ID (12 digits) or a tax code; ValidationFailed otherwise."""
    number = (number or "").strip().replace(" ", "")
    if not number:
        raise ValidationFailed(fields={"so": [_("Nhập số định danh cá nhân hoặc mã số thuế của người nộp.")]})
    try:
        if len(number) == 12 and number.isdigit():
            return "citizen", parse_personal_id(number).number
        if number.replace("-", "").isdigit() and len(number.replace("-", "")) in (10, 13):
            return "business", parse_tax_code(number)
        parse_personal_id(number)  # the message says what is wrong with it as a personal ID
    except IdentityError as exc:
        raise ValidationFailed(fields={"so": [str(exc)]}) from None
    raise ValidationFailed(
        fields={"so": [_("Số định danh cá nhân gồm 12 chữ số; mã số thuế gồm 10 hoặc 13 chữ số.")]}
    )


def _existing_applicant(kind: str, number: str) -> User | None:
    lookup = {"personal_id": number} if kind == "citizen" else {"tax_code": number}
    return User.objects.filter(kind__in=[User.Kind.CITIZEN, User.Kind.BUSINESS], **lookup).first()


@receiver_required
def walk_in(request):
    """Tiếp nhận trực tiếp, bước 1: who (personal ID or tax code) and which procedure."""
    number = request.GET.get("so", "").strip()
    text = request.GET.get("q", "").strip()
    context = {"so": number, "q": text, "errors": {}}
    if number:
        try:
            kind, normalised = _identity(number)
            context["applicant"] = _existing_applicant(kind, normalised)
            context["identity_ok"] = True
        except ValidationFailed as exc:
            context["errors"] = exc.fields
    if text:
        context["procedures"] = procedures_matching(text=text)[:15]
    if request.headers.get("HX-Request"):
        return render(request, "backoffice/counter/_procedure_choices.html", context)
    return render(
        request, "backoffice/counter/walk_in.html", context, status=400 if context["errors"] else 200
    )


def _walk_in_context(request, procedure, kind, number, *, values=None, errors=None, message="", form_key=""):
    errors = errors or {}
    agencies = request.counter_agencies
    return {
        "procedure": procedure,
        "kind": kind,
        "number": number,
        "applicant": _existing_applicant(kind, number),
        "agencies": agencies,
        "competent_choices": list(procedure.agencies.filter(is_active=True).order_by("name")),
        "components": list(procedure.documents.all()),
        "fields": eform_fields(procedure.form_schema, values or {}, errors),
        "errors": errors,
        "message": message,
        "form_key": form_key or new_form_key(),
        "posted": request.POST,
        "ticked": set(request.POST.getlist("documents")),
    }


def _applicant_for(kind: str, number: str, posted) -> User:
    existing = _existing_applicant(kind, number)
    if existing is not None:
        return existing
    if kind == "business":
        return register_business(
            tax_code=number,
            name=posted.get("name", ""),
            phone=posted.get("phone", "").strip(),
            address=posted.get("address", "").strip(),
        )
    try:
        birth = date.fromisoformat(posted.get("birth_date", ""))
    except ValueError:
        raise ValidationFailed(fields={"birth_date": [_("Nhập ngày sinh hợp lệ.")]}) from None
    sex = posted.get("sex")
    return register_citizen(
        personal_id=number,
        full_name=posted.get("full_name", ""),
        birth_date=birth,
        is_male=None if sex not in ("male", "female") else sex == "male",
        phone=posted.get("phone", "").strip(),
        address=posted.get("address", "").strip(),
    )


@receiver_required
def walk_in_record(request, code):
    """Bước 2: the applicant (found or registered), the checklist, the e-form; the dossier is received at once."""
    procedure = Procedure.objects.filter(code=code, is_active=True).first()
    if procedure is None:
        raise Http404
    try:
        kind, number = _identity(request.GET.get("so") or request.POST.get("so", ""))
    except ValidationFailed as exc:
        messages.error(request, "; ".join(exc.fields.get("so", [])))
        return redirect(reverse("backoffice:walk-in") + "?" + urlencode({"q": procedure.code}))
    if request.method != "POST":
        return render(
            request,
            "backoffice/counter/walk_in_record.html",
            _walk_in_context(request, procedure, kind, number),
        )
    posted = request.POST
    form_data = read_form(procedure.form_schema, posted)
    key = posted.get("form_key", "")

    def receive():
        agency = _chosen(request.counter_agencies, posted.get("agency"))
        if agency is None:
            raise ValidationFailed(fields={"agency": [_("Chọn nơi tiếp nhận.")]})
        competent = _chosen(procedure.agencies.filter(is_active=True), posted.get("competent_agency"))
        with transaction.atomic():
            applicant = _applicant_for(kind, number, posted)
            dossier = services.receive_at_counter(
                official=request.user.official,
                agency=agency,
                applicant=applicant,
                procedure=procedure,
                form_data=form_data,
                documents_received=[i for i in map(parse_id, posted.getlist("documents")) if i is not None],
                competent_agency=competent,
                note=posted.get("note", "").strip(),
            )
            issue_lookup_token(dossier=dossier)
        return {"code": dossier.code}

    try:
        if not valid_form_key(key):
            raise ValidationFailed(_("Biểu mẫu đã hết hạn, vui lòng nhập lại."))
        outcome, _repeated = once(owner=owner_of(request.user), key=key, work=receive)
    except DomainError as exc:
        context = _walk_in_context(
            request,
            procedure,
            kind,
            number,
            values=form_data,
            errors=exc.fields,
            message=str(exc.message),
            form_key=key,
        )
        return render(request, "backoffice/counter/walk_in_record.html", context, status=400)
    messages.success(request, _("Đã tiếp nhận hồ sơ. In giấy tiếp nhận và hẹn trả kết quả cho công dân."))
    return redirect("backoffice:counter-dossier", outcome["code"])


def _chosen(agencies, value) -> Agency | None:
    agencies = list(agencies)
    chosen = parse_id(value)
    if chosen is not None:
        for agency in agencies:
            if agency.pk == chosen:
                return agency
    return agencies[0] if len(agencies) == 1 else None
