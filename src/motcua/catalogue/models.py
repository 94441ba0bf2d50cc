"""The procedure catalogue, mirroring the national administrative-procedure database."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.calendar import TimeUnit, WorkingDuration
from motcua.org.models import Agency, Role


class Field(models.Model):
    """Lĩnh vực: the field a procedure belongs to (civil status, land, driving licences...)."""

    code = models.CharField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name


class Level(models.Model):
    """Cấp thực hiện: central, province, district (before 2025) or commune."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"

    code = models.CharField(_("mã"), max_length=20, primary_key=True)
    name = models.CharField(_("tên"), max_length=80)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("cấp thực hiện")
        verbose_name_plural = _("cấp thực hiện")

    def __str__(self):
        return self.name


class OnlineLevel(models.TextChoices):
    """Decree 42/2022: full online (toàn trình) or partial online (một phần)."""

    FULL = "full", _("Trực tuyến toàn trình")
    PARTIAL = "partial", _("Trực tuyến một phần")
    OFFLINE = "offline", _("Không trực tuyến")


class Procedure(models.Model):
    """Thủ tục hành chính: one administrative procedure of the catalogue."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.TextField(_("tên thủ tục"))
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    levels = models.ManyToManyField(
        Level, blank=True, related_name="procedures", verbose_name=_("cấp thực hiện")
    )
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="procedures", verbose_name=_("cơ quan tiếp nhận trong tỉnh")
    )
    decision_number = models.CharField(_("số quyết định công bố"), max_length=120, blank=True)
    procedure_type = models.CharField(_("loại thủ tục"), max_length=200, blank=True)
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    competent_authority = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    implementing_agencies = models.TextField(_("cơ quan thực hiện"), blank=True)
    target_groups = models.TextField(_("đối tượng thực hiện"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    channels = models.JSONField(
        _("cách thức thực hiện"),
        default=list,
        blank=True,
        help_text=_("Hình thức nộp, thời hạn, phí theo từng kênh."),
    )
    processing_time_amount = models.DecimalField(
        _("thời hạn giải quyết"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    processing_time_unit = models.CharField(
        _("đơn vị thời hạn"),
        max_length=20,
        choices=[(u.value, u.value) for u in TimeUnit],
        default=TimeUnit.WORKING_DAY,
    )
    processing_time_note = models.CharField(_("ghi chú thời hạn"), max_length=500, blank=True)
    fee_note = models.TextField(_("ghi chú phí, lệ phí"), blank=True)
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.OFFLINE
    )
    form_schema = models.JSONField(_("biểu mẫu điện tử (JSON Schema)"), default=dict, blank=True)
    source_url = models.URLField(_("trang trên Cổng DVC quốc gia"), max_length=500, blank=True)
    has_full_sheet = models.BooleanField(_("có đủ thông tin chi tiết"), default=False)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        indexes = [models.Index(fields=["online_level"])]

    def __str__(self):
        return f"{self.code} — {self.name[:80]}"

    @property
    def processing_time(self) -> WorkingDuration | None:
        if self.processing_time_amount is None:
            return None
        return WorkingDuration(Decimal(self.processing_time_amount), TimeUnit(self.processing_time_unit))

    @property
    def accepts_online(self) -> bool:
        return self.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)

    @property
    def total_fee(self) -> int:
        return sum(fee.amount for fee in self.fees.all())


class Fee(models.Model):
    """Phí, lệ phí: a fee or charge in integer đồng (zero is a valid amount)."""

    class Kind(models.TextChoices):
        FEE = "fee", _("Phí")
        CHARGE = "charge", _("Lệ phí")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.CHARGE)
    name = models.CharField(_("tên"), max_length=500)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["procedure", "order"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self):
        return f"{self.name}: {self.amount} đ"


class DocumentComponent(models.Model):
    """Thành phần hồ sơ: a document the applicant must (or may) bring."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    form_file = models.FileField(_("tệp mẫu"), upload_to="forms/", blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["procedure", "order"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name[:100]


class ProcessStep(models.Model):
    """Bước của quy trình nội bộ: one internal processing step, with its responsible
    role (and agency kind) and its share of the legal processing time."""

    class Target(models.TextChoices):
        RECEIVING = "receiving", _("Bộ phận một cửa nơi tiếp nhận")
        COMPETENT = "competent", _("Cơ quan có thẩm quyền giải quyết")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò phụ trách"), max_length=20, choices=Role.choices)
    target = models.CharField(
        _("đơn vị phụ trách"), max_length=20, choices=Target.choices, default=Target.COMPETENT
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Để trống: cơ quan tiếp nhận hoặc cơ quan có thẩm quyền của hồ sơ."),
    )
    duration_minutes = models.PositiveIntegerField(_("thời gian (phút làm việc)"), default=0)

    class Meta:
        ordering = ["procedure", "order"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "order"], name="process_step_order_unique")
        ]
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")

    def __str__(self):
        return f"{self.order}. {self.name}"
