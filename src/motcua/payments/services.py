"""Write use-cases of payments: start an online payment, take the gateway's notification, reconcile,
refund. Each public function is one transaction; the dossier moves on only through
``dossiers.services.settle_fee``.

The IPN is the only source of truth: the return page shows, and ``handle_ipn`` (or the reconciling
job asking the gateway with ``querydr``) decides. Every rejected callback is written in the audit log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers import locking
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import NOBODY, actor_for
from motcua.jobs import enqueue
from motcua.payments.fees import REDUCTIONS, counter_due, due_now, with_reduction
from motcua.payments.gateways import Notification, Order, current, online_payment_offered
from motcua.payments.models import Channel, Exemption, Payment, ReceiptCounter, Refund

logger = logging.getLogger(__name__)

# A notification may arrive a little after the order's expiry for a payment made in time.
LATE_GRACE = timedelta(minutes=5)
# Callback fields kept in the audit log when one is rejected (never a card number: VNPay sends none).
AUDITED_FIELDS = ("vnp_TxnRef", "vnp_Amount", "vnp_ResponseCode", "vnp_TransactionNo", "vnp_PayDate")


def new_txn_ref(at: datetime) -> str:
    return f"{timezone.localtime(at):%y%m%d}{secrets.token_hex(5).upper()}"


def _description(dossier: Dossier) -> str:
    # VNPay asks for Vietnamese without diacritics in vnp_OrderInfo.
    return f"Thanh toan phi le phi ho so {dossier.code or dossier.uuid}"


def start_online_payment(*, dossier: Dossier, by, ip: str, return_url: str, locale: str = "vn", at=None):
    """Thanh toán trực tuyến: open an order for what is due now and give the gateway's URL.

    Starting twice opens two orders: should both be paid, the second is refunded (``_settle``)."""
    at = at or timezone.now()
    if by is None or by.pk != dossier.applicant_id:
        raise Forbidden(_("Chỉ người nộp hồ sơ được thanh toán phí, lệ phí của hồ sơ này."))
    if not online_payment_offered():
        raise InvalidTransition(
            _("Cổng thanh toán trực tuyến chưa được cấu hình: vui lòng nộp phí tại quầy.")
        )
    due = due_now(dossier)
    if due is None:
        raise InvalidTransition(_("Hồ sơ này hiện không có khoản phí, lệ phí nào cần thanh toán."))
    payment = Payment.objects.create(
        dossier=dossier,
        agency=dossier.receiving_agency,
        channel=Channel.ONLINE,
        txn_ref=new_txn_ref(at),
        amount=due.total,
        due_seq=due.due_seq,
        items=due.items,
        payer_name=dossier.applicant_name,
        created_at=at,
        expires_at=at + timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES),
    )
    order = Order(
        txn_ref=payment.txn_ref,
        amount=payment.amount,
        description=_description(dossier),
        created_at=at,
        expires_at=payment.expires_at,
        payer_ip=ip,
        locale="en" if locale.startswith("en") else "vn",
    )
    return payment, current().payment_url(order=order, return_url=return_url)


def next_receipt_number(payment: Payment, at: datetime) -> str:
    """Số biên lai: a series per agency and year, numbers without gaps. One UPDATE takes the next
    number and holds the counter's row until the payment commits, so two payments never share one."""
    year = timezone.localtime(at).year
    counters = ReceiptCounter.objects.filter(agency_id=payment.agency_id, year=year)
    if not counters.update(last_number=F("last_number") + 1):
        ReceiptCounter.objects.get_or_create(agency_id=payment.agency_id, year=year)
        counters.update(last_number=F("last_number") + 1)
    number = counters.values_list("last_number", flat=True).get()
    account = getattr(payment.agency, "collection_account", None)
    series = account.receipt_series if account else "BL"
    return f"{series}/{year}/{number:07d}"


def _reject(reason: str, params: Mapping[str, str], ip: str, code: str) -> dict:
    record(
        action=Action.DENIED,
        object_type="payment_callback",
        object_ref=str(params.get("vnp_TxnRef", ""))[:120],
        detail={"reason": reason, "answer": code, **{k: str(params.get(k, ""))[:64] for k in AUDITED_FIELDS}},
        ip=ip or None,
    )
    return current().ipn_answer(code)


