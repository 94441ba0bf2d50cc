"""The population database through the LGSP protocol (docs/lgsp-population.yaml), against the
sandbox served by motcua on a live server: what comes back, what is recorded, what is refused."""

from __future__ import annotations

import httpx
import pytest

from motcua.accounts.models import DataFetch
from motcua.accounts.national_data import (
    NationalDataUnavailable,
    fetch_business_data,
    fetch_land_data,
    fetch_population_data,
    sandbox_token,
)
from motcua.core.errors import DomainError
from motcua.demo.population import RESIDENTS
from motcua_testing.factories import CitizenFactory

pytestmark = pytest.mark.django_db(transaction=True)
THU = RESIDENTS[0]


@pytest.fixture
def sandbox(settings, live_server):
    settings.OIDC_SANDBOX = True
    settings.LGSP_URL = live_server.url + "/sandbox/lgsp"
    settings.LGSP_TOKEN = sandbox_token()
    return live_server


def test_a_citizens_record_fills_the_verified_values_and_the_fetch_is_recorded_with_consent(sandbox):
    citizen = CitizenFactory(personal_id=THU.personal_id, username=THU.personal_id)
    verified = fetch_population_data(user=citizen, purpose="1.000001", consent=True)
    assert verified.values == {
        "full_name": THU.full_name,
        "identity_number": THU.personal_id,
        "birth_date": "1988-03-14",
        "sex": "Nữ",
        "address": THU.permanent_address,
    }
    fetch = DataFetch.objects.get(user=citizen)
    assert (fetch.source, fetch.purpose) == ("population", "1.000001")
    assert fetch.consented_at <= fetch.fetched_at


def test_without_consent_nothing_is_asked_and_nothing_recorded(sandbox):
    citizen = CitizenFactory(personal_id=THU.personal_id, username=THU.personal_id)
    with pytest.raises(DomainError):
        fetch_population_data(user=citizen, purpose="1.000001", consent=False)
    assert not DataFetch.objects.exists()


@pytest.mark.parametrize(
    ("fetch", "database"),
    [
        (fetch_population_data, "dân cư"),
        (fetch_business_data, "đăng ký doanh nghiệp"),
        (fetch_land_data, "đất đai"),
    ],
)
def test_each_database_asks_for_consent_by_its_own_name_before_anything_else(fetch, database):
    """Refused before the account's kind is even looked at: no consent, no read, the database named."""
    with pytest.raises(DomainError) as refused:
        fetch(user=CitizenFactory.build(), purpose="1.000001", consent=False)
    assert str(refused.value.message) == (
        f"Cần Ông/Bà đồng ý trước khi lấy thông tin từ cơ sở dữ liệu quốc gia về {database}."
    )
    assert refused.value.fields == {"consent": ["Cần đồng ý."]}


def test_a_number_the_database_does_not_hold_is_said_so(sandbox):
    citizen = CitizenFactory()
    with pytest.raises(NationalDataUnavailable) as refused:
        fetch_population_data(user=citizen, purpose="1.000001", consent=True)
    assert "không có số định danh này" in str(refused.value.message)
    assert not DataFetch.objects.exists()


def test_the_sandbox_refuses_a_wrong_token_and_a_call_without_purpose_or_consent(sandbox):
    url = f"{sandbox.url}/sandbox/lgsp/api/dan-cu/v1/cong-dan/{THU.personal_id}"
    assert httpx.get(url, headers={"Authorization": "Bearer sai"}).json()["maLoi"] == "SAI_KHOA"
    answer = httpx.get(url, headers={"Authorization": f"Bearer {sandbox_token()}"})
    assert (answer.status_code, answer.json()["maLoi"]) == (400, "THIEU_THAM_SO")


def test_an_unreachable_database_is_a_clear_error(settings):
    settings.LGSP_URL = "http://127.0.0.1:9"
    citizen = CitizenFactory()
    with pytest.raises(NationalDataUnavailable) as refused:
        fetch_population_data(user=citizen, purpose="1.000001", consent=True)
    assert "Không kết nối được" in str(refused.value.message)
