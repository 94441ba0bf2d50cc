"""Online filing: the e-form with attachments, draft, review, and a submission that happens once.

Every form that creates something carries a hidden key (``core.idempotency``): a
double click, a reload or a retry reaches the dossier the first POST created.
A POST with a bad file or a refused transition saves nothing and shows the
form again with what was typed and a message per field.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.catalogue.eform_fields import display_rows, eform_fields, read_form
from motcua.catalogue.eforms import form_errors
from motcua.catalogue.models import Procedure
from motcua.core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.core.parsing import parse_id
from motcua.core.qr import qr_svg
from motcua.core.uploads import oversized_uploads
from motcua.documents.repository import document_of, reusable_for, reuse_documents
from motcua.documents.selectors import checklist, missing_components, total_bytes
from motcua.documents.services import Upload, remove_attachment
from motcua.documents.validation import ACCEPT, ALLOWED_LABEL
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.org.models import Agency
from motcua.paperwork.selectors import lookup_url
from motcua.paperwork.services import issue_lookup_token
from motcua.payments.fees import collects_at_filing
from motcua.payments.selectors import panel_for
from motcua.portal import filing_services as filing
from motcua.portal import national_data
from motcua.portal.access import applicant_required, own_dossier
from motcua.portal.prefill import prefilled_values


def _procedure_for_filing(code: str) -> Procedure:
    procedure = Procedure.objects.filter(code=code, is_active=True).prefetch_related("documents").first()
    if procedure is None:
        raise Http404
    return procedure


def uploads_from(request, procedure: Procedure) -> list[Upload]:
    """Files posted per component (``doc_<id>``) and as other documents (``doc_other``).

    A file dropped on arrival for being too large refuses the whole POST, naming it.
    """
    dropped = oversized_uploads(request)
    if dropped:
        limit = filesizeformat(settings.MAX_FILE_BYTES)
        fields: dict[str, list[str]] = {}
        for field, name in dropped:
            fields.setdefault(field, []).append(
                _("Tệp “%(name)s” vượt mức tối đa %(limit)s cho một tệp.") % {"name": name, "limit": limit}
            )
        raise ValidationFailed(_("Có tệp không hợp lệ; chưa lưu tệp nào, vui lòng chọn lại."), fields=fields)
    uploads = []
    for component in procedure.documents.all():
        field = f"doc_{component.pk}"
        uploads += [Upload(file=f, component=component, field=field) for f in request.FILES.getlist(field)]
    uploads += [Upload(file=f, component=None, field="doc_other") for f in request.FILES.getlist("doc_other")]
    return uploads


def _agency_choices(procedure: Procedure) -> list[Agency]:
    return list(procedure.agencies.filter(is_active=True).order_by("name"))


def _form_context(
    procedure, *, user=None, dossier=None, values=None, errors=None, form_key="", message="", locked=None
):
    errors = errors or {}
    if locked is not None:  # verified values win over anything typed or stored
        values = {**(values or {}), **locked.values}
    lines = checklist(dossier) if dossier is not None else None
    components = []
    attached = {line.key: line.attachments for line in lines} if lines else {}
    offers = reusable_for(user, procedure.documents.all())
    for component in procedure.documents.all():
        key = str(component.pk)
        reused = {a.reused_from_id for a in attached.get(key, [])}
        components.append(
            {
                "component": component,
                "field": f"doc_{key}",
                "attachments": attached.get(key, []),
                "errors": errors.get(f"doc_{key}", []),
                "offers": [d for d in offers.get(component.pk, []) if d.pk not in reused],
            }
        )
    fields = eform_fields(procedure.form_schema, values or {}, errors)
    for f in fields:
        if locked is not None and f.name in locked.values:
            f.verified_from, f.verified_at = locked.source_label, locked.at
    return {
        "procedure": procedure,
        "dossier": dossier,
        "locked": locked,
        "fields": fields,
        "components": components,
        "other_attachments": attached.get("other", []),
        "other_errors": errors.get("doc_other", []),
        "agencies": _agency_choices(procedure) if dossier is None else [],
        "agency_errors": errors.get("competent_agency", []) + errors.get("procedure", []),
        "form_key": form_key,
        "message": message,
        "accept": ACCEPT,
        "allowed": ALLOWED_LABEL,
        "max_file_bytes": settings.MAX_FILE_BYTES,
        "max_dossier_bytes": settings.MAX_DOSSIER_BYTES,
        "used_bytes": total_bytes(dossier) if dossier is not None else 0,
    }


def reuse_choices(request, procedure) -> list:
    """``reuse_<component>`` checkboxes: documents of the applicant's repository chosen instead of uploads."""
    choices = []
    for component in procedure.documents.all():
        for reference in request.POST.getlist(f"reuse_{component.pk}"):
            try:
                choices.append((component, document_of(request.user, reference)))
            except (NotFound, ValidationError):
                raise ValidationFailed(
                    fields={f"doc_{component.pk}": [_("Không tìm thấy giấy tờ trong kho dữ liệu của bạn.")]}
                ) from None
    return choices