def record_rejected_return(params: Mapping[str, str], *, ip: str = "") -> None:
    """A return URL whose signature fails (or names no order): shown as such, and logged."""
    record(
        action=Action.DENIED,
        object_type="payment_callback",
        object_ref=str(params.get("vnp_TxnRef", ""))[:120],
        detail={"reason": "bad_return", **{k: str(params.get(k, ""))[:64] for k in AUDITED_FIELDS}},
        ip=ip or None,
    )


def _request_refund(payment: Payment, reason: str) -> Refund:
    refund, _created = Refund.objects.get_or_create(
        payment=payment, defaults={"amount": payment.amount, "reason": reason}
    )
    # After the commit, so the job sees the row and the gateway is never called inside the lock.
    transaction.on_commit(lambda: enqueue(send_refund_job, refund.pk))
    return refund


def _settle(payment: Payment, at: datetime) -> None:
    """Money received: the dossier moves on, unless the fee was already paid (a second payment) or
    the dossier closed meanwhile; then the money goes back."""
    others = (
        Payment.objects.filter(dossier=payment.dossier, due_seq=payment.due_seq, status=Payment.Status.PAID)
        .exclude(pk=payment.pk)
        .exists()
    )
    if others:
        _request_refund(payment, "Thanh toán trùng: khoản phí đã được nộp")
        return
    settled = dossier_services.settle_fee(
        dossier=payment.dossier,
        reference=f"{payment.get_channel_display()}, biên lai số {payment.receipt_number}",
        amount=payment.amount,
        channel=payment.channel,
        at=at,
    )
    if not settled and payment.channel == Channel.ONLINE:
        _request_refund(payment, "Hồ sơ đã kết thúc trước khi nhận được tiền")


def _mark_paid(payment: Payment, note: Notification, at: datetime) -> None:
    payment.status = Payment.Status.PAID
    payment.paid_at = note.paid_at or at
    payment.gateway_transaction_no = note.transaction_no or None
    payment.bank_code = note.bank_code
    payment.gateway_response_code = note.response_code
    payment.receipt_number = next_receipt_number(payment, payment.paid_at)
    payment.save(
        update_fields=[
            "status",
            "paid_at",
            "gateway_transaction_no",
            "bank_code",
            "gateway_response_code",
            "receipt_number",
        ]
    )
    _settle(payment, at)


def handle_ipn(params: Mapping[str, str], *, ip: str = "", at: datetime | None = None) -> dict:
    """The gateway's server-to-server notification: the only thing that marks a payment paid.

    Answers with the protocol's codes: 00 recorded, 01 order not found, 02 already confirmed (a
    replay, or an order no longer open), 04 amount differs, 97 bad signature, 99 anything else."""
    at = at or timezone.now()
    gateway = current()
    note = gateway.read_notification(params)
    if not note.authentic:
        return _reject("bad_signature", params, ip, "97")
    try:
        with transaction.atomic():
            payment = (
                Payment.objects.select_for_update(of=("self",))
                .select_related("agency__collection_account")
                .filter(txn_ref=note.txn_ref, channel=Channel.ONLINE)
                .first()
            )
            if payment is None:
                return _reject("unknown_order", params, ip, "01")
            if note.amount != payment.amount:
                return _reject("wrong_amount", params, ip, "04")
            if payment.status == Payment.Status.EXPIRED and note.succeeded:
                if note.paid_at and payment.expires_at and note.paid_at <= payment.expires_at + LATE_GRACE:
                    # Paid in time, told late: the money is the applicant's payment, honour it.
                    _mark_paid(payment, note, at)
                    return gateway.ipn_answer("00")
                payment.gateway_transaction_no = note.transaction_no or None
                payment.paid_at = note.paid_at or at
                payment.save()
                _request_refund(payment, "Thanh toán sau khi giao dịch đã hết hạn")
                return _reject("expired_order", params, ip, "02")
            if payment.status != Payment.Status.PENDING:
                reason = (
                    "replay" if payment.gateway_transaction_no == note.transaction_no else "already_confirmed"
                )
                return _reject(reason, params, ip, "02")
            if note.succeeded:
                _mark_paid(payment, note, at)
            else:
                payment.status = Payment.Status.FAILED
                payment.gateway_response_code = note.response_code
                payment.save(update_fields=["status", "gateway_response_code"])
            return gateway.ipn_answer("00")
    except Exception:
        logger.exception("payments: IPN %s failed", note.txn_ref)
        return gateway.ipn_answer("99")


