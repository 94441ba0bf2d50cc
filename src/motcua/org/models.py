"""Administrative units, agencies, counters, officials and their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành phố")
    DISTRICT = "district", _("Huyện/quận (trước 2025)")
    COMMUNE = "commune", _("Xã/phường/đặc khu")


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính: a province, a commune (and, for data before July 2025, a district)."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    division_type = models.CharField(_("loại"), max_length=50, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")

    def __str__(self):
        return self.name


class AgencyKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", _("UBND tỉnh")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    BRANCH = "branch", _("Chi nhánh, đơn vị trực thuộc")
    COMMUNE_COMMITTEE = "commune_committee", _("UBND cấp xã")
    OTHER = "other", _("Khác")


class Agency(models.Model):
    """Cơ quan, đơn vị: a department, a commune People's Committee, the service centre...

    ``code`` is the electronic identifier code (mã định danh điện tử) the state
    assigns; dossier codes start with it. It is an opaque string.
    """

    code = models.CharField(_("mã định danh điện tử"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("đơn vị hành chính"),
    )
    address = models.CharField(
        _("địa chỉ tiếp nhận"),
        max_length=255,
        blank=True,
        help_text=_("Nơi người dân đến nộp hồ sơ; để trống nếu cơ quan tiếp nhận tại quầy của cơ quan khác."),
    )
    opening_hours = models.CharField(
        _("thời gian tiếp nhận"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu (trừ ngày lễ)."),
    )
    hotline = models.CharField(_("đường dây nóng"), max_length=30, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")

    def __str__(self):
        return self.name


class Counter(models.Model):
    """Quầy tiếp nhận: a counter of the one-stop-shop, serving one or more agencies."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="counters", verbose_name=_("đặt tại cơ quan")
    )
    number = models.PositiveSmallIntegerField(_("số quầy"))
    name = models.CharField(_("tên quầy"), max_length=200)
    serves = models.ManyToManyField(
        Agency, blank=True, related_name="served_at_counters", verbose_name=_("tiếp nhận hồ sơ của")
    )

    class Meta:
        ordering = ["agency", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="counter_number_unique")]
        verbose_name = _("quầy tiếp nhận")
        verbose_name_plural = _("quầy tiếp nhận")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Role(models.TextChoices):
    RECEIVER = "receiver", _("Cán bộ tiếp nhận (một cửa)")
    PROCESSOR = "processor", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo (phê duyệt, ký)")
    ADMIN = "admin", _("Quản trị")


class Official(models.Model):
    """Cán bộ, công chức: an official, with roles scoped to agencies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="official",
        verbose_name=_("tài khoản"),
    )
    title = models.CharField(_("chức danh"), max_length=120, blank=True)
    counter = models.ForeignKey(
        Counter,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officials",
        verbose_name=_("quầy"),
    )

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self):
        return self.user.full_name or self.user.username

    @property
    def name(self) -> str:
        return str(self)


class RoleAssignment(models.Model):
    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="roles", verbose_name=_("cán bộ")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("cơ quan")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["official", "agency", "role"], name="role_assignment_unique"),
        ]
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self):
        return f"{self.official} — {self.get_role_display()} — {self.agency}"
