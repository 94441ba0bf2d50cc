"""The IPN decides: only an authentic notification for an open order of the right amount marks a
dossier paid; every other callback is refused with the protocol's code and written in the audit log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.audit.models import AuditEntry
from motcua.catalogue.models import Fee
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.payments import services
from motcua.payments.gateways.vnpay import vnp_date
from motcua.payments.models import Payment, Refund
from motcua_testing.dossiers import dossier_in

from .signing import signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí cấp bản sao", amount=50_000)
    return dossier_in(world, Status.AWAITING_PAYMENT)  # the official asked for 50 000 đ


def _start(dossier, citizen):
    payment, _url = services.start_online_payment(
        dossier=dossier, by=citizen, ip="203.0.113.7", return_url="https://dvc.example.vn/r/"
    )
    return payment


def _callback(payment, **overrides):
    params = {
        "vnp_Amount": str(payment.amount * 100),
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": "VNP14226112",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": "Thanh toan phi le phi",
        "vnp_PayDate": vnp_date(timezone.now()),
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "TESTMC01",
        "vnp_TransactionNo": "14226112",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.txn_ref,
    }
    params.update(overrides)
    return signed(params)


def _ipn(client, params):
    return client.get(reverse("payments:vnpay-ipn"), params).json()


def _rejections(reason):
    return AuditEntry.objects.filter(object_type="payment_callback", detail__reason=reason).count()


def test_authentic_ipn_marks_the_payment_paid_and_the_dossier_moves_on(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    assert _ipn(client, _callback(payment)) == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    awaiting.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.receipt_number.endswith("/0000001")
    assert awaiting.status == Status.PROCESSING
    assert DossierEvent.objects.filter(dossier=awaiting, kind="payment_confirmed").count() == 1


def test_bad_signature_is_refused_with_97(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment)
    params["vnp_SecureHash"] = "0" * 128
    assert _ipn(client, params)["RspCode"] == "97"
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING
    assert _rejections("bad_signature") == 1


def test_tampered_parameter_breaks_the_signature(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment, vnp_ResponseCode="24", vnp_TransactionStatus="02")
    params["vnp_ResponseCode"], params["vnp_TransactionStatus"] = "00", "00"  # a failure turned into success
    assert _ipn(client, params)["RspCode"] == "97"
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_PAYMENT


def test_unknown_order_is_answered_01(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    assert _ipn(client, _callback(payment, vnp_TxnRef="NO-SUCH-ORDER"))["RspCode"] == "01"
    assert _rejections("unknown_order") == 1


def test_wrong_amount_is_answered_04_and_changes_nothing(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    assert _ipn(client, _callback(payment, vnp_Amount="100"))["RspCode"] == "04"
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_PAYMENT
    assert _rejections("wrong_amount") == 1


def test_replayed_ipn_is_answered_02_and_recorded_once(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment)
    assert _ipn(client, params)["RspCode"] == "00"
    assert _ipn(client, params)["RspCode"] == "02"
    assert DossierEvent.objects.filter(dossier=awaiting, kind="payment_confirmed").count() == 1
    assert _rejections("replay") == 1


def test_ipn_for_an_order_paid_after_its_expiry_never_marks_the_dossier_paid(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    Payment.objects.filter(pk=payment.pk).update(
        status=Payment.Status.EXPIRED, expires_at=timezone.now() - timedelta(hours=1)
    )
    assert _ipn(client, _callback(payment))["RspCode"] == "02"
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_PAYMENT
    assert _rejections("expired_order") == 1
    assert Refund.objects.filter(payment=payment).exists()  # money taken by the bank goes back


def test_late_ipn_for_a_payment_made_in_time_is_honoured(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    paid_at = timezone.now() - timedelta(minutes=20)
    Payment.objects.filter(pk=payment.pk).update(
        status=Payment.Status.EXPIRED, expires_at=paid_at + timedelta(minutes=1)
    )
    assert _ipn(client, _callback(payment, vnp_PayDate=vnp_date(paid_at)))["RspCode"] == "00"
    awaiting.refresh_from_db()
    assert awaiting.status == Status.PROCESSING


def test_failed_payment_leaves_the_dossier_waiting(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment, vnp_ResponseCode="51", vnp_TransactionStatus="02")
    assert _ipn(client, params)["RspCode"] == "00"
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.FAILED
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_PAYMENT


def test_a_payment_started_twice_and_paid_twice_refunds_the_second(client, world, awaiting):
    first, second = _start(awaiting, world.citizen), _start(awaiting, world.citizen)
    assert _ipn(client, _callback(first))["RspCode"] == "00"
    assert _ipn(client, _callback(second, vnp_TransactionNo="14226199"))["RspCode"] == "00"
    refund = Refund.objects.get(payment=second)
    assert "trùng" in refund.reason
    assert not Refund.objects.filter(payment=first).exists()
    assert DossierEvent.objects.filter(dossier=awaiting, kind="payment_confirmed").count() == 1


def test_only_the_applicant_may_start_a_payment(world, awaiting):
    from motcua.core.errors import Forbidden

    with pytest.raises(Forbidden):
        _start(awaiting, world.other_citizen)


def test_nothing_to_pay_is_refused_clearly(world):
    from motcua.core.errors import InvalidTransition

    dossier = dossier_in(world, Status.PROCESSING)
    with pytest.raises(InvalidTransition):
        _start(dossier, world.citizen)


def test_the_return_page_shows_waiting_until_the_ipn_decides(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment)
    page = client.get(reverse("payments:vnpay-return"), params)
    assert "Đang chờ ngân hàng xác nhận" in page.content.decode()
    assert Payment.objects.get(pk=payment.pk).status == Payment.Status.PENDING  # the return decides nothing
    assert _ipn(client, params)["RspCode"] == "00"
    assert "Thanh toán thành công" in client.get(reverse("payments:vnpay-return"), params).content.decode()


def test_a_forged_return_is_refused_and_logged(client, world, awaiting):
    payment = _start(awaiting, world.citizen)
    params = _callback(payment)
    params["vnp_Amount"] = "100"
    page = client.get(reverse("payments:vnpay-return"), params)
    assert page.status_code == 400 and "Không xác định được giao dịch" in page.content.decode()
    assert _rejections("bad_return") == 1


def test_the_sandbox_bank_is_not_served_unless_turned_on(client, settings):
    settings.PAYMENTS_SANDBOX = False
    assert client.get("/sandbox/vnpay/paymentv2/vpcpay.html").status_code == 404
    assert client.post("/sandbox/vnpay/merchant_webapi/api/transaction", {}).status_code == 404


def test_without_a_configured_gateway_no_online_payment_is_offered(client, world, awaiting, settings):
    settings.VNPAY_HASH_SECRET = ""
    client.force_login(world.citizen)
    page = client.get(reverse("portal:dossier", args=[awaiting.uuid])).content.decode()
    assert "Thanh toán trực tuyến" not in page and "Nộp phí, lệ phí tại bộ phận một cửa" in page
    from motcua.core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        _start(awaiting, world.citizen)


def test_an_order_left_open_is_not_shown_as_waiting_once_the_fee_is_paid_by_another(client, world, awaiting):
    """The payer's first try was abandoned (wrong card details), the second one paid: the dossier page
    shows the paid fee and its receipt, not a second 50 000 đ "Chờ thanh toán" as if still owed."""
    abandoned, paid = _start(awaiting, world.citizen), _start(awaiting, world.citizen)
    assert _ipn(client, _callback(paid))["RspCode"] == "00"
    assert Payment.objects.get(pk=abandoned.pk).status == Payment.Status.PENDING  # open at the gateway
    client.force_login(world.citizen)
    page = client.get(f"/ho-so/{awaiting.uuid}/").content.decode()
    assert "Đã thanh toán" in page
    assert "Chờ thanh toán" not in page
    assert "Một giao dịch trước đó chưa có kết quả" not in page
    assert "Đã nộp phí, lệ phí" in page  # the history names the payment, not a bare "Xác nhận đã nộp"
    assert "Xác nhận đã nộp<" not in page
