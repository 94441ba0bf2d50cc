"""Stored files and the attachments that link them to dossiers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import DocumentComponent
from motcua.documents.validation import MEDIA_TYPES, FileKind
from motcua.dossiers.models import Dossier
from motcua.org.models import Counter


class StoredFile(models.Model):
    """Tệp đã lưu: one content, stored once under a generated name and addressed by its SHA-256.

    The same scan attached to two dossiers (or twice to one) is one stored file.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    kind = models.CharField(_("loại tệp"), max_length=10, choices=FileKind.choices)
    name = models.CharField(_("tên lưu trữ"), max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tải lên đầu tiên"),
    )

    class Meta:
        verbose_name = _("tệp đã lưu")
        verbose_name_plural = _("tệp đã lưu")

    def __str__(self):
        return f"{self.sha256[:12]}… ({self.kind}, {self.size} B)"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[FileKind(self.kind)]


class Attachment(models.Model):
    """Tệp đính kèm: a stored file attached to a dossier as (part of) one document component
    (thành phần hồ sơ), or as an other document when ``component`` is empty.

    The component's name is kept with the attachment: re-importing the catalogue
    replaces components, and what the applicant attached must keep its label.
    """

    class Stage(models.TextChoices):
        FILING = "filing", _("Nộp hồ sơ")
        SUPPLEMENT = "supplement", _("Bổ sung hồ sơ")
        COUNTER = "counter", _("Số hóa tại quầy")
        REUSE = "reuse", _("Dùng lại từ kho dữ liệu")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="attachments")
    component = models.ForeignKey(
        DocumentComponent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
        verbose_name=_("thành phần hồ sơ"),
    )
    component_name = models.TextField(_("tên thành phần hồ sơ"), blank=True)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="attachments")
    filename = models.CharField(_("tên tệp"), max_length=255)
    stage = models.CharField(_("giai đoạn"), max_length=12, choices=Stage.choices, default=Stage.FILING)
    # Empty for pages that arrived through a counter's scan inbox (no person uploaded them).
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    reused_from = models.ForeignKey(
        "documents.DigitizedDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reuses",
        verbose_name=_("dùng lại giấy tờ"),
    )

    class Meta:
        ordering = ["dossier", "uploaded_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return f"{self.dossier} — {self.filename}"

    @property
    def size(self) -> int:
        return self.file.size


class DigitizedDocument(models.Model):
    """Giấy tờ số hóa: a scan or a result turned into a searchable PDF/A, with its text and metadata.

    Kept under the applicant's identity (``owner``): together these make the applicant's
    data repository (kho dữ liệu điện tử), from which the next dossier reuses them.
    The worker fills ``pages_done`` as it goes, so officials see the progress; pages that
    fail are listed in ``failed_pages`` and kept as they were scanned, never dropped.
    """

    class Source(models.TextChoices):
        SCAN = "scan", _("Bản quét, ảnh chụp")
        RESULT = "result", _("Kết quả điện tử")

    class State(models.TextChoices):
        QUEUED = "queued", _("Chờ số hóa")
        RUNNING = "running", _("Đang nhận dạng chữ")
        DONE = "done", _("Đã số hóa")
        PARTIAL = "partial", _("Đã số hóa, có trang lỗi")
        FAILED = "failed", _("Số hóa không thành công")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField(_("nguồn"), max_length=10, choices=Source.choices, default=Source.SCAN)
    attachment = models.OneToOneField(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="digitized"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="digitized_documents"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repository",
        verbose_name=_("chủ sở hữu"),
    )
    owner_identity = models.CharField(_("số định danh / mã số thuế"), max_length=20, blank=True)
    original = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    searchable = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.QUEUED)
    pages_total = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    failed_pages = models.JSONField(default=list, blank=True)
    problem = models.TextField(blank=True)
    text = models.TextField(_("nội dung nhận dạng"), blank=True)
    search_text = models.TextField(blank=True, editable=False)
    # Metadata the official confirms (suggested from the text when it can be read).
    document_type = models.CharField(_("loại giấy tờ"), max_length=255, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issuer = models.CharField(_("cơ quan cấp"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    # How sure OCR was of each suggested field (0–100, its least sure word), shown to the official.
    confidence = models.JSONField(_("độ tin cậy của gợi ý"), default=dict, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)  # the worker began OCR (for time left)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "state"])]
        verbose_name = _("giấy tờ số hóa")
        verbose_name_plural = _("giấy tờ số hóa")

    def __str__(self):
        return self.title

    @property
    def is_digitized(self) -> bool:
        return self.state in (self.State.DONE, self.State.PARTIAL)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def applicant_title(self) -> str:
        """What the applicant sees this document called: the confirmed type, else the name of the
        document component it was filed as. An OCR suggestion nobody has checked is never shown."""
        return (self.document_type if self.confirmed else "") or self.title

    @property
    def percent(self) -> int:
        return int(100 * self.pages_done / self.pages_total) if self.pages_total else 0


class InboxFile(models.Model):
    """Tệp quét đến: one file a counter's scanner saved, in the order the scan inbox took it.

    A scanner that saves each sheet as its own image makes a batch of files: a cover sheet alone
    in one file routes the files after it, up to the next cover sheet or a pause of
    ``inbox.BATCH_PAUSE``. Files are ordered by ``sequence`` (the time the watcher took them, then
    their names), whatever order the worker happens to process them in.
    """

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="inbox_files")
    sequence = models.CharField(max_length=300)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    filename = models.CharField(_("tên tệp"), max_length=255)
    starts_with_cover = models.BooleanField(default=False)
    # The dossier named by the last cover sheet in this file: the files after it go there.
    opens = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["counter", "sequence"]
        constraints = [models.UniqueConstraint(fields=["counter", "sequence"], name="inbox_file_once")]
        verbose_name = _("tệp quét đến")
        verbose_name_plural = _("tệp quét đến")

    def __str__(self):
        return self.filename


class ScanItem(models.Model):
    """Trang quét chờ gán: pages that reached a counter's scan inbox without a cover sheet.

    They wait in the counter's unassigned tray until an official attaches them to a dossier.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="scan_items")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tên tệp"), max_length=255)
    pages = models.PositiveIntegerField(_("số trang"), default=1)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # The pages a file holds before any cover sheet: a cover sheet in an earlier file may claim them.
    inbox_file = models.ForeignKey(
        InboxFile, null=True, blank=True, on_delete=models.SET_NULL, related_name="leading_items"
    )

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("trang quét chờ gán")
        verbose_name_plural = _("trang quét chờ gán")

    def __str__(self):
        return self.filename
