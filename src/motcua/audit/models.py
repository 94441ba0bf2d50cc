"""The audit log (nhật ký truy cập): who read, changed or exported what, and who signed in.

Each entry carries a keyed hash (HMAC) of itself; once linked into the chain by the sequencer
(``audit.chain``), also of its place and the entry before it, so an edited, removed or inserted
row breaks the chain and ``motcua audit verify`` names where; checkpoints written outside the
database catch the removal of the newest entries.
The table is append-only down to the database: triggers refuse UPDATE and DELETE.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    READ = "read", _("Xem dữ liệu cá nhân")
    LIST = "list", _("Xem danh sách hồ sơ")
    CHANGE = "change", _("Thay đổi")
    EXPORT = "export", _("Xuất dữ liệu")
    SIGN_IN = "sign_in", _("Đăng nhập")
    SIGN_IN_FAILED = "sign_in_failed", _("Đăng nhập không thành công")
    PRIVACY = "privacy", _("Quyền của chủ thể dữ liệu")
    DENIED = "denied", _("Bị từ chối truy cập")
    ALERT = "alert", _("Cảnh báo đăng nhập bất thường")


class AuditEntry(models.Model):
    """One line of the audit log. Actors are kept by id and name, not by foreign key: an entry
    must hash the same after the account it names is anonymised."""

    # Its place in the chain; NULL until the sequencer links it (audit.chain).
    seq = models.PositiveBigIntegerField(_("số thứ tự"), unique=True, null=True, blank=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor_id = models.BigIntegerField(_("mã người dùng"), null=True, blank=True, db_index=True)
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    action = models.CharField(_("hành động"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("loại đối tượng"), max_length=40, blank=True)
    object_ref = models.CharField(_("đối tượng"), max_length=120, blank=True, db_index=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    ip = models.CharField(_("địa chỉ IP"), max_length=45, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The entry's own MAC, written with it (empty on entries written before the sequencer).
    mac = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        # Newest first; ids follow the writes, seq (the chain's order) the commits.
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="audit_entry_unchained"),
        ]
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")

    def __str__(self):
        return (
            f"#{self.seq or '-'} {self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_ref}"
        )

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("AuditEntry is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AuditEntry is append-only")
