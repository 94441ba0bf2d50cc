"""Officials' pages of digitization (under /can-bo/so-hoa/): a dossier's documents with OCR progress,
metadata confirmation, the cover sheet, the scan inbox's unassigned tray, and search in the text."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.audit.services import record_dossier_read
from motcua.core.downloads import download_response
from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.core.text import fold
from motcua.documents import digitization, inbox, text_search
from motcua.documents.models import Attachment, DigitizedDocument, ScanItem
from motcua.documents.rates import of_dossier
from motcua.documents.storage import open_stored
from motcua.dossiers.selectors import dossiers_visible_to, get_dossier_for, read_dossier_for
from motcua.org.access import official_required

PENDING = (DigitizedDocument.State.QUEUED, DigitizedDocument.State.RUNNING)


@dataclass
class BatchProgress:
    """The files of a dossier being digitized together: pages done of those known, and time left."""

    done: int
    total: int
    waiting: int  # files queued whose pages are not counted yet
    seconds_left: int | None  # at the pace of this batch so far; None until a page is done

    @property
    def minutes_left(self) -> int:
        return max(1, round((self.seconds_left or 0) / 60))


def batch_progress(rows, now=None) -> BatchProgress | None:
    """Progress of the batch: the documents still pending, with those queued or finished since the oldest
    of them was queued (the files sent to OCR together)."""
    documents = [
        row["document"]
        for row in rows
        if row["document"] is not None and not row["attachment"].reused_from_id
    ]
    pending = [d for d in documents if d.state in PENDING]
    if not pending:
        return None
    since = min(d.created_at for d in pending)
    batch = [d for d in documents if d.created_at >= since or (d.finished_at and d.finished_at >= since)]
    done = sum(d.pages_done for d in batch)
    total = sum(d.pages_total for d in batch)
    waiting = sum(1 for d in batch if d.state == DigitizedDocument.State.QUEUED and not d.pages_total)
    started = [d.started_at for d in batch if d.started_at is not None]
    seconds_left = None
    if done and started:
        elapsed = ((now or timezone.now()) - min(started)).total_seconds()
        pace = elapsed / done  # seconds per page, all of the batch's cores together
        seconds_left = round(pace * max(0, total - done))
    return BatchProgress(done=done, total=total, waiting=waiting, seconds_left=seconds_left)


def _dossier(request, reference):
    try:
        return get_dossier_for(request.user, reference)
    except NotFound:
        raise Http404 from None


def _download(stored, filename: str):
    return download_response(open_stored(stored), filename=filename, content_type=stored.media_type)


def _rows(dossier):
    attachments = (
        Attachment.objects.filter(dossier=dossier)
        .select_related("file", "digitized", "reused_from")
        .order_by("uploaded_at", "id")
    )
    rows = []
    for attachment in attachments:
        document = getattr(attachment, "digitized", None) or attachment.reused_from
        rows.append({"attachment": attachment, "document": document})
    return rows


@official_required
def dossier_documents(request, reference):
    """Số hóa hồ sơ: each file, its OCR progress (the list polls itself while the worker runs), its metadata."""
    if request.headers.get("HX-Request"):
        dossier = _dossier(request, reference)  # the page polling itself: its first view is in the audit log
    else:
        try:
            dossier = read_dossier_for(request.user, reference, view="digitization")
        except NotFound:
            raise Http404 from None
    rows = _rows(dossier)
    context = {
        "dossier": dossier,
        "rows": rows,
        "pending": any(row["document"] is not None and row["document"].state in PENDING for row in rows),
        "batch": batch_progress(rows),
        "summary": of_dossier(dossier),
        "errors": {},
    }
    template = (
        "documents/backoffice/_rows.html"
        if request.headers.get("HX-Request")
        else "documents/backoffice/dossier.html"
    )
    return render(request, template, context)


@require_POST
@official_required
def digitize(request, reference):
    dossier = _dossier(request, reference)
    try:
        wanted = request.POST.get("attachment", "")
        if wanted:
            attachment = Attachment.objects.filter(dossier=dossier, uuid=wanted).first()
            if attachment is None:
                raise Http404
            digitization.queue_digitization(attachment=attachment, by=request.user)
        else:
            digitization.queue_dossier(dossier=dossier, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã đưa vào hàng đợi số hóa; tiến độ hiện trên trang."))
    return redirect("documents-backoffice:dossier", dossier.code or dossier.uuid)


def _date(value: str, field: str, errors: dict) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    errors[field] = [_("Ngày không hợp lệ (dd/mm/yyyy).")]
    return None


def _visible_document(request, reference) -> DigitizedDocument:
    document = (
        DigitizedDocument.objects.select_related("dossier", "searchable", "original")
        .filter(uuid=reference, dossier__in=dossiers_visible_to(request.user))
        .first()
    )
    if document is None:
        raise Http404
    return document


@require_POST
@official_required
def confirm(request, reference):
    """Xác nhận thông tin giấy tờ."""
    document = _visible_document(request, reference)
    posted, errors = request.POST, {}
    issued_on = _date(posted.get("issued_on"), "issued_on", errors)
    valid_until = _date(posted.get("valid_until"), "valid_until", errors)
    try:
        if errors:
            raise ValidationFailed(_("Thông tin giấy tờ chưa hợp lệ."), fields=errors)
        digitization.confirm_metadata(
            document=document,
            by=request.user,
            document_type=posted.get("document_type", ""),
            number=posted.get("number", ""),
            issuer=posted.get("issuer", ""),
            issued_on=issued_on,
            valid_until=valid_until,
        )
    except DomainError as exc:
        dossier = document.dossier
        rows = _rows(dossier)
        for row in rows:  # show what was typed, with the message beside its field
            if row["document"] is not None and row["document"].pk == document.pk:
                row["posted"] = posted
        context = {
            "dossier": dossier,
            "rows": rows,
            "pending": False,
            "summary": of_dossier(dossier),
            "errors": exc.fields,
            "error_document": document.pk,
            "message": exc.message,
        }
        return render(request, "documents/backoffice/dossier.html", context, status=400)
    messages.success(request, _("Đã xác nhận thông tin giấy tờ “%(title)s”.") % {"title": document.title})
    return redirect("documents-backoffice:dossier", document.dossier.code or document.dossier.uuid)


@official_required
def searchable_pdf(request, reference):
    document = _visible_document(request, reference)
    record_dossier_read(user=request.user, dossier=document.dossier, what=f"digitized:{document.uuid}")
    stored = document.searchable or document.original
    return _download(
        stored, f"{fold(document.document_type or document.title).replace(' ', '-')[:80] or 'giay-to'}.pdf"
    )


@official_required
def cover_sheet(request, reference):
    """Tờ bìa quét: printed and put in front of the dossier's pages in the scanner."""
    dossier = _dossier(request, reference)
    return download_response(
        inbox.cover_sheet_pdf(dossier),
        filename=f"to-bia-{dossier.code or dossier.uuid}.pdf",
        content_type="application/pdf",
        inline=True,
    )


