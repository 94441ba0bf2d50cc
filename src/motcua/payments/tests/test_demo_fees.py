"""The demo province collects fees: every agency has an account, some procedures collect at filing,
and the finance officer named in the README can sign in."""

import pytest
from django.contrib.auth import authenticate

from motcua.demo.organisation import DEMO_PASSWORD
from motcua.demo.payments import FINANCE_OFFICER, equip_for_fees
from motcua.org.models import Agency
from motcua.payments.models import AgencyAccount, FinanceOfficer

pytestmark = pytest.mark.django_db


def test_demo_gives_every_agency_an_account_and_a_finance_officer(world):
    equip_for_fees()
    assert AgencyAccount.objects.count() == Agency.objects.count()
    assert authenticate(username=FINANCE_OFFICER, password=DEMO_PASSWORD) is not None
    officer = FinanceOfficer.objects.get(official__user__username=FINANCE_OFFICER)
    assert set(officer.agencies.all()) == set(Agency.objects.all())


def test_the_procedure_page_says_the_fee_is_paid_at_filing_online(client, world):
    from motcua.catalogue.models import Fee
    from motcua.payments.models import PaymentRule

    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=200_000)
    page = client.get(f"/thu-tuc/{world.procedure.code}/")
    assert "thanh toán trực tuyến qua VNPay" not in page.content.decode()
    PaymentRule.objects.create(procedure=world.procedure, collect_at_filing=True)
    page = client.get(f"/thu-tuc/{world.procedure.code}/")
    assert "Nộp khi nộp hồ sơ, thanh toán trực tuyến qua VNPay được." in page.content.decode()
