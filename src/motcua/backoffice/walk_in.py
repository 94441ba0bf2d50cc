"""Walk-in reception (tiếp nhận hồ sơ trực tiếp): who applies (personal ID or tax code), which
procedure (found as the portal finds it: without diacritics, by everyday words or by its code),
then the applicant, the checklist and the e-form, received at once with its receipt.

Every mistake on the form is named in one answer: the view checks the whole form before any
service runs (the services would stop at the first one).
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.accounts.identity import IdentityError, parse_personal_id, parse_tax_code
from motcua.accounts.models import User
from motcua.accounts.services import register_business, register_citizen
from motcua.backoffice.counter import receiver_required
from motcua.catalogue.eform_fields import eform_fields, read_form
from motcua.catalogue.eforms import form_errors
from motcua.catalogue.models import Procedure
from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.core.parsing import parse_id
from motcua.dossiers import services
from motcua.org.models import Agency, AgencyKind
from motcua.paperwork.services import issue_lookup_token
from motcua.search.selectors import ranked_procedures

CHOICES_SHOWN = 15
APPLICANT_FIELDS = {"full_name", "birth_date", "personal_id", "name", "tax_code"}
# A procedure code as the national catalogue writes it (1.001193, 2.000815), or enough of one.
_CODE = re.compile(r"\b\d+\.\d{3,}\b|\b\d{5,}\b")


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


def procedure_choices(text: str, *, agencies: list[Agency]) -> list[Procedure]:
    """The procedures a counter official means by ``text``: those whose code it names first, then
    the portal's ranked search (diacritics folded, everyday words, spelling), the counter's level first."""
    codes = _CODE.findall(text)
    chosen: list[Procedure] = []
    for code in codes:
        chosen += [
            p
            for p in Procedure.objects.filter(is_active=True, code__contains=code).select_related("field")[:5]
            if p not in chosen
        ]
    words = _CODE.sub(" ", text).strip()
    if words:
        commune = any(a.kind == AgencyKind.COMMUNE_COMMITTEE for a in agencies)
        ranked = ranked_procedures(words, prefer_level="commune" if commune else "province")
        chosen += [p for p in ranked[:CHOICES_SHOWN] if p not in chosen]
    return chosen[:CHOICES_SHOWN]


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
        context["procedures"] = procedure_choices(text, agencies=request.counter_agencies)
    if request.headers.get("HX-Request"):
        return render(request, "backoffice/counter/_procedure_choices.html", context)
    return render(
        request, "backoffice/counter/walk_in.html", context, status=400 if context["errors"] else 200
    )


def _walk_in_context(
    request,
    procedure,
    kind,
    number,
    *,
    values=None,
    errors=None,
    applicant_errors=None,
    message="",
    form_key="",
):
    errors = errors or {}
    return {
        "procedure": procedure,
        "kind": kind,
        "number": number,
        "applicant": _existing_applicant(kind, number),
        "agencies": request.counter_agencies,
        "competent_choices": list(procedure.agencies.filter(is_active=True).order_by("name")),
        "components": list(procedure.documents.all()),
        "fields": eform_fields(procedure.form_schema, values or {}, errors),
        "errors": errors,
        "applicant_errors": applicant_errors or {},
        "message": message,
        "form_key": form_key or new_form_key(),
        "posted": request.POST,
        "ticked": set(request.POST.getlist("documents")),
    }


def _birth_date(posted) -> date | None:
    try:
        return date.fromisoformat(posted.get("birth_date", ""))
    except ValueError:
        return None


def _sex(posted) -> bool | None:
    sex = posted.get("sex")
    return None if sex not in ("male", "female") else sex == "male"


def _applicant_errors(kind: str, number: str, posted) -> dict[str, list[str]]:
    """What is wrong with a new applicant's details (nothing for one who has an account)."""
    if _existing_applicant(kind, number) is not None:
        return {}
    errors: dict[str, list[str]] = {}
    if kind == "business":
        if not posted.get("name", "").strip():
            errors["name"] = [_("Cần nhập tên tổ chức.")]
        return errors
    if not posted.get("full_name", "").strip():
        errors["full_name"] = [_("Cần nhập họ và tên.")]
    birth = _birth_date(posted)
    if birth is None:
        errors["birth_date"] = [_("Nhập ngày sinh hợp lệ.")]
    else:
        try:
            parse_personal_id(number, birth_date=birth, male=_sex(posted))
        except IdentityError as exc:
            errors["personal_id"] = [str(exc)]
    return errors


def _form_errors(request, procedure, posted, form_data) -> dict[str, list[str]]:
    """The reception's own mistakes and the e-form's, keyed as the template shows them."""
    errors = dict(form_errors(procedure.form_schema, form_data))
    if _chosen(request.counter_agencies, posted.get("agency")) is None:
        errors["agency"] = [_("Chọn nơi tiếp nhận.")]
    ticked = {i for i in map(parse_id, posted.getlist("documents")) if i is not None}
    missing = [c.name[:200] for c in procedure.documents.filter(mandatory=True) if c.pk not in ticked]
    if missing:
        errors["documents_received"] = missing
    return errors


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
    return register_citizen(
        personal_id=number,
        full_name=posted.get("full_name", ""),
        birth_date=_birth_date(posted),
        is_male=_sex(posted),
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

    def context(**extra):
        return _walk_in_context(request, procedure, kind, number, values=form_data, form_key=key, **extra)

    errors = _form_errors(request, procedure, posted, form_data)
    applicant_errors = _applicant_errors(kind, number, posted)
    if errors or applicant_errors:
        count = sum(len(v) for v in errors.values()) + sum(len(v) for v in applicant_errors.values())
        message = _("Còn %(count)d mục cần sửa, đánh dấu bên dưới.") % {"count": count}
        return render(
            request,
            "backoffice/counter/walk_in_record.html",
            context(errors=errors, applicant_errors=applicant_errors, message=message),
            status=400,
        )

    def receive():
        agency = _chosen(request.counter_agencies, posted.get("agency"))
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
        # What the account services found (a number taken meanwhile...) belongs beside the applicant.
        mine = {k: v for k, v in exc.fields.items() if k in APPLICANT_FIELDS}
        others = {k: v for k, v in exc.fields.items() if k not in APPLICANT_FIELDS}
        return render(
            request,
            "backoffice/counter/walk_in_record.html",
            context(errors=others, applicant_errors=mine, message=str(exc.message)),
            status=400,
        )
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
