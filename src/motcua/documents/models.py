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


class StoredFile(models.Model):
    """Tệp đã lưu: one content, stored once under a generated name and addressed by its SHA-256.

    The same scan attached to two dossiers (or twice to one) is one stored file.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    kind = models.CharField(_("loại tệp"), max_length=10, choices=FileKind.choices)
    name = models.CharField(_("tên lưu trữ"), max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

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
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dossier", "uploaded_at", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return f"{self.dossier} — {self.filename}"

    @property
    def size(self) -> int:
        return self.file.size
