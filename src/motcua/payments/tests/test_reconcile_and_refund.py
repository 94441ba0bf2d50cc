"""Against the sandbox bank over HTTP: a payer who closed the tab before the IPN is found by the
querydr job; a refused dossier's fee goes back through the refund API; unpaid orders expire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.catalogue.models import Fee
from motcua.dossiers.states import Status
from motcua.payments import services
from motcua.payments.models import Payment, Refund, SandboxTransaction
from motcua_testing.dossiers import dossier_in, perform
from motcua_testing.forms import RenderedForm, follow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sandbox(settings, live_server):
    settings.PAYMENTS_SANDBOX = True
    settings.VNPAY_PAYMENT_URL = f"{live_server.url}/sandbox/vnpay/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = f"{live_server.url}/sandbox/vnpay/merchant_webapi/api/transaction"


@pytest.fixture
def awaiting(world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
    return dossier_in(world, Status.AWAITING_PAYMENT)


def _pay_on_the_sandbox_but_lose_the_ipn(client, dossier, citizen):
    """The payer pays on the gateway's pages; the IPN cannot reach us (this client's host does not
    exist) and the tab is closed before the return page."""
    _payment, url = services.start_online_payment(
        dossier=dossier, by=citizen, ip="", return_url="http://x/r/"
    )
    banks = client.get(url)
    card = follow(client, banks, "Ngân hàng Quốc Dân (NCB)")
    form = RenderedForm(card).fill("Số thẻ", "9704198526191432198").fill("Tên chủ thẻ", "NGUYEN VAN A")
    form.fill("Ngày phát hành (MM/YY)", "07/15").fill("Mã OTP", "123456")
    done = form.submit(client)
    assert "Giao dịch thành công" in done.content.decode()
    assert SandboxTransaction.objects.get(txn_ref=_payment.txn_ref).ipn_answer.startswith("error")
    return Payment.objects.get(pk=_payment.pk)


def test_closed_tab_and_lost_ipn_are_reconciled_by_querydr(client, world, awaiting):
    payment = _pay_on_the_sandbox_but_lose_the_ipn(client, awaiting, world.citizen)
    assert payment.status == Payment.Status.PENDING
    assert services.reconcile_pending(older_than=timedelta(0)) == 1
    payment.refresh_from_db()
    awaiting.refresh_from_db()
    assert payment.status == Payment.Status.PAID and payment.gateway_transaction_no
    assert awaiting.status == Status.PROCESSING


def test_a_refused_dossier_gets_its_online_fee_back(client, world, awaiting):
    payment = _pay_on_the_sandbox_but_lose_the_ipn(client, awaiting, world.citizen)
    services.reconcile_pending(older_than=timedelta(0))
    perform(world, awaiting, "refuse")
    refund = Refund.objects.get(payment=payment)
    assert refund.status == Refund.Status.DONE, refund.last_response
    payment.refresh_from_db()
    assert payment.status == Payment.Status.REFUNDED and "không được giải quyết" in payment.refund_reason
    assert SandboxTransaction.objects.get(txn_ref=payment.txn_ref).refunded_amount == 50_000 * 100


def test_an_unpaid_order_expires_after_asking_the_gateway(world, awaiting):
    payment, url = services.start_online_payment(
        dossier=awaiting, by=world.citizen, ip="", return_url="http://x/r/"
    )
    later = timezone.now() + timedelta(minutes=60)
    assert services.expire_unpaid(at=later) == 1  # the gateway never saw it: not found, so expired
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
