"""An applicant pays a procedure's fee online, through the sandbox bank's pages, and the dossier
moves on by itself when the gateway's notification arrives."""

import pytest
from conftest import screenshot

from motcua.catalogue.models import Fee
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.payments.models import Payment, PaymentRule
from motcua_testing.catalogue import demo_procedure
from motcua_testing.dossiers import dossier_in, perform
from motcua_testing.factories import PASSWORD
from motcua_testing.files import pdf_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]

BIRTH = "1.001193"
# How many lines an element's text takes on screen.
LINES = "e => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size }"


@pytest.fixture(autouse=True)
def _sandbox(settings, live_server, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PAYMENTS_SANDBOX = True
    settings.VNPAY_PAYMENT_URL = f"{live_server.url}/sandbox/vnpay/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = f"{live_server.url}/sandbox/vnpay/merchant_webapi/api/transaction"


def sign_in(page, username):
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/ho-so/")


def pay_with_test_card(page, *, card="9704198526191432198", holder="NGUYEN VAN A"):
    page.get_by_role("link", name="Ngân hàng Quốc Dân (NCB)").click()
    page.get_by_label("Số thẻ").fill(card)
    page.get_by_label("Tên chủ thẻ").fill(holder)
    page.get_by_label("Ngày phát hành (MM/YY)").fill("07/15")
    page.get_by_label("Mã OTP").fill("123456")
    page.get_by_role("button", name="Thanh toán", exact=True).click()


def test_file_pay_through_the_gateway_pages_and_get_the_receipt(browser_page, world):
    from motcua.portal.tests.test_browser_filing import fill_eform

    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    procedure.fees.all().delete()
    Fee.objects.create(procedure=procedure, name="Lệ phí đăng ký", kind=Fee.Kind.CHARGE, amount=8_000)
    Fee.objects.create(
        procedure=procedure,
        name="Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh từ Cơ sở dữ liệu hộ tịch",
        kind=Fee.Kind.FEE,
        amount=30_000,
    )
    PaymentRule.objects.create(procedure=procedure, collect_at_filing=True)
    page = browser_page
    sign_in(page, world.citizen.username)

    page.goto(f"/thu-tuc/{BIRTH}/nop-ho-so/")
    fill_eform(page, procedure)
    for document in procedure.documents.filter(mandatory=True):
        page.locator(f'input[name="doc_{document.pk}"]').set_input_files(
            {"name": f"g{document.pk}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("g")}
        )
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()
    page.wait_for_url("**/xem-lai/")
    assert page.locator("#pay-at-filing").is_visible()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    assert page.locator("#amount-due").inner_text() == "38.000 đ"
    # On a phone, beside a long fee name, an amount stays on one line with its "đ" (it wrapped).
    for amount in page.locator("#phi-le-phi table td:last-child").all() + [page.locator("#amount-due")]:
        assert amount.evaluate(LINES) == 1, amount.inner_text()
    screenshot(page, "payments-due")

    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url("**/sandbox/vnpay/paymentv2/vpcpay.html?**")
    assert page.locator("#sandbox-amount").inner_text() == "38000 VND"
    screenshot(page, "payments-sandbox-banks")
    page.get_by_role("link", name="Ngân hàng Quốc Dân (NCB)").click()
    page.get_by_label("Số thẻ").fill("9704198526191432198")
    page.get_by_label("Tên chủ thẻ").fill("NGUYEN VAN A")
    page.get_by_label("Ngày phát hành (MM/YY)").fill("07/15")
    page.get_by_label("Mã OTP").fill("123456")
    screenshot(page, "payments-sandbox-card")
    page.get_by_role("button", name="Thanh toán", exact=True).click()
    assert page.locator("#sandbox-outcome").inner_text() == "Giao dịch thành công"

    page.get_by_role("link", name="Quay lại trang của đơn vị").click()
    page.wait_for_url("**/thanh-toan/vnpay/ket-qua/?**")
    assert "Thanh toán thành công" in page.locator("#payment-outcome").inner_text()
    screenshot(page, "payments-return")

    dossier = Dossier.objects.get(procedure=procedure)
    payment = Payment.objects.get(dossier=dossier)
    assert payment.status == Payment.Status.PAID and payment.amount == 38_000
    assert dossier.events.filter(kind="payment_confirmed").count() == 1

    page.get_by_role("link", name="Xem hồ sơ").click()
    assert page.get_by_text("Đã thanh toán").is_visible()
    assert page.get_by_role("button", name="Thanh toán trực tuyến").count() == 0
    page.get_by_role("link", name="Xem biên lai").click()
    assert payment.receipt_number in page.locator("#receipt").inner_text()


def test_an_official_asks_for_the_fee_the_applicant_cancels_then_pays_and_processing_resumes(
    browser_page, world
):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
    dossier = dossier_in(world, Status.PROCESSING)
    perform(world, dossier, "request_payment")
    page = browser_page
    sign_in(page, world.citizen.username)
    page.goto(f"/ho-so/{dossier.uuid}/")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.get_by_role("button", name="Hủy thanh toán").click()
    page.get_by_role("link", name="Quay lại trang của đơn vị").click()
    assert "Ông/bà đã hủy giao dịch" in page.locator("#payment-outcome").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_PAYMENT

    page.goto(f"/ho-so/{dossier.uuid}/")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    pay_with_test_card(page)
    page.get_by_role("link", name="Quay lại trang của đơn vị").click()
    assert "Thanh toán thành công" in page.locator("#payment-outcome").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING
    assert dossier.paused_at is None


def test_a_card_without_enough_money_is_refused_and_nothing_is_marked_paid(browser_page, world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
    dossier = dossier_in(world, Status.AWAITING_PAYMENT)
    page = browser_page
    sign_in(page, world.citizen.username)
    page.goto(f"/ho-so/{dossier.uuid}/")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    pay_with_test_card(page, card="9704195798459170488", holder="NGUYEN VAN B")
    assert page.locator("#sandbox-outcome").inner_text() == "Tài khoản không đủ số dư"
    page.get_by_role("link", name="Quay lại trang của đơn vị").click()
    assert "không thành công" in page.locator("#payment-outcome").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_PAYMENT
