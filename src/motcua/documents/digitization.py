"""Digitization (số hóa): scans become searchable PDF/A with their text and confirmed metadata.

``queue_digitization`` records the document and queues the worker's job;
``run_digitization`` is that job (OCR page by page, progress visible to officials);
``confirm_metadata`` is the official's check of what the text suggested;
``file_signed_result`` keeps a signed electronic result in the applicant's repository.
"""

from __future__ import annotations

import datetime
import subprocess
import tempfile
from pathlib import Path

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Forbidden, ValidationFailed
from motcua.documents import metadata, ocr, ocr_words, text_search
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.storage import open_stored, store
from motcua.documents.validation import FileKind
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.states import Status
from motcua.jobs import enqueue


def _title(attachment: Attachment) -> str:
    return attachment.component_name or attachment.filename


def queue_digitization(*, attachment: Attachment, by=None) -> DigitizedDocument:
    """Số hóa: OCR this attachment in the background (once; a failed one is tried again).

    The document is filed under the dossier's applicant, so it joins their data repository.
    """
    if attachment.reused_from_id is not None:
        return attachment.reused_from  # already digitized, from the applicant's repository
    if by is not None and not dossiers_visible_to(by).filter(pk=attachment.dossier_id).exists():
        raise Forbidden(_("Bạn không có quyền số hóa tệp của hồ sơ này."))
    with transaction.atomic():
        dossier = attachment.dossier
        document, created = DigitizedDocument.objects.get_or_create(
            attachment=attachment,
            defaults={
                "dossier": dossier,
                "owner_id": dossier.applicant_id,
                "owner_identity": dossier.applicant_id_number,
                "original": attachment.file,
                "title": _title(attachment)[:500],
            },
        )
        if not created and document.state != DigitizedDocument.State.FAILED:
            return document
        if not created:
            DigitizedDocument.objects.filter(pk=document.pk).update(
                state=DigitizedDocument.State.QUEUED, pages_done=0, problem="", failed_pages=[]
            )
        enqueue(digitize_document, document.pk)
    document.refresh_from_db()
    return document


def queue_dossier(*, dossier, by=None) -> list[DigitizedDocument]:
    """Queue every attachment of a dossier not digitized yet."""
    pending = Attachment.objects.filter(dossier=dossier, digitized__isnull=True, reused_from__isnull=True)
    return [
        queue_digitization(attachment=attachment, by=by)
        for attachment in pending.select_related("dossier", "file")
    ]


def _progress(document_id: int):
    def report(done: int, total: int) -> None:
        DigitizedDocument.objects.filter(pk=document_id).update(pages_done=done, pages_total=total)

    return report


def run_digitization(document_id: int) -> DigitizedDocument | None:
    """The worker's part: OCR outside any transaction (minutes, no lock held), then record it all at once.

    A second delivery of the job changes nothing once the document is finished.
    """
    document = DigitizedDocument.objects.select_related("original").filter(pk=document_id).first()
    if document is None or document.state not in (
        DigitizedDocument.State.QUEUED,
        DigitizedDocument.State.RUNNING,
    ):
        return document
    DigitizedDocument.objects.filter(pk=document.pk).update(
        state=DigitizedDocument.State.RUNNING, started_at=timezone.now()
    )
    with open_stored(document.original) as handle:
        data = handle.read()
    try:
        outcome = ocr.digitize(data, kind=document.original.kind, on_page=_progress(document.pk))
    except Exception as exc:  # the scan stays attached; the official sees why and may retry
        DigitizedDocument.objects.filter(pk=document.pk).update(
            state=DigitizedDocument.State.FAILED, problem=str(exc)[:2000], finished_at=timezone.now()
        )
        document.refresh_from_db()
        return document
    with transaction.atomic():
        locked = DigitizedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.state != DigitizedDocument.State.RUNNING:
            return locked
        searchable = store(ContentFile(outcome.pdf, name="ocr.pdf"), kind=FileKind.PDF)
        suggestion = metadata.suggest(outcome.text)
        locked.searchable = searchable
        locked.text = outcome.text
        locked.search_text = text_search.searchable(outcome.text)
        locked.pages_total = outcome.pages
        locked.pages_done = outcome.pages
        locked.failed_pages = outcome.failed_pages
        locked.problem = "\n".join(outcome.problems)[:2000]
        if len(outcome.failed_pages) == outcome.pages:
            locked.state = DigitizedDocument.State.FAILED
        elif outcome.failed_pages:
            locked.state = DigitizedDocument.State.PARTIAL
        else:
            locked.state = DigitizedDocument.State.DONE
        if locked.confirmed_at is None:
            recognised = ocr_words.words(outcome.hocr)
            for name in ("document_type", "number", "issuer", "issued_on", "valid_until"):
                if not getattr(locked, name) and getattr(suggestion, name):
                    setattr(locked, name, getattr(suggestion, name))
                    sure = ocr_words.confidence(suggestion.sources.get(name, ""), recognised)
                    if sure is not None:
                        locked.confidence[name] = sure
        locked.finished_at = timezone.now()
        locked.save()
        text_search.index(locked.pk, locked.search_text)
    return locked


