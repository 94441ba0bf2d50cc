"""Applicants choose their channels on the "Tài khoản" page and over the API; bad input changes nothing."""

import pytest
from conftest import screenshot
from django.core import mail

from motcua.accounts.tokens import issue_token
from motcua.dossiers.states import Status
from motcua.integration.deliveries import deliver_due
from motcua.integration.models import ContactPreference
from motcua.integration.relay import relay_batch
from motcua_testing.dossiers import dossier_in


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {issue_token(user)[0]}"}


def test_api_doc_va_luu_kenh_nhan_thong_bao(world, api):
    headers = _auth(world.citizen)
    first = api.get("/api/v1/me/notifications/", **headers).json()
    assert first == {
        "email": world.citizen.email,
        "phone": world.citizen.phone,
        "by_email": True,
        "by_sms": False,
        "language": "vi",
    }

    answer = api.put(
        "/api/v1/me/notifications/",
        {"email": "hoa@example.vn", "by_email": True, "by_sms": True, "language": "en"},
        format="json",
        **headers,
    )

    assert answer.status_code == 200, answer.content
    assert answer.json()["email"] == "hoa@example.vn" and answer.json()["by_sms"] is True
    dossier = dossier_in(world, Status.RECEIVED)
    relay_batch()
    deliver_due()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["hoa@example.vn"], f"Dossier {dossier.code} has been received")
    ]


@pytest.mark.parametrize(
    ("body", "field", "vietnamese", "english"),
    [
        (
            {"phone": "", "by_email": False, "by_sms": True, "language": "vi"},
            "phone",
            "Cần số điện thoại để nhận tin nhắn SMS.",
            "A phone number is needed to receive SMS messages.",
        ),
        (
            {"phone": "09abc", "by_email": False, "by_sms": False, "language": "vi"},
            "phone",
            "Số điện thoại không hợp lệ.",
            "The phone number is not valid.",
        ),
    ],
)
def test_api_tu_choi_du_lieu_sai_bang_hai_thu_tieng_va_khong_doi_gi(
    world, api, body, field, vietnamese, english
):
    headers = _auth(world.citizen)
    phone = world.citizen.phone

    vi = api.put("/api/v1/me/notifications/", body, format="json", **headers)
    en = api.put("/api/v1/me/notifications/", body, format="json", HTTP_ACCEPT_LANGUAGE="en", **headers)

    assert vi.status_code == en.status_code == 400
    assert vi.json()["error"]["fields"][field] == [vietnamese]
    assert en.json()["error"]["fields"][field] == [english]
    world.citizen.refresh_from_db()
    assert world.citizen.phone == phone
    assert not ContactPreference.objects.exists()


def test_api_can_dang_nhap(api):
    assert api.get("/api/v1/me/notifications/").status_code == 401


def test_trang_tai_khoan_bao_loi_va_khong_luu(world, client):
    client.force_login(world.citizen)
    answer = client.post("/tai-khoan/", {"email": "", "phone": "", "by_email": "on", "language": "vi"})

    assert answer.status_code == 400
    assert "Cần địa chỉ thư điện tử để nhận thông báo qua thư." in answer.content.decode()
    world.citizen.refresh_from_db()
    assert world.citizen.email != ""
    assert not ContactPreference.objects.exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cong_dan_chon_nhan_sms_tren_trang_tai_khoan(browser_page):
    from motcua.portal.tests.test_browser_filing import sign_in
    from motcua_testing.browser import open_menu
    from motcua_testing.world import build_world

    world = build_world()
    page = browser_page
    sign_in(page, world.citizen.username)
    open_menu(page)
    page.get_by_role("link", name="Tài khoản").click()
    page.get_by_label("Điện thoại di động").fill("0987654321")
    page.get_by_label("Nhận thông báo qua tin nhắn SMS").check()
    page.get_by_label("Ngôn ngữ của thông báo").select_option("en")
    page.get_by_role("button", name="Lưu").click()

    page.get_by_text("Đã lưu cách nhận thông báo.").wait_for()
    assert page.get_by_label("Nhận thông báo qua tin nhắn SMS").is_checked()
    screenshot(page, "portal-account-notifications")
    preference = ContactPreference.objects.get(user=world.citizen)
    assert (preference.by_email, preference.by_sms, preference.language) == (True, True, "en")
    world.citizen.refresh_from_db()
    assert world.citizen.phone == "0987654321"
