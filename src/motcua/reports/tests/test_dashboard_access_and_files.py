"""Who sees the dashboard and which units; what its files hold."""

import csv
import io

import pytest
from openpyxl import load_workbook

from motcua.org.models import Counter
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db

PERIOD = {"period": "custom", "start": "2026-09-01", "end": "2026-12-31"}


def test_a_processor_is_told_the_dashboard_is_for_leaders(client, world):
    client.force_login(world.processor.user)
    response = client.get("/can-bo/chi-so/")
    assert response.status_code == 403
    assert "lãnh đạo và quản trị" in response.content.decode()


def test_a_leader_sees_only_the_units_they_reach(client, world):
    run(world, seed=21, steps=60)
    client.force_login(world.leader.user)
    page = client.get("/can-bo/chi-so/", PERIOD).content.decode()
    assert world.justice.name in page
    assert world.construction.name not in page  # another department: not in the leader's reach
    forged = client.get("/can-bo/chi-so/", {**PERIOD, "agency": world.construction.pk}).content.decode()
    assert "chọn một lựa chọn hợp lệ" in forged  # the form refuses it
    assert world.construction.name not in forged


def test_bad_dates_are_refused_with_a_message_and_the_page_still_shows(client, world):
    client.force_login(world.leader.user)
    response = client.get("/can-bo/chi-so/", {"period": "custom", "start": "2026-12-31", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()


def test_the_csv_and_xlsx_hold_the_dashboard_table(client, world):
    run(world, seed=22, steps=80)
    client.force_login(world.leader.user)
    page = client.get("/can-bo/chi-so/", PERIOD).content.decode()
    response = client.get("/can-bo/chi-so/chi-so.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Mã", "Tên"]
    assert rows[1][0] == world.justice.code and rows[-1][1] == "Tổng"
    received = int(rows[-1][2])
    assert f'<span class="kpi-value">{received}</span>' in page.replace(".", "")
    book = load_workbook(io.BytesIO(client.get("/can-bo/chi-so/chi-so.xlsx", PERIOD).content))
    assert book.sheetnames == ["Chỉ số", "Theo đơn vị", "Điểm 766", "Theo tháng"]
    assert book["Điểm 766"].cell(row=book["Điểm 766"].max_row, column=1).value == "Tổng"


def test_the_periodic_report_balances(client, world):
    run(world, seed=23, steps=80)
    client.force_login(world.leader.user)
    book = load_workbook(io.BytesIO(client.get("/can-bo/chi-so/bao-cao-dinh-ky.xlsx", PERIOD).content))
    sheet = book.active
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[1] == "Tổng cộng"
    to_settle, online, counter, post, carried, settled, early, on_day, late, open_total, in_time, overdue = (
        total[2:]
    )
    assert to_settle == online + counter + post + carried
    assert settled == early + on_day + late
    assert open_total == in_time + overdue


def test_the_ledger_lists_the_counter_dossiers_and_is_audited(client, world):
    from motcua.audit.models import AuditEntry

    dossiers = run(world, seed=24, steps=40)
    counter = Counter.objects.create(agency=world.justice, number=1, name="Quầy Tư pháp")
    client.force_login(world.leader.user)
    listing = client.get("/can-bo/chi-so/so-theo-doi/", PERIOD).content.decode()
    assert "Quầy Tư pháp" in listing
    book = load_workbook(
        io.BytesIO(client.get(f"/can-bo/chi-so/so-theo-doi/{counter.pk}.xlsx", PERIOD).content)
    )
    codes = [row[1] for row in book.active.iter_rows(min_row=6, values_only=True)]
    assert sorted(codes) == sorted(d.code for d in dossiers if d.received_at is not None)
    assert AuditEntry.objects.filter(action="list", detail__view="ledger-06").exists()
    pdf = client.get(f"/can-bo/chi-so/so-theo-doi/{counter.pk}.pdf", PERIOD)
    assert pdf.content.startswith(b"%PDF")


def test_the_filters_show_the_period_on_screen_so_pressing_xem_keeps_it(client, world):
    """Found walking ``make run``: /so-lieu/ reported this month ("Kỳ 12/2026") while its form showed
    "Kỳ báo cáo: Ngày"; pressing "Xem" without touching anything switched to today's figures."""
    from django.utils import timezone

    from motcua_testing.pages import open_page, submit

    page = open_page(client, "/so-lieu/")
    month = f"Kỳ {timezone.localdate():%m/%Y}"
    assert month in page.text
    again = submit(client, page.form("Xem"))
    assert month in again.text