def confirm_metadata(
    *,
    document: DigitizedDocument,
    by,
    document_type: str,
    number: str = "",
    issuer: str = "",
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> DigitizedDocument:
    """Xác nhận thông tin giấy tờ: the official checks what the OCR suggested and fixes it."""
    if getattr(by, "official", None) is None or (
        document.dossier_id is None or not dossiers_visible_to(by).filter(pk=document.dossier_id).exists()
    ):
        raise Forbidden(_("Bạn không có quyền xác nhận giấy tờ này."))
    errors: dict[str, list[str]] = {}
    if not document_type.strip():
        errors["document_type"] = [_("Nhập loại giấy tờ.")]
    if issued_on and valid_until and valid_until < issued_on:
        errors["valid_until"] = [_("Ngày hết hiệu lực phải sau ngày cấp.")]
    if issued_on and issued_on > timezone.localdate():
        errors["issued_on"] = [_("Ngày cấp không được sau hôm nay.")]
    if errors:
        raise ValidationFailed(_("Thông tin giấy tờ chưa hợp lệ."), fields=errors)
    with transaction.atomic():
        locked = DigitizedDocument.objects.select_for_update().get(pk=document.pk)
        locked.document_type = document_type.strip()[:255]
        locked.number = number.strip()[:100]
        locked.issuer = issuer.strip()[:255]
        locked.issued_on = issued_on
        locked.valid_until = valid_until
        locked.confirmed_by = by
        locked.confirmed_at = timezone.now()
        locked.save()
    return locked


def _pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="motcua-text-") as tmp:
        path = Path(tmp) / "result.pdf"
        path.write_bytes(pdf)
        try:
            return ocr.extract_text(path)
        except (OSError, subprocess.SubprocessError):
            return ""


def file_signed_result(*, result, pdf: bytes) -> DigitizedDocument:
    """A signed result joins the applicant's repository: issued electronically, nothing to OCR.

    Called by ``signing.services.sign_result`` inside its transaction.
    """
    dossier = result.dossier
    stored = store(ContentFile(pdf, name="result.pdf"), kind=FileKind.PDF)
    text = _pdf_text(pdf)
    signed_at = result.signed_at or timezone.now()
    document = DigitizedDocument.objects.create(
        source=DigitizedDocument.Source.RESULT,
        dossier=dossier,
        owner_id=dossier.applicant_id,
        owner_identity=dossier.applicant_id_number,
        original=stored,
        searchable=stored,
        title=result.title[:500],
        state=DigitizedDocument.State.DONE,
        text=text,
        search_text=text_search.searchable(text),
        document_type=result.title[:255],
        number=dossier.code or "",
        issuer=dossier.competent_agency.name[:255],
        issued_on=timezone.localtime(signed_at).date(),
        confirmed_at=signed_at,
        finished_at=signed_at,
    )
    text_search.index(document.pk, document.search_text)
    return document


def resume_and_queue(*, limit: int = 200, stale_minutes: int = 30) -> int:
    """The periodic job: every scan goes through OCR once its dossier is received (drafts may be thrown
    away, so they are not OCR'd), and a document stuck in RUNNING (its worker died) is queued again."""

    stale = DigitizedDocument.objects.filter(
        state=DigitizedDocument.State.RUNNING,
        created_at__lt=timezone.now() - datetime.timedelta(minutes=stale_minutes),
    ).values_list("pk", flat=True)
    count = 0
    for pk in stale:
        DigitizedDocument.objects.filter(pk=pk).update(state=DigitizedDocument.State.QUEUED)
        enqueue(digitize_document, pk)
        count += 1
    waiting = (
        Attachment.objects.filter(
            digitized__isnull=True, reused_from__isnull=True, dossier__received_at__isnull=False
        )
        .exclude(dossier__status__in=[Status.DRAFT, Status.SUBMITTED])
        .select_related("dossier", "file")[:limit]
    )
    for attachment in waiting:
        queue_digitization(attachment=attachment)
        count += 1
    return count


# The job is defined beside the service that queues it (as signing.services.render_result), so the
# service needs no import of the job module: documents.tasks imports this one, never the reverse.
@shared_task(name="motcua.documents.digitize")
def digitize_document(document_id: int) -> str:
    """OCR one document (queued by ``queue_digitization``)."""
    document = run_digitization(document_id)
    return document.state if document is not None else "missing"
