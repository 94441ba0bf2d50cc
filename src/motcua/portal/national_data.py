"""Thông tin lấy từ cơ sở dữ liệu quốc gia on the e-form: the applicant asks (with consent) for their
record of the population database (or the land database's record of a parcel they hold), or has it from the national identity sign-in; the fields it fills
are locked, say where they came from, and a wrong value can be reported (``accounts.national_data``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts import national_data
from motcua.accounts.models import DataFetch
from motcua.catalogue.models import Procedure
from motcua.core.errors import DomainError
from motcua.portal.access import applicant_required, own_dossier
from motcua.portal.prefill import prefill_sources


def _session_key(code: str) -> str:
    return f"national-data:{code}"


def _certificate_key(code: str) -> str:
    return f"national-data-certificate:{code}"


def certificate_asked(request, procedure) -> str:
    """The certificate number the applicant last typed for the land database (kept, not lost)."""
    return request.session.get(_certificate_key(procedure.code), "")


@dataclass(frozen=True)
class Locked:
    """E-form fields holding verified values: name → value, where from, when."""

    values: dict
    source: str
    at: datetime

    @property
    def source_label(self) -> str:
        return str(DataFetch.Source(self.source).label)


def _mapped(schema: dict, verified: national_data.Verified) -> Locked | None:
    values = {
        name: verified.values[key]
        for name, key in prefill_sources(schema).items()
        if key in verified.values and _fits(schema, name, verified.values[key])
    }
    return Locked(values=values, source=verified.source, at=verified.at) if values else None


def _fits(schema: dict, name: str, value) -> bool:
    spec = schema["properties"][name]
    if spec.get("enum") and value not in spec["enum"]:
        return False
    max_length = spec.get("maxLength")
    return not (isinstance(max_length, int) and len(str(value)) > max_length)


def for_new_dossier(request, procedure) -> Locked | None:
    """Verified values for a new dossier's form: fetched in this session, or from the sign-in."""
    user = request.user
    kind = getattr(user, "kind", "")
    if kind not in _KEYS:
        return None
    verified = national_data.Verified.from_session(request.session.get(_session_key(procedure.code)))
    if verified is None and kind == "citizen":
        verified = national_data.from_national_identity(user)
    return _mapped(procedure.form_schema, verified) if verified else None


# Which national database fills whose form: a citizen's from the population database, a business's
# from the business registration database.
_KEYS = {"citizen": national_data.VERIFIED_KEYS, "business": national_data.BUSINESS_KEYS}


def for_draft(dossier) -> Locked | None:
    row = national_data.verified_for_dossier(dossier.uuid)
    return Locked(values=row.values, source=row.source, at=row.verified_at) if row else None


def can_fetch(request, procedure) -> str:
    """``citizen`` (the population database), ``business`` (the business registration database) or
    ``land`` (the land database, for a citizen's form with parcel fields) when the form has fields
    that database fills for this applicant; else ``""``."""
    kind = getattr(request.user, "kind", "")
    keys = set(prefill_sources(procedure.form_schema).values())
    if kind == "citizen" and keys & set(national_data.LAND_KEYS):
        return "land"
    return kind if kind in _KEYS and keys & set(_KEYS[kind]) else ""


def keep(*, request, procedure, dossier, locked: Locked | None) -> None:
    if locked is None:
        return
    verified = national_data.Verified(source=locked.source, at=locked.at, values=locked.values)
    national_data.keep_for_dossier(
        dossier_reference=dossier.uuid,
        user=request.user,
        verified=verified,
        fields={name: name for name in locked.values},
    )
    request.session.pop(_session_key(procedure.code), None)


@applicant_required
@require_POST
def fetch(request, code):
    """Lấy thông tin từ CSDL quốc gia về dân cư, về đất đai for a citizen's form with parcel fields, or
    về đăng ký doanh nghiệp for a business (with the consent box ticked)."""
    procedure = Procedure.objects.filter(code=code, is_active=True).first()
    if procedure is None:
        raise Http404
    consent = request.POST.get("consent") == "on"
    try:
        if request.user.kind == "business":
            verified = national_data.fetch_business_data(
                user=request.user, purpose=procedure.code, consent=consent
            )
        elif can_fetch(request, procedure) == "land":
            # kept for the page, so a number typed is not lost if the database says no
            request.session[_certificate_key(procedure.code)] = request.POST.get("certificate", "")[:20]
            verified = national_data.fetch_land_data(
                user=request.user,
                purpose=procedure.code,
                consent=consent,
                certificate=request.POST.get("certificate", ""),
            )
        else:
            verified = national_data.fetch_population_data(
                user=request.user, purpose=procedure.code, consent=consent
            )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        request.session[_session_key(procedure.code)] = verified.as_session()
        messages.success(request, _("Đã lấy thông tin từ %(source)s.") % {"source": verified.source_label})
    return redirect("portal:file", procedure.code)


@applicant_required
@require_POST
def report(request, reference):
    """Báo thông tin sai: the applicant says a verified value is wrong; the official will see it."""
    dossier = own_dossier(request, reference)
    try:
        national_data.report_error(
            dossier_reference=dossier.uuid, user=request.user, text=request.POST.get("text", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Đã ghi nhận; cán bộ tiếp nhận sẽ thấy thông tin Ông/Bà báo sai."))
    return redirect("portal:draft", dossier.uuid)
