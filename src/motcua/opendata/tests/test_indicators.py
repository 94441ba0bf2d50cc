"""The indicators' aggregates on the open data portal: after a workload of dossiers, the province's
and each agency's monthly results are datasets whose downloads add up to the dossiers received."""

from __future__ import annotations

import csv
import io

import pytest

from motcua.dossiers.models import DossierEvent
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_each_agency_with_figures_publishes_its_results_under_its_own_organisation(client, world):
    run(world, seed=21, steps=40)
    slug = "ket-qua-giai-quyet-tthc-000-00-12-h30"
    shown = client.get(f"/api/3/action/package_show?id={slug}").json()["result"]
    assert shown["organization"]["title"] == "Sở Tư pháp"
    assert shown["organization"]["name"] == "000-00-12-h30"
    found = client.get("/api/3/action/package_search?fq=organization:000-00-12-h30").json()["result"]
    assert slug in [p["name"] for p in found["results"]]


def test_the_downloaded_monthly_results_add_up_to_the_dossiers_received(client, world):
    run(world, seed=22, steps=60)
    rows = list(csv.DictReader(io.StringIO(body(client.get("/du-lieu-mo/ket-qua-giai-quyet-tthc.csv")))))
    assert (
        rows and sum(int(r["received"]) for r in rows) == DossierEvent.objects.filter(kind="received").count()
    )
    month = rows[0]["month"]
    one_month = list(
        csv.DictReader(
            io.StringIO(body(client.get(f"/du-lieu-mo/ket-qua-giai-quyet-tthc.csv?month={month}")))
        )
    )
    assert one_month and {r["month"] for r in one_month} == {month}


def test_the_indicator_pages_and_titles_follow_the_language(client, world):
    run(world, seed=23, steps=20)
    listing = client.get("/du-lieu-mo/").content.decode()
    assert "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) theo tháng" in listing
    assert 'href="/so-lieu/">Xem các số liệu này dưới dạng biểu đồ' in listing
    english = client.get("/api/3/action/package_show?id=chi-so-766", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["result"]["title"].startswith("Monthly index of service")
