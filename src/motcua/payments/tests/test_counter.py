"""At the counter: cash with a receipt, VietQR confirmed by the receiver, exemptions with a reason,
and the e-receipt PDF with the amount in words and a QR to check it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from motcua.catalogue.models import Fee
from motcua.dossiers.states import Status
from motcua.payments.models import AgencyAccount, Payment
from motcua.payments.receipts import amount_in_words
from motcua_testing.dossiers import dossier_in
from motcua_testing.forms import RenderedForm, follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí cấp giấy", amount=50_000)
    AgencyAccount.objects.create(
        agency=world.justice,
        bank_bin="970415",
        bank_name="VietinBank",
        account_number="375100000012",
        account_name="SO TU PHAP",
        receipt_series="BLTP",
    )
    return dossier_in(world, Status.AWAITING_PAYMENT)


def _page(client, world, dossier):
    client.force_login(world.receiver.user)
    return client.get(reverse("payments:counter-fees", args=[dossier.uuid]))


def test_cash_at_the_counter_issues_a_receipt_and_the_dossier_moves_on(client, world, ready):
    page = _page(client, world, ready)
    assert "50.000 đ" in page.content.decode()
    answer = RenderedForm(page).choose("Tiền mặt tại quầy").submit(client, follow=True)
    payment = Payment.objects.get(dossier=ready)
    assert (
        payment.status == Payment.Status.PAID
        and payment.receipt_number == f"BLTP/{payment.paid_at.year}/0000001"
    )
    assert payment.received_by_name
    assert f"Biên lai số {payment.receipt_number}" in answer.content.decode()
    ready.refresh_from_db()
    assert ready.status == Status.PROCESSING


def test_an_exemption_without_a_reason_is_refused_and_nothing_is_recorded(client, world, ready):
    form = RenderedForm(_page(client, world, ready)).choose("Tiền mặt tại quầy")
    form.fill("Đối tượng", "Hộ nghèo").fill("Mức", "Miễn (100%)")
    answer = form.submit(client)
    assert answer.status_code == 400
    assert "Ghi rõ lý do miễn, giảm" in answer.content.decode()
    assert not Payment.objects.exists()
    assert RenderedForm(answer).value("Đối tượng") == "poor_household"  # what was typed is kept


def test_a_half_reduction_for_a_child_is_on_the_receipt(client, world, ready):
    form = RenderedForm(_page(client, world, ready)).choose("Tiền mặt tại quầy")
    form.fill("Đối tượng", "Trẻ em dưới 16 tuổi").fill("Mức", "Giảm 50%").fill(
        "Lý do (giấy tờ chứng minh)", "Giấy khai sinh: 10 tuổi"
    )
    form.submit(client)
    payment = Payment.objects.get(dossier=ready)
    assert payment.amount == 25_000 and payment.reduction == 25_000
    pdf = client.get(reverse("payments:receipt-pdf", args=[payment.receipt_token]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Trẻ em dưới 16 tuổi" in text and "Giấy khai sinh: 10 tuổi" in text
    assert "Hai mươi lăm nghìn đồng" in text
    assert payment.receipt_number in text
    _keep_a_picture(pdf.content)


def _keep_a_picture(pdf: bytes) -> None:
    """The receipt's first page as PNG beside the browser screenshots, for people to look at."""
    import pypdfium2
    from conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=1.4).to_pil().save(SCREENSHOTS / "payments-receipt.png")


def test_vietqr_waits_for_the_receiver_to_confirm_the_transfer(client, world, ready):
    answer = (
        RenderedForm(_page(client, world, ready)).choose("Chuyển khoản VietQR").submit(client, follow=True)
    )
    html = answer.content.decode()
    assert "<svg" in html and "375100000012" in html and ready.code in html
    payment = Payment.objects.get(dossier=ready)
    assert payment.status == Payment.Status.PENDING
    ready.refresh_from_db()
    assert ready.status == Status.AWAITING_PAYMENT
    RenderedForm(answer, containing="Xác nhận đã nhận chuyển khoản").submit(client)
    payment.refresh_from_db()
    ready.refresh_from_db()
    assert payment.status == Payment.Status.PAID and ready.status == Status.PROCESSING


def test_an_official_of_another_agency_cannot_take_the_money(client, world, ready):
    client.force_login(world.other_receiver.user)
    assert client.get(reverse("payments:counter-fees", args=[ready.uuid])).status_code == 404


def test_the_receipt_check_page_opens_from_the_receipt_and_links_the_pdf(client, world, ready):
    RenderedForm(_page(client, world, ready)).choose("Tiền mặt tại quầy").submit(client)
    payment = Payment.objects.get(dossier=ready)
    client.logout()
    check = client.get(reverse("payments:receipt-check", args=[payment.receipt_token]))
    assert payment.receipt_number in check.content.decode()
    pdf = follow(client, check, "Tải biên lai (PDF)")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("payments:receipt-check", args=["not-a-token"])).status_code == 404


def test_receipts_are_kept_in_the_applicants_repository(client, world, ready):
    RenderedForm(_page(client, world, ready)).choose("Tiền mặt tại quầy").submit(client)
    payment = Payment.objects.get(dossier=ready)
    client.force_login(world.citizen)
    page = client.get(reverse("portal:repository"))
    assert f"Biên lai số {payment.receipt_number}" in page.content.decode()


def test_amount_in_words():
    assert amount_in_words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng"
