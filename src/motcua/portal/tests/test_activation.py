"""A walk-in applicant turns the account the counter created into one they can sign in with."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from motcua.accounts.models import User
from motcua.core.once import new_form_key
from motcua.dossiers.models import Dossier
from motcua.paperwork.services import issue_lookup_token
from motcua.testing.factories import BIRTH_DATA, personal_id_for

pytestmark = pytest.mark.django_db

NUMBER = personal_id_for(datetime.date(1975, 6, 2), male=False, serial=777)
PASSWORD = "lua-chin-vang-2026"


@pytest.fixture
def walk_in(client, world):
    """A dossier received at the counter for a new applicant, and the token its receipt's QR code carries."""
    client.force_login(world.receiver.user)
    client.post(
        reverse("backoffice:walk-in-record", args=[world.procedure.code]),
        {
            "so": NUMBER,
            "form_key": new_form_key(),
            "full_name": "Trần Thị Lúa",
            "birth_date": "1975-06-02",
            "sex": "female",
            "agency": world.justice.pk,
            **{f"f_{k}": v for k, v in BIRTH_DATA.items()},
        },
    )
    client.logout()
    dossier = Dossier.objects.get(applicant__personal_id=NUMBER)
    return dossier, issue_lookup_token(dossier=dossier)


def test_nguoi_nop_tai_quay_kich_hoat_tai_khoan_tu_ma_qr_roi_dang_nhap_duoc(client, walk_in):
    dossier, token = walk_in
    assert authenticate(username=NUMBER, password=PASSWORD) is None  # the counter gave no password

    look_up = client.get(reverse("portal:lookup-reference", args=[token])).content.decode()
    assert reverse("portal:activate", args=[token]) in look_up

    page = client.get(reverse("portal:activate", args=[token])).content.decode()
    assert dossier.code in page and "Trần Thị Lúa" not in page  # the page shows no personal data
    response = client.post(
        reverse("portal:activate", args=[token]),
        {"identifier": NUMBER[:4] + " " + NUMBER[4:], "password": PASSWORD, "password_again": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:my-dossiers")
    assert dossier.code in client.get(reverse("portal:my-dossiers")).content.decode()
    assert authenticate(username=NUMBER, password=PASSWORD) is not None


def test_so_dinh_danh_khac_hoac_tai_khoan_da_co_mat_khau_thi_khong_kich_hoat_duoc(client, walk_in, world):
    dossier, token = walk_in
    url = reverse("portal:activate", args=[token])
    wrong = client.post(
        url, {"identifier": world.citizen.personal_id, "password": PASSWORD, "password_again": PASSWORD}
    )
    assert wrong.status_code == 400 and "không khớp với người nộp hồ sơ này" in wrong.content.decode()
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()

    # Once activated, the receipt can never be used to take the account over.
    client.post(url, {"identifier": NUMBER, "password": PASSWORD, "password_again": PASSWORD})
    client.logout()
    again = client.post(
        url, {"identifier": NUMBER, "password": "ke-gian-2026x", "password_again": "ke-gian-2026x"}
    )
    assert again.status_code == 400
    assert authenticate(username=NUMBER, password=PASSWORD) is not None


def test_mat_khau_yeu_hoac_ma_qr_sai_thi_bao_ro_va_khong_doi_gi(client, walk_in):
    _dossier, token = walk_in
    weak = client.post(
        reverse("portal:activate", args=[token]),
        {"identifier": NUMBER, "password": "12345678", "password_again": "12345678"},
    )
    assert (
        weak.status_code == 400
        and "hoàn toàn là số" in weak.content.decode().lower()
        or "numeric" in weak.content.decode()
    )
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()
    assert client.get(reverse("portal:activate", args=["khong-co-that"])).status_code == 404


def test_api_kich_hoat_tai_khoan_roi_lay_token(client, walk_in):
    _dossier, token = walk_in
    body = {"token": token, "identifier": NUMBER, "password": PASSWORD}
    response = client.post("/api/v1/accounts/activate/", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["personal_id"] == NUMBER
    refused = client.post("/api/v1/accounts/activate/", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["fields"]["identifier"]
    signed_in = client.post(
        "/api/v1/auth/token/", {"username": NUMBER, "password": PASSWORD}, content_type="application/json"
    )
    assert signed_in.status_code == 200, signed_in.content