@official_required
def tray(request):
    """Khay chưa gán: pages that reached a counter's inbox without a cover sheet; and search in the text."""
    query = request.GET.get("q", "").strip()
    found = []
    if query:  # the full-text index, over the documents of the dossiers this official may see
        visible = DigitizedDocument.objects.filter(dossier__in=dossiers_visible_to(request.user))
        ranked = text_search.matching(query, visible)
        by_id = DigitizedDocument.objects.select_related("dossier").in_bulk(ranked)
        found = [by_id[pk] for pk in ranked if pk in by_id]
    return render(
        request,
        "documents/backoffice/tray.html",
        {
            "items": list(inbox.unassigned(request.user)),
            "query": query,
            "found": found,
            "counters": inbox.counters_of(request.user),
        },
    )


def _item(request, reference) -> ScanItem:
    item = inbox.unassigned(request.user).filter(uuid=reference).first()
    if item is None:
        raise Http404
    return item


@official_required
def tray_file(request, reference):
    item = _item(request, reference)
    return _download(item.file, item.filename)


@require_POST
@official_required
def assign(request, reference):
    item = _item(request, reference)
    code = request.POST.get("dossier", "").strip()
    try:
        if not code:
            raise ValidationFailed(fields={"dossier": [_("Nhập mã hồ sơ.")]})
        attachment = inbox.assign_scan(item=item, dossier_code=code, by=request.user)
    except DomainError as exc:
        messages.error(request, f"{item.filename}: {exc.message}" if exc.message else item.filename)
        for texts in exc.fields.values():
            for text in texts:
                messages.error(request, f"{item.filename}: {text}")
        return redirect("documents-backoffice:tray")
    messages.success(
        request,
        _("Đã gán “%(name)s” vào hồ sơ %(code)s.") % {"name": item.filename, "code": attachment.dossier.code},
    )
    return redirect("documents-backoffice:tray")