def _locked(request, procedure, dossier):
    if dossier is not None:
        return national_data.for_draft(dossier)
    return national_data.for_new_dossier(request, procedure)


def _save(request, procedure, dossier):
    """Save the POST (fields, files, documents reused from the repository) into the draft, all or nothing.
    Values verified against a national database are kept as verified, whatever was posted."""
    choices = reuse_choices(request, procedure)
    locked = _locked(request, procedure, dossier)
    with transaction.atomic():
        draft = _save_form(request, procedure, dossier, locked)
        reuse_documents(dossier=draft, by=request.user, choices=choices)
        if dossier is None:
            national_data.keep(request=request, procedure=procedure, dossier=draft, locked=locked)
    return draft


def _save_form(request, procedure, dossier, locked=None):
    """Save the POST into the (new or existing) draft; returns the draft."""
    form_data = read_form(procedure.form_schema, request.POST)
    if locked is not None:
        form_data.update(locked.values)
    uploads = uploads_from(request, procedure)
    if dossier is not None:
        return filing.save_draft(
            applicant=request.user, dossier=dossier, form_data=form_data, uploads=uploads
        )
    agency = None
    agency_id = parse_id(request.POST.get("competent_agency", ""))
    if agency_id is not None:
        agency = procedure.agencies.filter(pk=agency_id, is_active=True).first()
    key = request.POST.get("form_key", "")
    if not valid_form_key(key):
        raise ValidationFailed(_("Biểu mẫu đã hết hạn, vui lòng tải lại trang."))

    def create():
        created = filing.save_draft(
            applicant=request.user,
            procedure=procedure,
            form_data=form_data,
            uploads=uploads,
            competent_agency=agency,
        )
        return {"dossier": str(created.uuid)}

    outcome, repeated = once(owner=owner_of(request.user), key=key, work=create)
    draft = Dossier.objects.get(uuid=outcome["dossier"])
    if repeated and draft.status == Status.DRAFT:
        # The same form again (a double click, or back and edit): it still writes to that one draft.
        draft = filing.save_draft(applicant=request.user, dossier=draft, form_data=form_data, uploads=uploads)
    return draft


def _after_save(request, dossier):
    if dossier.status != Status.DRAFT:
        return redirect("portal:dossier", dossier.uuid)
    if request.POST.get("action") == "review":
        return redirect("portal:review", dossier.uuid)
    messages.success(request, _("Đã lưu bản nháp. Ông/bà có thể quay lại hoàn thiện bất cứ lúc nào."))
    return redirect("portal:draft", dossier.uuid)


@applicant_required
def new_dossier(request, code):
    """Nộp hồ sơ trực tuyến: the e-form and documents of one procedure."""
    procedure = _procedure_for_filing(code)
    if not procedure.accepts_online:
        return render(request, "portal/filing/not_online.html", {"procedure": procedure})
    if request.method == "POST":
        try:
            dossier = _save(request, procedure, None)
        except DomainError as exc:
            context = _form_context(
                procedure,
                user=request.user,
                values=read_form(procedure.form_schema, request.POST),
                errors=exc.fields,
                form_key=request.POST.get("form_key") or new_form_key(),
                message=str(exc.message),
                locked=_locked(request, procedure, None),
            )
            return render(request, "portal/filing/form.html", context, status=400)
        return _after_save(request, dossier)
    drafts = Dossier.objects.filter(applicant=request.user, procedure=procedure, status=Status.DRAFT)
    context = _form_context(
        procedure,
        user=request.user,
        values=prefilled_values(procedure.form_schema, request.user),
        form_key=new_form_key(),
        locked=_locked(request, procedure, None),
    )
    context["can_fetch"] = national_data.can_fetch(request, procedure)
    context["certificate_asked"] = national_data.certificate_asked(request, procedure)
    context["prefilled"] = bool(context["fields"]) and any(f.value is not None for f in context["fields"])
    context["drafts"] = drafts.order_by("-created_at")[:5]
    return render(request, "portal/filing/form.html", context)


