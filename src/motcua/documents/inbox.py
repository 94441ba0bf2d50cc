"""The scan inbox (hộp thư quét): a watched folder per counter, routed by cover sheets.

Each counter's scanner saves into ``MOTCUA_SCAN_INBOX_DIR/<agency code>-<counter number>/``.
A file is a multi-page PDF or one image. A cover sheet (tờ bìa, printed from the dossier's
page, with the dossier's QR code) put in front of the pages routes the pages after it to
that dossier, up to the next cover sheet: within a file, and across the files that follow
it in the counter's folder (a scanner that saves one image per sheet), in the order they
arrived, until a pause of ``BATCH_PAUSE``. Pages with no cover sheet before them wait in the
counter's unassigned tray (``ScanItem``) until an official attaches them.

The watcher (``motcua scan-inbox``, ``watch.py``) claims a file once it has stopped growing
and queues ``ingest_file`` for it; everything here runs in the worker.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import tempfile
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.core.pdf import render_pdf
from motcua.core.qr import qr_data_uri
from motcua.documents.digitization import queue_digitization
from motcua.documents.models import Attachment, InboxFile, ScanItem
from motcua.documents.selectors import total_bytes
from motcua.documents.storage import open_stored, store
from motcua.documents.validation import FileKind, check_dossier_total, check_file, inspect_upload
from motcua.dossiers import locking
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import OPEN_STATUSES
from motcua.org.models import Counter, Role
from motcua.org.selectors import agency_ids_for

COVER_PREFIX = "MOTCUA-BIA:"
RASTER_DPI = 150  # the cover's QR code is 4 cm wide: ~6 pixels per module at this resolution
# A cover sheet routes the files after it until the scanner has been idle this long.
BATCH_PAUSE = datetime.timedelta(minutes=5)


def cover_payload(dossier: Dossier) -> str:
    """What the cover sheet's QR code says: the dossier's unguessable id, never personal data."""
    return f"{COVER_PREFIX}{dossier.uuid}"


def counter_folder_name(counter: Counter) -> str:
    return f"{counter.agency.code}-{counter.number}"


def inbox_root() -> Path:
    return Path(settings.SCAN_INBOX_DIR)


def counter_for_folder(name: str) -> Counter | None:
    code, _sep, number = name.rpartition("-")
    if not code or not number.isdigit():
        return None
    return Counter.objects.select_related("agency").filter(agency__code=code, number=int(number)).first()


def cover_sheet_pdf(dossier: Dossier) -> bytes:
    """Tờ bìa: printed from the dossier's page and put in front of its pages in the scanner."""
    return render_pdf(
        "documents/cover_sheet.html",
        {"dossier": dossier, "qr": qr_data_uri(cover_payload(dossier), scale=10)},
    )


def read_cover(image) -> uuid_module.UUID | None:
    """The dossier a page is the cover sheet of, from its QR code (zbar); ``None`` for any other page."""
    from pyzbar import pyzbar

    for symbol in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE]):
        text = symbol.data.decode("utf-8", errors="replace")
        if text.startswith(COVER_PREFIX):
            try:
                return uuid_module.UUID(text[len(COVER_PREFIX) :])
            except ValueError:
                continue
    return None


def _page_images(path: Path, kind: str, workdir: Path) -> list:
    from PIL import Image

    if kind != FileKind.PDF:
        with Image.open(path) as image:
            return [image.convert("L")]
    subprocess.run(
        ["pdftoppm", "-r", str(RASTER_DPI), "-gray", "-png", str(path), str(workdir / "page")],
        check=True,
        capture_output=True,
        timeout=600,
    )
    images = []
    for png in sorted(workdir.glob("page-*.png")):
        with Image.open(png) as image:
            images.append(image.copy())
    return images


@dataclass
class Segment:
    """Pages (numbered from 1) and the dossier their cover sheet named (``None``: no cover sheet)."""

    dossier_uuid: uuid_module.UUID | None
    pages: list[int] = field(default_factory=list)


def route_pages(covers: list[uuid_module.UUID | None]) -> list[Segment]:
    """Split a batch at its cover sheets; the cover sheets themselves are not kept."""
    segments = [Segment(None)]
    for number, cover in enumerate(covers, start=1):
        if cover is not None:
            segments.append(Segment(cover))
        else:
            segments[-1].pages.append(number)
    return [segment for segment in segments if segment.pages]


def _pages_pdf(path: Path, pages: list[int]) -> bytes:
    import pikepdf

    with pikepdf.open(path) as source, pikepdf.new() as out:
        for number in pages:
            out.pages.append(source.pages[number - 1])
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()


