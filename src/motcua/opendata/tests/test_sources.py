"""Another app's datasets plug in: bilingual titles, (name, title) columns, rows that take filters."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import pytest

from motcua.opendata import packages
from motcua.opendata.datasets import from_source

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Text:
    vi: str
    en: str

    def __str__(self):
        return self.vi


@dataclass
class Monthly:
    """Shaped like ``reports.public.Dataset``."""

    slug = "ket-qua-thu-nghiem"
    title = Text("Kết quả giải quyết theo tháng", "Monthly results")
    description = Text("Số hồ sơ theo tháng.", "Dossiers per month.")
    organisation = "000.00.12.H30"
    last_updated = datetime(2026, 11, 30, 17, 0)
    columns = [("month", Text("Tháng", "Month")), ("received", Text("Hồ sơ tiếp nhận", "Dossiers received"))]

    def rows(self, month=None, **others):
        assert not others
        for row in ({"month": "2026-10", "received": 3}, {"month": "2026-11", "received": 5}):
            if month in (None, row["month"]):
                yield row


@pytest.fixture
def monthly(province, monkeypatch):
    source = Monthly()

    def indicators():
        return [from_source(source, group="indicators", tags=("chi-so",), filters=("month", "agency"))]

    monkeypatch.setattr(packages, "SOURCES", (*packages.SOURCES, indicators))
    return source


def test_the_dataset_is_published_under_its_agency_in_both_languages(client, monthly):
    shown = client.get("/api/3/action/package_show?id=ket-qua-thu-nghiem").json()["result"]
    assert shown["title"] == "Kết quả giải quyết theo tháng"
    assert shown["organization"]["title"] == "Sở Tư pháp"
    assert shown["metadata_modified"] == "2026-11-30T10:00:00"  # 17:00 in Hà Nội, in UTC as CKAN writes it
    english = client.get(
        "/api/3/action/package_show?id=ket-qua-thu-nghiem", HTTP_ACCEPT_LANGUAGE="en"
    ).json()["result"]
    assert english["title"] == "Monthly results" and english["notes"] == "Dossiers per month."


def test_its_page_lists_it_among_the_indicators_with_its_columns(client, monthly):
    listing = client.get("/du-lieu-mo/").content.decode()
    assert "Chỉ số phục vụ người dân, doanh nghiệp" in listing and "Kết quả giải quyết theo tháng" in listing
    page = client.get("/du-lieu-mo/ket-qua-thu-nghiem/").content.decode()
    assert "Hồ sơ tiếp nhận" in page and "received" in page


def test_a_download_passes_its_filters_on(client, monthly):
    everything = json.loads(b"".join(client.get("/du-lieu-mo/ket-qua-thu-nghiem.json").streaming_content))
    assert [row["month"] for row in everything] == ["2026-10", "2026-11"]
    november = client.get("/du-lieu-mo/ket-qua-thu-nghiem.csv?month=2026-11")
    assert b"".join(november.streaming_content).decode().splitlines() == ["month,received", "2026-11,5"]


def test_a_wrong_filter_is_refused_before_any_row_is_written(client, monthly):
    response = client.get("/du-lieu-mo/ket-qua-thu-nghiem.csv?month=2026-13")
    assert response.status_code == 400
    assert "2026-11" in response.content.decode() and "2026-13" in response.content.decode()
    english = client.get("/du-lieu-mo/ket-qua-thu-nghiem.csv?month=tháng11", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400


def test_the_catalogue_datasets_ignore_filters(client, monthly):
    rows = b"".join(client.get("/du-lieu-mo/phi-le-phi.csv?month=2026-11").streaming_content).decode()
    assert len(rows.splitlines()) == 3
