"""Officials' page of a dossier's electronic results: draft it, read the draft, sign it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core.downloads import download_response
from motcua.core.errors import DomainError, NotFound
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.dossiers.selectors import read_dossier_for
from motcua.org.access import official_required
from motcua.org.models import Role
from motcua.org.selectors import agency_ids_for
from motcua.signing import services
from motcua.signing.models import ResultDocument
from motcua.signing.selectors import results_visible_to
from motcua.signing.signers import candidates, position_lines


def _dossier(request, reference):
    try:
        return read_dossier_for(request.user, reference, view="results")
    except NotFound:
        raise Http404 from None


@official_required
def results(request, reference: str):
    dossier = _dossier(request, reference)
    official = request.user.official
    roles = {
        role
        for role in (Role.PROCESSOR, Role.LEADER)
        if dossier.competent_agency_id in agency_ids_for(official, [role])
    }
    documents = list(results_visible_to(request.user).filter(dossier=dossier))
    return render(
        request,
        "signing/backoffice_results.html",
        {
            "dossier": dossier,
            "documents": documents,
            "rendering_pending": any(d.state == ResultDocument.State.RENDERING for d in documents),
            # Once a draft is there, reading and signing it is the step; a new draft is the exception.
            "has_draft": any(
                d.state in (ResultDocument.State.RENDERING, ResultDocument.State.DRAFT) for d in documents
            ),
            "may_prepare": bool(roles),
            "may_sign": Role.LEADER in roles,
            "has_key": official.signing_keys.filter(is_active=True).exists(),
            "official": official,
            "signer_choices": [
                (leader, position_lines(leader, dossier.competent_agency))
                for leader in candidates(dossier.competent_agency)
            ]
            if roles
            else [],
            "form_key": new_form_key(),
        },
    )


@require_POST
@official_required
def prepare(request, reference: str):
    """Draft the result; the form's key (``core.idempotency``) makes a double click draft once and answer alike."""
    dossier = _dossier(request, reference)
    chosen = request.POST.get("signer", "")
    signer = next((o for o in candidates(dossier.competent_agency) if str(o.pk) == chosen), None)

    def draft():
        document = services.prepare_result(dossier=dossier, by=request.user, signer=signer)
        if document.state == ResultDocument.State.FAILED:
            return {"error": _("Không tạo được dự thảo: %(problem)s") % {"problem": document.problem}}
        if document.state == ResultDocument.State.RENDERING:
            return {
                "done": _("Đang dựng dự thảo “%(title)s”; trang sẽ tự cập nhật.") % {"title": document.title}
            }
        return {"done": _("Đã lập dự thảo “%(title)s”.") % {"title": document.title}}

    key = request.POST.get("form_key", "")
    try:
        outcome = (
            once(owner=owner_of(request.user), key=key, work=draft)[0] if valid_form_key(key) else draft()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if "error" in outcome:
            messages.error(request, outcome["error"])
        else:
            messages.success(request, outcome["done"])
    return redirect("signing-backoffice:results", reference=dossier.code)


@require_POST
@official_required
def sign(request, reference: str, token: str):
    dossier = _dossier(request, reference)
    document = results_visible_to(request.user).filter(dossier=dossier, token=token).first()
    if document is None:
        raise Http404
    signed = _("Đã ký số; hồ sơ chuyển sang “Đã có kết quả”.")
    try:
        services.sign_result(document=document, by=request.user, pin=request.POST.get("pin", ""))
    except DomainError as exc:
        document.refresh_from_db()
        if document.state == ResultDocument.State.SIGNED and request.POST.get("form_key"):
            # A double click: the first click signed it, answer as it did. (Not through ``once``:
            # signing must not hold a transaction open while the keys work.)
            messages.success(request, signed)
        else:
            messages.error(request, exc.message)
    else:
        messages.success(request, signed)
    return redirect("signing-backoffice:results", reference=dossier.code)


@official_required
def draft_pdf(request, reference: str, token: str):
    dossier = _dossier(request, reference)
    document = results_visible_to(request.user).filter(dossier=dossier, token=token).first()
    if document is None or not document.draft_pdf:
        raise Http404
    return download_response(
        document.draft_pdf.open("rb"), filename=f"du-thao-{dossier.code}.pdf", content_type="application/pdf"
    )