def original_name(path: Path) -> str:
    """The scanner's file name: a claimed file is ``.processing/<12 hex digits>-<name>`` (watch.py)."""
    if path.parent.name == ".processing":
        return path.name.split("-", 1)[-1]
    return path.name


def _refuse(path: Path, reason: str) -> str:
    refused = path.parent.parent / "refused" if path.parent.name == ".processing" else path.parent / "refused"
    refused.mkdir(parents=True, exist_ok=True)
    target = refused / original_name(path)
    os.replace(path, target)
    target.with_suffix(target.suffix + ".txt").write_text(reason + "\n", encoding="utf-8")
    return "refused"


def arrival(path: Path) -> tuple[str, datetime.datetime]:
    """A claimed file's place in its folder's order, and when it arrived: from the claimed name
    (``<nanoseconds>-<name>``, watch.py), else from the file's modification time."""
    token = path.name.split("-", 1)[0]
    if path.parent.name == ".processing" and token.isdigit() and len(token) == 20:
        nanoseconds = int(token)
    else:
        nanoseconds = int(path.stat().st_mtime * 1e9)
    at = datetime.datetime.fromtimestamp(nanoseconds / 1e9, tz=datetime.UTC)
    return f"{nanoseconds:020d}-{original_name(path)}"[:300], at


def ingest_file(*, counter_id: int, path: str) -> str:
    """Store a file from the inbox, after any file claimed before it in the same folder and not
    stored yet (jobs may run side by side; the order of the files is what routes them)."""
    source = Path(path)
    if source.parent.name == ".processing" and source.parent.is_dir():
        for earlier in sorted(source.parent.iterdir()):
            if earlier.name < source.name and earlier.is_file():
                _ingest_one(counter_id=counter_id, source=earlier)
    return _ingest_one(counter_id=counter_id, source=source)


def _ingest_one(*, counter_id: int, source: Path) -> str:
    """Pages after a cover sheet join its dossier, and so do the pages of the files that follow it;
    the others wait in the tray.

    The file is checked like any upload (type by content, size, structure); a refused file is moved
    to the counter's ``refused/`` folder with the reason beside it, so the scanner's operator sees it.
    """
    if not source.exists():
        return "gone"  # delivered twice: the first delivery took it
    counter = Counter.objects.select_related("agency").get(pk=counter_id)
    sequence, arrived_at = arrival(source)
    if InboxFile.objects.filter(counter=counter, sequence=sequence).exists():
        return "gone"
    data = source.read_bytes()
    display_name = original_name(source)
    try:
        kind = check_file(name=display_name, size=len(data), head=data[:1024])
        inspect_upload(name=display_name, data=data, kind=kind)
    except ValidationFailed as exc:
        return _refuse(source, str(exc.message))
    with tempfile.TemporaryDirectory(prefix="motcua-inbox-") as tmp:
        covers = [read_cover(image) for image in _page_images(source, kind, Path(tmp))]
    segments = route_pages(covers)
    stem = Path(display_name).stem
    try:
        with transaction.atomic():
            Counter.objects.select_for_update().filter(
                pk=counter.pk
            ).first()  # one file of a counter at a time
            record = InboxFile.objects.create(
                counter=counter,
                sequence=sequence,
                received_at=arrived_at,
                filename=display_name[:255],
                starts_with_cover=bool(covers) and covers[0] is not None,
                opens=next((cover for cover in reversed(covers) if cover is not None), None),
            )
            carried = None if record.starts_with_cover else _route_from_before(record)
            for segment in segments:
                leading = segment.dossier_uuid is None
                if kind == FileKind.PDF and (len(segments) > 1 or len(segment.pages) != len(covers)):
                    content, piece_kind = _pages_pdf(source, segment.pages), FileKind.PDF
                else:
                    content, piece_kind = data, kind
                first, last = segment.pages[0], segment.pages[-1]
                pages_label = f"{first}" if first == last else f"{first}-{last}"
                filename = f"{stem}-trang-{pages_label}.{'pdf' if piece_kind == FileKind.PDF else piece_kind}"
                stored = store(ContentFile(content, name=filename), kind=piece_kind)
                dossier = _open_dossier(carried if leading else segment.dossier_uuid)
                attachment = None
                if dossier is not None:
                    try:
                        attachment = _attach_scan(dossier=dossier, stored=stored, filename=filename)
                    except ValidationFailed:
                        attachment = None  # over the dossier's limit: the official decides from the tray
                if attachment is None:
                    ScanItem.objects.create(
                        counter=counter,
                        file=stored,
                        filename=filename,
                        pages=len(segment.pages),
                        inbox_file=record if leading else None,
                    )
            if record.opens is not None:
                _route_after(record)
            transaction.on_commit(lambda: source.unlink(missing_ok=True))
    except IntegrityError:
        return "gone"  # another job stored this file meanwhile
    return f"{len(segments)} segments"


