"""An official's reach is computed once (org.selectors.reach_of): the visibility rule, the
permissions and the officials' queues all read it."""

import pytest

from motcua.org.models import Agency, Role
from motcua.org.selectors import agency_ids_for, reach_of
from motcua_testing.factories import OfficialFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _agency(number: int, parent=None) -> Agency:
    # Not AgencyFactory: its code sequence is shared by the whole suite, and the fixed codes of the
    # test province (000.00.12.H30, 000.00.15.H30) must not be met by a later test's factory.
    return Agency.objects.create(
        code=f"000.00.{number}.H77",
        name=f"Cơ quan {number}",
        kind="department",
        unit=UnitFactory(),
        parent=parent,
    )


@pytest.fixture
def tree(db):
    province = _agency(71)
    department = _agency(72, province)
    office = _agency(73, department)
    elsewhere = _agency(74)
    return province, department, office, elsewhere


def test_a_leader_reaches_every_agency_below_a_receiver_only_their_own(tree, django_assert_max_num_queries):
    province, department, office, elsewhere = tree
    official = OfficialFactory.with_roles((department, Role.LEADER), (elsewhere, Role.RECEIVER))

    with django_assert_max_num_queries(4):  # the roles, then one per level below the overseen agencies
        reach = reach_of(official)

    assert reach.per_role == {Role.LEADER: {department.id, office.id}, Role.RECEIVER: {elsewhere.id}}
    assert reach.everything == {department.id, office.id, elsewhere.id}
    assert province.id not in reach.everything
    assert agency_ids_for(official) == reach.everything
    assert agency_ids_for(official, [Role.RECEIVER]) == {elsewhere.id}
    assert agency_ids_for(official, [Role.LEADER, Role.PROCESSOR]) == {department.id, office.id}


def test_an_official_without_roles_reaches_nothing(db):
    official = OfficialFactory()
    assert reach_of(official) == ({}, set())
    assert agency_ids_for(official) == set()


def test_an_agency_out_of_service_is_not_offered(tree):
    province, department, office, elsewhere = tree
    elsewhere.is_active = False
    elsewhere.save(update_fields=["is_active"])
    from motcua.org.selectors import active_agencies, active_agency

    assert active_agency(code=department.code) == department
    assert active_agency(pk=office.pk) == office
    assert active_agency(code=elsewhere.code) is None and active_agency() is None
    assert set(active_agencies()) >= {province, department, office} and elsewhere not in active_agencies()
