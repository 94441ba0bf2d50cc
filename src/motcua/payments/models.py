"""Payments of fees and charges (thanh toán phí, lệ phí), the agencies' collection accounts, and
receipts (biên lai điện tử).

Money is integer đồng everywhere; the gateway's ×100 lives only in the VNPay adapter.
"""

from __future__ import annotations

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency


def _token() -> str:
    return secrets.token_urlsafe(18)


class Channel(models.TextChoices):
    ONLINE = "vnpay", _("Trực tuyến (VNPay)")
    CASH = "cash", _("Tiền mặt tại quầy")
    VIETQR = "vietqr", _("Chuyển khoản VietQR")


class PaymentRule(models.Model):
    """When a procedure's fees are collected: at filing (before reception) or when an official asks."""

    procedure = models.OneToOneField(Procedure, on_delete=models.CASCADE, related_name="payment_rule")
    collect_at_filing = models.BooleanField(_("thu phí khi nộp hồ sơ"), default=False)

    class Meta:
        verbose_name = _("cách thu phí của thủ tục")
        verbose_name_plural = _("cách thu phí của thủ tục")

    def __str__(self):
        return f"{self.procedure_id}: {'khi nộp' if self.collect_at_filing else 'khi được yêu cầu'}"


class AgencyAccount(models.Model):
    """Tài khoản thu phí: where an agency receives fees by transfer (VietQR), and its receipt series."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="collection_account")
    bank_bin = models.CharField(_("mã BIN ngân hàng (NAPAS)"), max_length=6)
    bank_name = models.CharField(_("ngân hàng"), max_length=120)
    account_number = models.CharField(_("số tài khoản"), max_length=19)
    account_name = models.CharField(_("tên tài khoản"), max_length=120)
    receipt_series = models.CharField(_("ký hiệu biên lai"), max_length=20, default="BL")

    class Meta:
        verbose_name = _("tài khoản thu phí")
        verbose_name_plural = _("tài khoản thu phí")

    def __str__(self):
        return f"{self.agency} — {self.bank_name} {self.account_number}"


class Exemption(models.TextChoices):
    """Đối tượng miễn, giảm phí, lệ phí (as the fee law lists them)."""

    NONE = "", _("Không miễn, giảm")
    POOR_HOUSEHOLD = "poor_household", _("Hộ nghèo")
    MERIT = "merit", _("Người có công với cách mạng")
    CHILD = "child", _("Trẻ em dưới 16 tuổi")
    DISABILITY = "disability", _("Người khuyết tật")
    ETHNIC_MINORITY = "ethnic_minority", _("Đồng bào dân tộc thiểu số vùng đặc biệt khó khăn")


class Payment(models.Model):
    """Một lần thanh toán phí, lệ phí of a dossier, by one channel.

    ``txn_ref`` is the order reference sent to the gateway (vnp_TxnRef); the gateway's own
    transaction number arrives with the notification and is kept unique, so a notification
    replayed or received twice is recorded once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Không thành công")
        EXPIRED = "expired", _("Hết hạn")
        REFUNDED = "refunded", _("Đã hoàn tiền")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="payments")
    channel = models.CharField(_("hình thức"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    txn_ref = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    due_seq = models.PositiveIntegerField(default=0)  # the payment_requested event it answers (0: at filing)
    items = models.JSONField(_("các khoản"), default=list)  # [{"name", "kind", "amount", "reduction"}]
    exemption = models.CharField(_("miễn, giảm"), max_length=20, choices=Exemption.choices, blank=True)
    exemption_reason = models.CharField(_("lý do miễn, giảm"), max_length=500, blank=True)
    payer_name = models.CharField(_("người nộp tiền"), max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    gateway_transaction_no = models.CharField(max_length=40, null=True, blank=True, unique=True)
    bank_code = models.CharField(max_length=20, blank=True)
    gateway_response_code = models.CharField(max_length=4, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=40, blank=True)
    receipt_token = models.CharField(max_length=32, unique=True, default=_token, editable=False)
    received_by_name = models.CharField(_("người thu"), max_length=255, blank=True)
    refunded_at = models.DateTimeField(_("hoàn tiền lúc"), null=True, blank=True)
    refund_reason = models.CharField(_("lý do hoàn tiền"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["agency", "paid_at"]),
        ]

    def __str__(self):
        return f"{self.txn_ref} {self.amount} đ ({self.status})"

    @property
    def reduction(self) -> int:
        return sum(int(item.get("reduction") or 0) for item in self.items)

    @property
    def gross(self) -> int:
        return sum(int(item.get("amount") or 0) for item in self.items)


class Refund(models.Model):
    """Hoàn tiền: money sent back through the gateway (a second payment of the same fee, a dossier
    refused or closed before the money arrived). Kept until the gateway says done; retried by the job."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ hoàn")
        DONE = "done", _("Đã hoàn")
        FAILED = "failed", _("Lỗi, sẽ thử lại")

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="refund")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    reason = models.CharField(_("lý do"), max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_response = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("hoàn tiền")
        verbose_name_plural = _("hoàn tiền")

    def __str__(self):
        return f"{self.payment_id}: {self.amount} đ ({self.status})"


class ReceiptCounter(models.Model):
    """The last receipt number issued by an agency in a year (numbers restart each year)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="payments_one_counter_per_year")
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last_number}"


class SandboxTransaction(models.Model):
    """The sandbox bank's own ledger (only with MOTCUA_PAYMENTS_SANDBOX): what a payer did on its
    pages, so it can answer querydr and refund as VNPay does. Amounts as VNPay keeps them (× 100)."""

    tmn_code = models.CharField(max_length=20)
    txn_ref = models.CharField(max_length=100)
    amount = models.PositiveBigIntegerField()  # vnp_Amount: đồng × 100
    order_info = models.CharField(max_length=255)
    return_url = models.CharField(max_length=500)
    ip = models.CharField(max_length=45, blank=True)
    create_date = models.CharField(max_length=14)
    expire_date = models.CharField(max_length=14, blank=True)
    transaction_no = models.CharField(max_length=20, unique=True)
    bank_code = models.CharField(max_length=20, blank=True)
    card_type = models.CharField(max_length=10, blank=True)
    pay_date = models.CharField(max_length=14, blank=True)
    response_code = models.CharField(max_length=2, blank=True)  # blank: the payer has not finished
    transaction_status = models.CharField(max_length=2, default="01")  # 00 paid, 01 pending, 02 failed
    refunded_amount = models.PositiveBigIntegerField(default=0)
    ipn_answer = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tmn_code", "txn_ref"], name="payments_sandbox_one_order")
        ]

    def __str__(self):
        return f"{self.txn_ref} ({self.transaction_status})"


class FinanceOfficer(models.Model):
    """Kế toán thu phí: an official who reconciles the fees of some agencies (the daily statement)."""

    official = models.OneToOneField("org.Official", on_delete=models.CASCADE, related_name="finance_officer")
    agencies = models.ManyToManyField(
        Agency, related_name="finance_officers", verbose_name=_("đơn vị đối soát")
    )

    class Meta:
        verbose_name = _("kế toán thu phí")
        verbose_name_plural = _("kế toán thu phí")

    def __str__(self):
        return str(self.official)
