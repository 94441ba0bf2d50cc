"""At the counter in Chromium: the receiver takes a fee by VietQR with a reduction and confirms the
transfer; the finance officer sees it in the day's statement."""

import pytest
from conftest import screenshot

from motcua.catalogue.models import Fee
from motcua.dossiers.states import Status
from motcua.payments.models import AgencyAccount, FinanceOfficer, Payment
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import PASSWORD, OfficialFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]


def sign_in_official(page, user):
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")


def test_vietqr_with_a_reduction_confirmed_then_reconciled(browser_page, world):
    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 900})
    Fee.objects.create(procedure=world.procedure, name="Lệ phí cấp giấy", amount=50_000)
    AgencyAccount.objects.create(
        agency=world.justice,
        bank_bin="970415",
        bank_name="VietinBank",
        account_number="375100000012",
        account_name="SO TU PHAP",
        receipt_series="BLTP",
    )
    dossier = dossier_in(world, Status.RESULT_READY)
    sign_in_official(page, world.receiver.user)
    page.goto(f"/can-bo/mot-cua/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Thu phí tại quầy (tiền mặt, VietQR, miễn giảm)").click()
    page.get_by_label("Chuyển khoản VietQR").check()
    page.get_by_text("Miễn, giảm phí, lệ phí").click()
    page.get_by_label("Đối tượng").select_option(label="Người có công với cách mạng")
    page.get_by_label("Mức").select_option(label="Giảm 50%")
    page.get_by_label("Lý do (giấy tờ chứng minh)").fill("Thẻ người có công số 123/TB")
    page.get_by_role("button", name="Thu phí, lệ phí").click()
    assert page.locator("#vietqr svg").count() == 1
    assert page.locator("#vietqr-amount").inner_text() == "25.000 đ"
    screenshot(page, "payments-counter-vietqr")
    page.get_by_role("button", name="Xác nhận đã nhận chuyển khoản").click()
    payment = Payment.objects.get(dossier=dossier)
    assert payment.status == Payment.Status.PAID and payment.exemption == "merit"
    assert page.get_by_role("link", name=payment.receipt_number).is_visible()
    screenshot(page, "payments-counter")

    officer = OfficialFactory.with_roles()
    FinanceOfficer.objects.create(official=officer).agencies.set([world.justice])
    page.context.clear_cookies()
    sign_in_official(page, officer.user)
    page.locator("#home-finance").get_by_role("link", name="Đối soát phí, lệ phí").click()  # the home's panel
    assert page.locator("#received-total").inner_text() == "25.000 đ"
    screenshot(page, "payments-reconciliation")


def test_a_fee_paid_online_is_shown_at_the_counter_with_its_receipt_and_not_collected_again(
    browser_page, world, client
):
    from django.urls import reverse

    from motcua.payments import services

    from .test_ipn import _callback

    Fee.objects.create(procedure=world.procedure, name="Lệ phí cấp giấy", amount=50_000)
    dossier = dossier_in(world, Status.AWAITING_PAYMENT)
    payment, _url = services.start_online_payment(
        dossier=dossier, by=world.citizen, ip="203.0.113.7", return_url="https://dvc.example.vn/r/"
    )
    assert client.get(reverse("payments:vnpay-ipn"), _callback(payment)).json()["RspCode"] == "00"
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID

    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in_official(page, world.receiver.user)
    page.goto(f"/can-bo/mot-cua/ho-so/{dossier.code}/")
    panel = page.locator("#payments-panel")
    assert panel.get_by_role("link", name="Thu phí tại quầy (tiền mặt, VietQR, miễn giảm)").count() == 0
    settled = panel.locator("#fees-settled").inner_text()
    assert "50.000 đ" in settled and payment.receipt_number in settled
    assert panel.get_by_role("link", name=f"Biên lai {payment.receipt_number}").is_visible()
    screenshot(page, "payments-counter-paid-online")
