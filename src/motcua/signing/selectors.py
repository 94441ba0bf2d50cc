"""Reads of electronic results, and what a verifier may see of them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache

from motcua.core.calendar import LOCAL_TZ
from motcua.core.errors import NotFound
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.signing.check_worker import check_isolated
from motcua.signing.models import ResultDocument, ResultTemplate
from motcua.signing.services import template_for, trust_root_files


def _with_local_times(check: dict) -> dict:
    for signature in check.get("signatures", []):
        when = signature.get("signed_at")
        if when:
            signature["signed_at_display"] = (
                datetime.fromisoformat(when).astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
            )
    return check


def mask_name(name: str) -> str:
    """“Nguyễn Thị Ánh” → “Nguyễn T** Á**”: enough to match a paper, not to learn a name."""
    words = (name or "").split()
    if len(words) <= 1:
        return (words[0][0] + "**") if words else ""
    return " ".join([words[0], *[w[0] + "**" for w in words[1:]]])


@dataclass(frozen=True)
class ResultVerification:
    document: ResultDocument
    check: dict
    holder: str


def signed_result(token: str) -> ResultDocument:
    try:
        return ResultDocument.objects.select_related("dossier__procedure", "dossier__competent_agency").get(
            token=token, state=ResultDocument.State.SIGNED
        )
    except ResultDocument.DoesNotExist:
        raise NotFound(code="result_not_found", message="Không tìm thấy kết quả.") from None


def verify_result(token: str) -> ResultVerification:
    """A signed result checked against its stored file (cached: a stored file does not change)."""
    document = signed_result(token)
    key = f"result-check:{document.token}:{document.sha256}"
    check = cache.get(key)
    if check is None:
        with document.signed_pdf.open("rb") as handle:
            check = check_isolated(handle.read(), trust_root_files=trust_root_files())
        cache.set(key, check, 3600)
    return ResultVerification(document, _with_local_times(check), mask_name(document.dossier.applicant_name))


def verify_upload(pdf: bytes) -> dict:
    """Check an uploaded PDF; if it is one of ours, say which (same bytes as the issued file)."""
    check = _with_local_times(check_isolated(pdf, trust_root_files=trust_root_files()))

    issued = ResultDocument.objects.filter(
        sha256=hashlib.sha256(pdf).hexdigest(), state=ResultDocument.State.SIGNED
    ).first()
    check["issued_token"] = issued.token if issued else None
    return check


def results_visible_to(user):
    return ResultDocument.objects.filter(dossier__in=dossiers_visible_to(user)).select_related("dossier")


def has_result_template(procedure) -> bool:
    """Whether a result can be drafted from a template for ``procedure`` (its own, or the province's)."""
    return template_for(procedure) is not None


def electronic_result_signed(dossier_id: int, at) -> bool:
    """Whether a signed electronic result of the dossier existed at ``at`` (Decision 766, results
    issued electronically): dated, so a report recomputed later agrees with the one counted then."""
    return ResultDocument.objects.filter(
        dossier_id=dossier_id,
        state=ResultDocument.State.SIGNED,
        kind=ResultTemplate.Kind.RESULT,
        signed_at__lte=at,
    ).exists()
