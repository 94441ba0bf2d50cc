"""Demo fees: the agencies' collection accounts (VietQR), procedures that collect at filing, and a
finance officer who reconciles every agency's fees."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from motcua.accounts.models import User
from motcua.catalogue.models import Procedure
from motcua.demo.organisation import DEMO_PASSWORD
from motcua.org.models import Agency, Official
from motcua.payments.models import AgencyAccount, FinanceOfficer, PaymentRule

# Procedures whose fee is paid when filing (criminal record, driving licence, a company, a copy).
COLLECT_AT_FILING = ["3.000333", "3.000347", "3.000348", "2.001583", "2.002043", "2.000635"]
BANK_BIN, BANK_NAME = "970415", "VietinBank"  # NAPAS BIN of the demo State Treasury collection bank
FINANCE_OFFICER = "ketoan.tinh"


def equip_for_fees() -> int:
    """Accounts for every agency, the collect-at-filing rules, and the finance officer (username
    ``ketoan.tinh``, the demo password)."""
    agencies = list(Agency.objects.order_by("pk"))
    AgencyAccount.objects.bulk_create(
        [
            AgencyAccount(
                agency=agency,
                bank_bin=BANK_BIN,
                bank_name=BANK_NAME,
                account_number=f"3751{agency.pk:08d}",
                account_name=(agency.short_name or agency.name)[:120].upper(),
                receipt_series=f"BL{agency.pk:03d}",
            )
            for agency in agencies
        ]
    )
    PaymentRule.objects.bulk_create(
        [
            PaymentRule(procedure=procedure, collect_at_filing=True)
            for procedure in Procedure.objects.filter(code__in=COLLECT_AT_FILING)
        ]
    )
    user = User.objects.create(
        username=FINANCE_OFFICER,
        password=make_password(DEMO_PASSWORD),
        full_name="Trần Thị Thu",
        kind=User.Kind.OFFICIAL,
        is_staff=True,
        email=f"{FINANCE_OFFICER}@demo.motcua.vn",
    )
    official = Official.objects.create(user=user, title="Kế toán thu phí, lệ phí")
    finance = FinanceOfficer.objects.create(official=official)
    finance.agencies.set(agencies)
    return len(agencies)
