"""Attaching files to dossiers and removing them from drafts: one transaction each."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalogue.models import DocumentComponent
from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.documents.models import Attachment
from motcua.documents.selectors import total_bytes
from motcua.documents.storage import digest, store
from motcua.documents.validation import (
    HEAD_BYTES,
    FileKind,
    check_dossier_total,
    check_file,
    clean_filename,
    inspect_upload,
)
from motcua.dossiers import locking
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import OPEN_STATUSES, Status
from motcua.org.models import Role
from motcua.org.selectors import agency_ids_for


@dataclass(frozen=True)
class Upload:
    """A file as it arrived, the component it is for (``None``: other documents) and the form field it came from."""

    file: object  # django.core.files.uploadedfile.UploadedFile
    component: DocumentComponent | None = None
    field: str = "file"


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _bytes(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def checked_kinds(uploads: list[Upload]) -> list[FileKind]:
    """The kind of every file, or one ``ValidationFailed`` listing every bad file under its form field."""
    kinds, errors = [], {}
    for upload in uploads:
        try:
            kind = check_file(name=upload.file.name, size=upload.file.size, head=_head(upload.file))
            inspect_upload(name=upload.file.name, data=_bytes(upload.file), kind=kind)
            kinds.append(kind)
        except ValidationFailed as exc:
            errors.setdefault(upload.field, []).append(str(exc.message))
    if errors:
        raise ValidationFailed(_("Có tệp không hợp lệ; chưa lưu tệp nào, vui lòng chọn lại."), fields=errors)
    return kinds


def _authorize(dossier: Dossier, by, stage: str) -> None:
    if stage in (Attachment.Stage.FILING, Attachment.Stage.SUPPLEMENT):
        if by is None or by.pk != dossier.applicant_id:
            raise Forbidden(_("Chỉ người nộp hồ sơ mới đính kèm được tệp."))
        needed = Status.DRAFT if stage == Attachment.Stage.FILING else Status.SUPPLEMENT_REQUESTED
        if dossier.status != needed:
            raise InvalidTransition(
                _("Không thể đính kèm tệp: hồ sơ đang ở trạng thái “%(status)s”.")
                % {"status": dossier.get_status_display()}
            )
        return
    official = getattr(by, "official", None) if by is not None else None
    if official is None or dossier.receiving_agency_id not in agency_ids_for(official, [Role.RECEIVER]):
        raise Forbidden(_("Bạn không có quyền đính kèm tệp vào hồ sơ này."))
    if dossier.status not in OPEN_STATUSES:
        raise InvalidTransition(_("Hồ sơ đã kết thúc, không đính kèm thêm tệp."))


def attach_files(*, dossier: Dossier, by, uploads: list[Upload], stage: str = Attachment.Stage.FILING):
    """Đính kèm: all the files, or none of them when one is bad or the dossier would grow past its limit.

    Returns the attachments created (a file already attached to the same component is not attached again).
    """
    if not uploads:
        return []
    kinds = checked_kinds(uploads)
    with locking.locked(dossier, related=("procedure",)) as locked:
        _authorize(locked, by, stage)
        for upload in uploads:
            if upload.component is not None and upload.component.procedure_id != locked.procedure_id:
                raise ValidationFailed(
                    fields={upload.field: [_("Thành phần hồ sơ không thuộc thủ tục này.")]}
                )
        # The same bytes for the same component are there already (a double click, a form posted
        # again): attaching them twice helps nobody.
        already = set(Attachment.objects.filter(dossier=locked).values_list("component_id", "file__sha256"))
        fresh = []
        for upload, kind in zip(uploads, kinds, strict=True):
            sha256, _size = digest(upload.file)
            key = (upload.component.pk if upload.component else None, sha256)
            if key not in already:
                already.add(key)
                fresh.append((upload, kind))
        check_dossier_total(current=total_bytes(locked), adding=sum(u.file.size for u, _k in fresh))
        now = timezone.now()
        return [
            Attachment.objects.create(
                dossier=locked,
                component=upload.component,
                component_name=upload.component.name if upload.component else "",
                file=store(upload.file, kind=kind, by=by),
                filename=clean_filename(upload.file.name, kind),
                stage=stage,
                uploaded_by=by,
                uploaded_at=now,
            )
            for upload, kind in fresh
        ]


def remove_attachment(*, attachment: Attachment, by) -> None:
    """Bỏ tệp: the applicant removes a file from a draft (a submitted dossier keeps every file)."""
    with locking.locked(attachment.dossier_id, related=()) as dossier:
        if by is None or by.pk != dossier.applicant_id:
            raise Forbidden(_("Chỉ người nộp hồ sơ mới bỏ được tệp."))
        if dossier.status != Status.DRAFT:
            raise InvalidTransition(_("Chỉ bỏ được tệp của hồ sơ đang là bản nháp."))
        Attachment.objects.filter(pk=attachment.pk).delete()