@applicant_required
def edit_draft(request, reference):
    dossier = own_dossier(request, reference)
    if dossier.status != Status.DRAFT:
        return redirect("portal:dossier", dossier.uuid)
    procedure = dossier.procedure
    if request.method == "POST":
        try:
            dossier = _save(request, procedure, dossier)
        except DomainError as exc:
            context = _form_context(
                procedure,
                user=request.user,
                dossier=dossier,
                values=read_form(procedure.form_schema, request.POST),
                errors=exc.fields,
                message=str(exc.message),
                locked=_locked(request, procedure, dossier),
            )
            return render(request, "portal/filing/form.html", context, status=400)
        return _after_save(request, dossier)
    return render(
        request,
        "portal/filing/form.html",
        _form_context(
            procedure,
            user=request.user,
            dossier=dossier,
            values=dossier.form_data,
            locked=_locked(request, procedure, dossier),
        ),
    )


@applicant_required
@require_POST
def remove_file(request, reference, attachment):
    dossier = own_dossier(request, reference)
    found = dossier.attachments.filter(uuid=attachment).first()
    if found is None:
        raise Http404
    try:
        remove_attachment(attachment=found, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã bỏ tệp “%(name)s”.") % {"name": found.filename})
    return redirect("portal:draft", dossier.uuid)


def _review_context(dossier, *, errors=None, message="", form_key=""):
    procedure = dossier.procedure
    problems = dict(errors or {})
    if not problems:
        problems = form_errors(procedure.form_schema, dossier.form_data)
        for component in missing_components(dossier):
            problems[f"doc_{component.pk}"] = [_("Cần đính kèm giấy tờ này.")]
    labels = {f.name: f.label for f in eform_fields(procedure.form_schema)}
    form_problems = [
        (labels.get(name, name), text)
        for name, texts in problems.items()
        if not name.startswith("doc_")
        for text in texts
    ]
    missing_ids = {parse_id(name[4:]) for name in problems if name.startswith("doc_")} - {None}
    return {
        "dossier": dossier,
        "procedure": procedure,
        "rows": display_rows(procedure.form_schema, dossier.form_data),
        "lines": checklist(dossier),
        "fees": list(procedure.fees.all()),
        "pay_at_filing": collects_at_filing(procedure),
        "form_problems": form_problems,
        "missing_ids": missing_ids,
        "ready": not problems,
        "message": message,
        "form_key": form_key or new_form_key(),
    }


@applicant_required
def review(request, reference):
    """Xem lại và nộp: everything the dossier holds, what is still wrong, and the submit button."""
    dossier = own_dossier(request, reference)
    if request.method == "GET":
        if dossier.status != Status.DRAFT:
            return redirect("portal:dossier", dossier.uuid)
        return render(request, "portal/filing/review.html", _review_context(dossier))
    key = request.POST.get("form_key", "")
    if not valid_form_key(key):
        messages.error(request, _("Biểu mẫu đã hết hạn, vui lòng bấm nộp lại."))
        return redirect("portal:review", dossier.uuid)

    def submit():
        submitted = filing.submit_online(dossier=dossier, by=request.user)
        return {"dossier": str(submitted.uuid), "code": submitted.code}

    try:
        outcome, _repeated = once(owner=owner_of(request.user), key=key, work=submit)
    except InvalidTransition:
        dossier.refresh_from_db()
        if dossier.status != Status.DRAFT:  # submitted already, from another tab or an earlier form
            return redirect("portal:submitted", dossier.uuid)
        raise
    except ValidationFailed as exc:
        context = _review_context(dossier, errors=exc.fields, message=str(exc.message), form_key=key)
        return render(request, "portal/filing/review.html", context, status=400)
    return redirect("portal:submitted", outcome["dossier"])


@applicant_required
def submitted(request, reference):
    """Đã nộp: the dossier code and the QR code that opens its status."""
    dossier = own_dossier(request, reference)
    if dossier.status == Status.DRAFT:
        return redirect("portal:review", dossier.uuid)
    url = lookup_url(issue_lookup_token(dossier=dossier))
    return render(
        request,
        "portal/filing/submitted.html",
        {
            "dossier": dossier,
            "lookup_url": url,
            "qr": qr_svg(url, scale=5, title=dossier.code),
            "panel": panel_for(dossier),
        },
    )


def filing_url(procedure: Procedure) -> str:
    return reverse("portal:file", args=[procedure.code])