def _route_from_before(record: InboxFile):
    """The dossier of the last cover sheet in the files before this one, if the batch goes on."""
    later = record.received_at
    before = InboxFile.objects.filter(counter=record.counter, sequence__lt=record.sequence).order_by(
        "-sequence"
    )
    for file in before[:200]:
        if later - file.received_at > BATCH_PAUSE:
            return None
        if file.opens is not None:
            return file.opens
        later = file.received_at
    return None


def _route_after(record: InboxFile) -> None:
    """Files taken after this cover sheet but stored before it waited in the tray: they go to its dossier."""
    dossier = _open_dossier(record.opens)
    if dossier is None:
        return
    earlier = record.received_at
    after = InboxFile.objects.filter(counter=record.counter, sequence__gt=record.sequence).order_by(
        "sequence"
    )
    for file in after[:200]:
        if file.received_at - earlier > BATCH_PAUSE:
            return
        for item in file.leading_items.filter(attachment__isnull=True):
            try:
                item.attachment = _attach_scan(dossier=dossier, stored=item.file, filename=item.filename)
            except ValidationFailed:
                continue  # over the dossier's limit: it stays in the tray
            item.assigned_at = timezone.now()
            item.save(update_fields=["attachment", "assigned_at"])
        if file.starts_with_cover or file.opens is not None:
            return
        earlier = file.received_at


def _open_dossier(reference: uuid_module.UUID | None) -> Dossier | None:
    if reference is None:
        return None
    return Dossier.objects.filter(uuid=reference, status__in=OPEN_STATUSES).first()


def _attach_scan(*, dossier: Dossier, stored, filename: str, by=None) -> Attachment:
    with locking.locked(dossier, related=()) as locked:
        check_dossier_total(current=total_bytes(locked), adding=stored.size)
        attachment = Attachment.objects.create(
            dossier=locked,
            component=None,
            component_name="",
            file=stored,
            filename=filename,
            stage=Attachment.Stage.COUNTER,
            uploaded_by=by,
        )
        queue_digitization(attachment=attachment)
    return attachment


def counters_of(user) -> list[Counter]:
    """The counters whose trays an official works: those of the agencies they receive for."""
    official = getattr(user, "official", None)
    if official is None:
        return []
    agencies = agency_ids_for(official, [Role.RECEIVER])
    return list(Counter.objects.filter(agency_id__in=agencies).select_related("agency"))


def unassigned(user):
    return (
        ScanItem.objects.filter(counter__in=counters_of(user), attachment__isnull=True)
        .select_related("counter", "counter__agency", "file")
        .order_by("received_at", "id")
    )


def assign_scan(*, item: ScanItem, dossier_code: str, component_id: int | None = None, by) -> Attachment:
    """Gán vào hồ sơ: the official attaches pages from the tray to a dossier of their agencies."""
    if item.counter not in counters_of(by):
        raise Forbidden(_("Bạn không làm việc tại quầy này."))
    dossier = Dossier.objects.filter(code=dossier_code.strip()).first()
    official = by.official
    if dossier is None or dossier.receiving_agency_id not in agency_ids_for(official, [Role.RECEIVER]):
        raise NotFound(
            _("Không tìm thấy hồ sơ “%(code)s” trong các cơ quan của bạn.") % {"code": dossier_code}
        )
    if dossier.status not in OPEN_STATUSES:
        raise ValidationFailed(fields={"dossier": [_("Hồ sơ đã kết thúc, không đính kèm thêm tệp.")]})
    component = None
    if component_id:
        component = dossier.procedure.documents.filter(pk=component_id).first()
    with transaction.atomic():
        locked = ScanItem.objects.select_for_update().get(pk=item.pk)
        if locked.attachment_id is not None:
            raise Conflict(_("Các trang này đã được gán vào hồ sơ."))
        attachment = _attach_scan(dossier=dossier, stored=locked.file, filename=locked.filename, by=by)
        if component is not None:
            attachment.component = component
            attachment.component_name = component.name
            attachment.save(update_fields=["component", "component_name"])
        locked.attachment = attachment
        locked.assigned_by = by
        locked.assigned_at = timezone.now()
        locked.save(update_fields=["attachment", "assigned_by", "assigned_at"])
    return attachment


def open_scan_item(item: ScanItem):
    return open_stored(item.file)