def reconcile(payment: Payment, *, at: datetime | None = None) -> str:
    """Ask the gateway (querydr) what became of a pending order — the payer closed the tab, the IPN
    never came — and record it: paid, failed, or expired once past its expiry. Returns the status."""
    at = at or timezone.now()
    try:
        answer = current().query(
            txn_ref=payment.txn_ref,
            created_at=payment.created_at,
            description=_description(payment.dossier),
            ip="",
        )
    except Exception as exc:  # the gateway unreachable: try again at the next run
        logger.warning("payments: querydr %s failed: %s", payment.txn_ref, exc)
        return payment.status
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("dossier", "agency").get(pk=payment.pk)
        if locked.status != Payment.Status.PENDING or not answer.authentic:
            return locked.status
        if answer.succeeded and answer.amount == locked.amount:
            note = Notification(
                authentic=True,
                txn_ref=locked.txn_ref,
                amount=answer.amount,
                succeeded=True,
                transaction_no=answer.transaction_no,
                bank_code=answer.bank_code,
                response_code="00",
                paid_at=answer.paid_at,
            )
            _mark_paid(locked, note, at)
        elif answer.found and answer.transaction_status not in ("", "01"):
            locked.status = Payment.Status.FAILED
            locked.gateway_response_code = answer.transaction_status
            locked.save(update_fields=["status", "gateway_response_code"])
        elif locked.expires_at and locked.expires_at + LATE_GRACE < at:
            locked.status = Payment.Status.EXPIRED
            locked.save(update_fields=["status"])
        return locked.status


def reconcile_pending(*, at: datetime | None = None, older_than: timedelta = timedelta(minutes=2)) -> int:
    """The job: every online order still pending a while after it was opened is asked about."""
    at = at or timezone.now()
    pending = Payment.objects.filter(
        channel=Channel.ONLINE, status=Payment.Status.PENDING, created_at__lt=at - older_than
    ).select_related("dossier")
    return sum(1 for payment in pending[:500] if reconcile(payment, at=at) != Payment.Status.PENDING)


def send_refund(refund: Refund, *, at: datetime | None = None) -> bool:
    """Ask the gateway to give the money back; a failure is kept and retried by the job."""
    at = at or timezone.now()
    payment = refund.payment
    try:
        result = current().refund(
            txn_ref=payment.txn_ref,
            amount=refund.amount,
            transaction_no=payment.gateway_transaction_no or "",
            paid_at=payment.paid_at or payment.created_at,
            by="motcua",
            description=f"Hoan tien {payment.txn_ref}",
            ip="",
        )
        succeeded, answer = result.succeeded, f"{result.response_code} {result.message}".strip()
    except Exception as exc:
        succeeded, answer = False, str(exc)[:255]
    with transaction.atomic():
        locked = Refund.objects.select_for_update().get(pk=refund.pk)
        if locked.status == Refund.Status.DONE:
            return True
        locked.attempts += 1
        locked.last_response = answer[:255]
        if succeeded:
            locked.status, locked.done_at = Refund.Status.DONE, at
            Payment.objects.filter(pk=payment.pk).update(
                status=Payment.Status.REFUNDED, refunded_at=at, refund_reason=locked.reason
            )
        else:
            locked.status = Refund.Status.FAILED
        locked.save()
    return succeeded


def send_refunds() -> int:
    return sum(
        send_refund(refund)
        for refund in Refund.objects.exclude(status=Refund.Status.DONE).select_related("payment")[:100]
    )


def expire_unpaid(*, at: datetime | None = None) -> int:
    """Orders past their expiry are asked about once more, then closed as expired."""
    at = at or timezone.now()
    overdue = Payment.objects.filter(
        channel=Channel.ONLINE, status=Payment.Status.PENDING, expires_at__lt=at - LATE_GRACE
    ).select_related("dossier")
    return sum(1 for payment in overdue[:500] if reconcile(payment, at=at) == Payment.Status.EXPIRED)


def refund_after_closing(*, dossier: Dossier, reason: str) -> int:
    """A dossier refused, rejected or withdrawn: fees paid online and not yet used go back."""
    paid = Payment.objects.filter(
        dossier=dossier, channel=Channel.ONLINE, status=Payment.Status.PAID, refund=None
    )
    count = 0
    for payment in paid:
        _request_refund(payment, reason)
        count += 1
    Payment.objects.filter(dossier=dossier, status=Payment.Status.PENDING).update(
        status=Payment.Status.EXPIRED
    )
    return count


