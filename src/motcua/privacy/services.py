"""The applicant's rights over their data (Decree 13/2023/NĐ-CP).

- ``export_applicant_data``: everything held about an applicant, as a ZIP (``data.json`` and
  their attached files), written to the audit log.
- ``record_consent``: an administrator records a consent given or withdrawn.
- ``handle_erasure``: an administrator erases an applicant's account data where the law allows:
  never while a dossier is being processed; submitted and closed dossiers are administrative
  records and are archived as they are (Law on Archives), drafts are emptied and withdrawn.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import DataFetch, ExternalIdentity, User
from motcua.accounts.services import erase_account
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import Forbidden, ValidationFailed
from motcua.documents.models import Attachment
from motcua.documents.repository import repository_of
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import close_for_erasure
from motcua.feedback.models import Feedback
from motcua.privacy.models import Consent, ErasureRequest

ACCOUNT_FIELDS = (
    "username",
    "kind",
    "full_name",
    "personal_id",
    "tax_code",
    "birth_date",
    "is_male",
    "phone",
    "email",
    "address",
    "date_joined",
    "last_login",
)


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def collect(user: User) -> dict:
    """Everything the system holds about ``user`` as an applicant, in plain JSON values."""
    dossiers = []
    for dossier in Dossier.objects.filter(applicant=user).select_related("procedure").order_by("created_at"):
        dossiers.append(
            {
                "code": dossier.code,
                "id": str(dossier.uuid),
                "procedure": {"code": dossier.procedure.code, "name": dossier.procedure.name},
                "status": dossier.status,
                "applicant": {
                    "name": dossier.applicant_name,
                    "id_number": dossier.applicant_id_number,
                    "phone": dossier.applicant_phone,
                    "email": dossier.applicant_email,
                    "address": dossier.applicant_address,
                },
                "form_data": dossier.form_data,
                "submitted_at": _iso(dossier.submitted_at),
                "received_at": _iso(dossier.received_at),
                "due_at": _iso(dossier.due_at),
                "returned_at": _iso(dossier.returned_at),
                "history": [
                    {"at": _iso(e.at), "event": e.kind, "status": e.to_status, "note": e.note}
                    for e in dossier.events.order_by("seq")
                ],
                "files": [
                    {
                        "name": a.filename,
                        "document": a.component_name,
                        "sha256": a.file.sha256,
                        "path": f"files/{dossier.code or dossier.uuid}/{a.pk}-{a.filename}",
                    }
                    for a in Attachment.objects.filter(dossier=dossier).select_related("file")
                ],
            }
        )
    return {
        "format": "motcua-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {field: _iso(getattr(user, field)) for field in ACCOUNT_FIELDS},
        "consents": [
            {"purpose": c.purpose, "given": c.given, "at": _iso(c.at), "note": c.note}
            for c in Consent.objects.filter(user=user)
        ],
        "dossiers": dossiers,
        # Each read from a national database (or given by the national identity), with its consent.
        "national_data_fetches": [
            {
                "source": f.source,
                "purpose": f.purpose,
                "fields": f.fields,
                "consented_at": _iso(f.consented_at),
                "fetched_at": _iso(f.fetched_at),
            }
            for f in DataFetch.objects.filter(user=user).order_by("fetched_at")
        ],
        "linked_identities": [
            {"issuer": i.issuer, "verified_at": _iso(i.verified_at), "data": i.claims}
            for i in ExternalIdentity.objects.filter(user=user)
        ],
        "repository": [  # the data repository (kho dữ liệu): digitized papers and electronic results
            {
                "title": d.title,
                "source": d.source,
                "document_type": d.document_type,
                "number": d.number,
                "issuer": d.issuer,
                "issued_on": _iso(d.issued_on),
                "valid_until": _iso(d.valid_until),
                "dossier": d.dossier.code if d.dossier else None,
                "text": d.text,
                "path": f"repository/{d.uuid}.pdf",
            }
            for d in repository_of(user)
        ],
        "feedback": [
            {
                "code": f.code,
                "subject": f.subject,
                "content": f.content,
                "answer": f.answer,
                "at": _iso(f.created_at),
            }
            for f in Feedback.objects.filter(sender=user)
        ],
    }


def export_applicant_data(*, user: User, by: User) -> bytes:
    """Tải dữ liệu của tôi: a ZIP with ``data.json`` and every file the applicant attached."""
    if by.pk != user.pk and not by.is_superuser:
        raise Forbidden()
    data = collect(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for attachment in Attachment.objects.filter(dossier__applicant=user).select_related(
            "dossier", "file"
        ):
            path = f"files/{attachment.dossier.code or attachment.dossier.uuid}/{attachment.pk}-{attachment.filename}"
            with default_storage.open(attachment.file.name, "rb") as stored:
                archive.writestr(path, stored.read())
        for document in repository_of(user):
            with default_storage.open((document.searchable or document.original).name, "rb") as stored:
                archive.writestr(f"repository/{document.uuid}.pdf", stored.read())
    record(
        action=Action.EXPORT,
        user=by,
        object_type="account",
        object_ref=user.get_username(),
        detail={"what": "personal_data", "dossiers": len(data["dossiers"])},
    )
    return buffer.getvalue()


def record_consent(
    *, by: User, user: User, purpose: str, given: bool, note: str = "", at: datetime | None = None
) -> Consent:
    if not by.is_superuser:
        raise Forbidden(_("Chỉ quản trị viên mới ghi nhận sự đồng ý."))
    if not (purpose or "").strip():
        raise ValidationFailed(fields={"purpose": [_("Cần ghi rõ mục đích xử lý dữ liệu.")]})
    with transaction.atomic():
        consent = Consent.objects.create(
            user=user,
            purpose=purpose.strip(),
            given=given,
            note=note,
            at=at or timezone.now(),
            recorded_by=by,
        )
        record(
            action=Action.PRIVACY,
            user=by,
            object_type="account",
            object_ref=user.get_username(),
            detail={"consent": consent.purpose, "given": given},
        )
    return consent


def handle_erasure(*, by: User, user: User, reason: str = "", at: datetime | None = None) -> ErasureRequest:
    """Xóa dữ liệu theo yêu cầu: refused while a dossier is being processed; otherwise the account's
    personal data is erased and sign-in disabled, drafts are emptied and withdrawn, and submitted
    dossiers are kept unchanged as archived administrative records."""
    if not by.is_superuser:
        raise Forbidden(_("Chỉ quản trị viên mới xử lý yêu cầu xóa dữ liệu."))
    if user.kind not in (User.Kind.CITIZEN, User.Kind.BUSINESS):
        raise ValidationFailed(_("Chỉ xóa dữ liệu của tài khoản công dân, tổ chức."))
    at = at or timezone.now()
    reference = user.get_username()
    with transaction.atomic():
        archived = close_for_erasure(applicant=user, by=by, at=at)
        erase_account(user)
        Consent.objects.filter(user=user).delete()
        erased = ErasureRequest.objects.create(
            user=user,
            reference=reference,
            handled_by=by,
            at=at,
            outcome=ErasureRequest.Outcome.ERASED,
            reason=reason,
            archived_dossiers=archived,
        )
        record(
            action=Action.PRIVACY,
            user=by,
            object_type="account",
            object_ref=reference,
            detail={"erasure": "done", "archived_dossiers": archived},
        )
    return erased
