"""The finance officer's daily statement: expected against received per agency and channel, the
mismatches, CSV and XLSX exports; and the share of dossiers paid online for reports."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from motcua.catalogue.models import Fee
from motcua.dossiers.states import Status
from motcua.payments import services
from motcua.payments.models import FinanceOfficer
from motcua.payments.selectors import online_share
from motcua_testing.dossiers import dossier_in, perform
from motcua_testing.factories import OfficialFactory
from motcua_testing.forms import RenderedForm, follow

from .test_ipn import _callback, _ipn, _start

pytestmark = pytest.mark.django_db


@pytest.fixture
def day_of_fees(client, world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
    online = dossier_in(world, Status.AWAITING_PAYMENT)
    assert _ipn(client, _callback(_start(online, world.citizen)))["RspCode"] == "00"
    cash = dossier_in(world, Status.AWAITING_PAYMENT)
    services.collect_at_counter(dossier=cash, by=world.receiver.user, channel="cash")
    by_hand = dossier_in(world, Status.AWAITING_PAYMENT)
    perform(world, by_hand, "confirm_payment")  # an official marked it paid: no money recorded
    officer = OfficialFactory.with_roles()
    FinanceOfficer.objects.create(official=officer).agencies.set([world.justice])
    client.force_login(officer.user)
    return {"online": online, "cash": cash, "by_hand": by_hand}


def test_statement_lists_each_channel_and_the_dossier_marked_paid_without_money(client, day_of_fees):
    page = client.get(reverse("payments:reconciliation"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Trực tuyến (VNPay)" in html and "Tiền mặt tại quầy" in html
    assert "100.000 đ" in html  # received in the day
    assert "Hồ sơ ghi đã nộp nhưng không có khoản thu" in html
    assert day_of_fees["by_hand"].code in html
    assert day_of_fees["online"].code not in html.split('id="mismatches"')[1]


def test_statement_exports_as_csv_and_xlsx(client, day_of_fees):
    page = client.get(reverse("payments:reconciliation"))
    rows = list(csv.reader(io.StringIO(follow(client, page, "Tải CSV").content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Đơn vị", "Hình thức", "Số khoản"]
    assert ["Tổng cộng", "", "2", "100000", "100000", "0"] in rows
    book = load_workbook(io.BytesIO(follow(client, page, "Tải Excel (XLSX)").content))
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    assert ["Tổng cộng", None, 2, 100000, 100000, 0] in values


def test_exports_are_private_downloads_like_every_other_file(client, day_of_fees):
    """A statement holds who paid what: never cached, never sniffed, never run as a page."""
    page = client.get(reverse("payments:reconciliation"))
    for link in ("Tải CSV", "Tải Excel (XLSX)"):
        answer = follow(client, page, link)
        assert answer["Cache-Control"] == "private, no-store"
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in answer["Content-Security-Policy"]
        assert answer["Content-Disposition"].startswith("attachment;")


def test_a_day_is_chosen_with_the_form_and_a_bad_date_is_explained(client, day_of_fees):
    form = RenderedForm(client.get(reverse("payments:reconciliation")), method="get")
    empty = form.fill("Ngày", "2020-01-01").submit(client)
    assert "Không có khoản thu nào trong ngày." in empty.content.decode()
    bad = client.get(reverse("payments:reconciliation"), {"ngay": "hôm qua"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.content.decode()


def test_an_official_who_is_not_a_finance_officer_is_refused(client, world):
    client.force_login(world.receiver.user)
    assert client.get(reverse("payments:reconciliation")).status_code == 403


def test_share_of_dossiers_paid_online_by_agency(day_of_fees, world):
    today = timezone.localdate()
    [row] = online_share(start=today, end=today)
    assert row["agency_id"] == world.justice.pk and row["paid"] == 2 and row["online"] == 1
    assert row["share"] == 0.5