# -- at the counter ------------------------------------------------------------------------------


def _counter_official(dossier: Dossier, user):
    """Whoever hands results over at the receiving agency takes the money there."""
    if actor_for("return_result", dossier, user) is NOBODY:
        raise Forbidden(_("Chỉ cán bộ một cửa của nơi tiếp nhận được thu phí, lệ phí của hồ sơ này."))


def collect_at_counter(
    *,
    dossier: Dossier,
    by,
    channel: str,
    exemption: str = "",
    level: str = "",
    reason: str = "",
    at: datetime | None = None,
) -> Payment:
    """Thu phí tại quầy: cash (paid now, receipt issued) or a VietQR transfer (waits for the
    receiver's confirmation). An exemption or reduction needs its category and a reason."""
    at = at or timezone.now()
    _counter_official(dossier, by)
    errors: dict[str, list[str]] = {}
    if channel not in (Channel.CASH, Channel.VIETQR):
        errors["channel"] = [_("Chọn hình thức thu: tiền mặt hoặc chuyển khoản VietQR.")]
    if level and level not in REDUCTIONS:
        errors["level"] = [_("Chọn mức miễn, giảm.")]
    if exemption and exemption not in Exemption.values:
        errors["exemption"] = [_("Chọn đối tượng miễn, giảm trong danh sách.")]
    if level and not exemption:
        errors["exemption"] = [_("Chọn đối tượng được miễn, giảm.")]
    if exemption and not level:
        errors["level"] = [_("Chọn mức miễn, giảm.")]
    if (level or exemption) and not reason.strip():
        errors["reason"] = [_("Ghi rõ lý do miễn, giảm (giấy tờ chứng minh).")]
    if errors:
        raise ValidationFailed(fields=errors)
    with transaction.atomic():
        with locking.locked(dossier) as locked:
            due = counter_due(locked)
            if due is None:
                raise InvalidTransition(_("Hồ sơ này không có khoản phí, lệ phí nào cần thu."))
            if level:
                due = with_reduction(due, level)
            payment = Payment.objects.create(
                dossier=locked,
                agency=locked.receiving_agency,
                channel=channel,
                txn_ref=new_txn_ref(at),
                amount=due.total,
                due_seq=due.due_seq,
                items=due.items,
                exemption=exemption if level else "",
                exemption_reason=reason.strip()[:500] if level else "",
                payer_name=locked.applicant_name,
                created_at=at,
                received_by_name=getattr(by, "full_name", "") or by.get_username(),
            )
        if channel == Channel.CASH or payment.amount == 0:
            _counter_paid(payment, at)
    return payment


def _counter_paid(payment: Payment, at: datetime) -> None:
    payment.status = Payment.Status.PAID
    payment.paid_at = at
    payment.receipt_number = next_receipt_number(payment, at)
    payment.save()
    _settle(payment, at)


def confirm_transfer(*, payment: Payment, by, at: datetime | None = None) -> Payment:
    """Xác nhận đã nhận chuyển khoản: the receiver saw the VietQR transfer arrive."""
    at = at or timezone.now()
    _counter_official(payment.dossier, by)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("dossier", "agency").get(pk=payment.pk)
        if locked.channel != Channel.VIETQR or locked.status != Payment.Status.PENDING:
            raise InvalidTransition(_("Khoản chuyển khoản này đã được xác nhận hoặc không còn chờ."))
        paid = Payment.objects.filter(
            dossier=locked.dossier, due_seq=locked.due_seq, status=Payment.Status.PAID
        )
        if paid.exists():
            raise InvalidTransition(
                _(
                    "Khoản phí này đã được nộp (biên lai %(number)s): hoàn lại khoản chuyển khoản cho người nộp."
                )
                % {"number": paid.first().receipt_number}
            )
        locked.received_by_name = getattr(by, "full_name", "") or by.get_username()
        _counter_paid(locked, at)
    return locked


# The job is defined beside the service that queues it (as signing.services.render_result), so this
# module needs no import of payments.tasks: the job module imports this one, never the reverse.
@shared_task(name="motcua.payments.send_refund")
def send_refund_job(refund_id: int) -> bool:
    refund = Refund.objects.select_related("payment").filter(pk=refund_id).first()
    return send_refund(refund) if refund else False
