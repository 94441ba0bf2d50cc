"""The demo province a new user sees after `make run`."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction

from motcua.accounts.models import User
from motcua.demo.builder import build_demo, demo_loaded
from motcua.demo.organisation import ADMIN_USERNAME, DEMO_PASSWORD
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import Status
from motcua.org.models import Agency, AgencyKind, Official

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One demo province for the module's tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo(dossiers=150, seed=7, signing=False)
        transaction.set_rollback(True)


def test_the_demo_has_the_province_its_communes_and_departments(demo):
    assert Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).count() == 69
    assert Agency.objects.filter(kind=AgencyKind.SERVICE_CENTRE).count() == 1
    assert Agency.objects.get(kind=AgencyKind.PROVINCE_COMMITTEE).name == "Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert Agency.objects.filter(name="Sở Tư pháp").exists()
    assert Official.objects.count() > 200


def test_the_demo_administrator_and_officials_can_sign_in(demo):
    admin = authenticate(username=ADMIN_USERNAME, password=DEMO_PASSWORD)
    assert admin is not None and admin.is_superuser
    assert (
        authenticate(username="so-tu-phap.tiepnhan", password=DEMO_PASSWORD).official.roles.get().role
        == "receiver"
    )


def test_the_demo_has_dossiers_in_every_status_with_real_histories(demo):
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    assert Dossier.objects.count() == 150
    returned = Dossier.objects.filter(status=Status.RETURNED).first()
    kinds = list(returned.events.order_by("seq").values_list("kind", flat=True))
    assert kinds[-1] == "returned" and "approved" in kinds
    assert (
        DossierEvent.objects.filter(kind="received").count()
        >= Dossier.objects.exclude(
            status__in=[Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.WITHDRAWN]
        ).count()
    )
    assert (
        Dossier.objects.filter(channel="counter").exists()
        and Dossier.objects.filter(channel="online").exists()
    )


def test_demo_applicants_have_valid_identity_numbers(demo):
    from motcua.accounts.identity import parse_personal_id, parse_tax_code

    for user in User.objects.filter(kind=User.Kind.CITIZEN)[:50]:
        parse_personal_id(user.personal_id, birth_date=user.birth_date, male=user.is_male)
    for user in User.objects.filter(kind=User.Kind.BUSINESS):
        assert parse_tax_code(user.tax_code) == user.tax_code


def test_the_demo_is_loaded_once(demo):
    assert demo_loaded()
    call_command("demo")
    assert Dossier.objects.count() == 150


def test_the_demo_receiving_agencies_say_where_when_and_whom_to_call(demo):
    from motcua.org.selectors import reception_places

    justice, commune = reception_places(
        [
            Agency.objects.get(name="Sở Tư pháp"),
            Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).first(),
        ]
    )
    assert justice.counter is not None and justice.host.kind == AgencyKind.SERVICE_CENTRE
    assert all((p.address, p.opening_hours, p.hotline) for p in (justice, commune))


def test_the_demo_provincial_administrator_may_use_the_admin_site(demo):
    from motcua.backoffice.home import may_use_admin_site

    administrator = User.objects.get(username="quantri.tinh")
    assert may_use_admin_site(administrator)
    assert administrator.has_perm("catalogue.change_procedure") and administrator.has_perm(
        "org.change_agency"
    )
    assert not administrator.has_perm("dossiers.change_dossier")  # dossiers change through the services only
