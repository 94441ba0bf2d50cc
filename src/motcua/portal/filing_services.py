"""Filing with documents: the portal's use-cases that join the e-form, the attachments and the
dossier's transitions, one transaction each (all or nothing).

- a draft is created or updated with what was typed and the files chosen;
- an online submission needs every mandatory document attached and a valid e-form;
- a supplement hands in files (and corrections) and restarts the clock.

The API's ``file_dossier`` keeps accepting dossiers without attachments
(integrations send their documents by other means); the portal's rule lives here.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.core.errors import ValidationFailed
from motcua.documents.models import Attachment
from motcua.documents.selectors import missing_components
from motcua.documents.services import attach_files, checked_kinds
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.paperwork.services import issue_lookup_token


def save_draft(
    *,
    applicant,
    procedure: Procedure | None = None,
    dossier: Dossier | None = None,
    form_data: dict,
    uploads: list | None = None,
    competent_agency: Agency | None = None,
) -> Dossier:
    """Lưu nháp: what was typed (unchecked until submission) and the files chosen, or nothing at all."""

    uploads = uploads or []
    checked_kinds(uploads)  # a bad file refuses the whole save before anything is written
    with transaction.atomic():
        if dossier is None:
            dossier = services.file_dossier(
                applicant=applicant,
                procedure=procedure,
                form_data=form_data,
                competent_agency=competent_agency,
                submit=False,
            )
        else:
            dossier = services.update_draft(dossier=dossier, by=applicant, form_data=form_data)
        attach_files(dossier=dossier, by=applicant, uploads=uploads)
    return dossier


def submit_online(*, dossier: Dossier, by, at: datetime | None = None) -> Dossier:
    """Nộp hồ sơ trực tuyến: the e-form is valid and every mandatory document is attached."""

    with transaction.atomic():
        missing = missing_components(dossier)
        if missing:
            raise ValidationFailed(
                _("Hồ sơ còn thiếu giấy tờ bắt buộc: %(names)s.")
                % {"names": "; ".join(_short(c.name) for c in missing)},
                fields={f"doc_{c.pk}": [_("Cần đính kèm giấy tờ này.")] for c in missing},
                code="documents_missing",
            )
        submitted = services.submit_dossier(dossier=dossier, by=by, at=at)
        issue_lookup_token(dossier=submitted)
    return submitted


def supplement_online(
    *,
    dossier: Dossier,
    by,
    note: str = "",
    uploads: list | None = None,
    form_data: dict | None = None,
    reused: list | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Nộp bổ sung trực tuyến: the files and note (and corrected e-form) handed in; the clock resumes.

    ``reused``: attachments just taken from the applicant's repository (``documents.repository``),
    handed in like uploaded files."""

    uploads, reused = uploads or [], reused or []
    checked_kinds(uploads)
    if not uploads and not reused and not (note or "").strip() and form_data is None:
        raise ValidationFailed(
            _("Vui lòng đính kèm giấy tờ bổ sung hoặc ghi rõ nội dung đã bổ sung."),
            fields={"note": [_("Cần đính kèm tệp hoặc ghi nội dung bổ sung.")]},
        )
    with transaction.atomic():
        attached = attach_files(dossier=dossier, by=by, uploads=uploads, stage=Attachment.Stage.SUPPLEMENT)
        return services.supplement(
            dossier=dossier,
            by=by,
            note=(note or "").strip(),
            form_data=form_data,
            documents=[a.filename for a in [*reused, *attached]],
            at=at,
        )


def _short(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
