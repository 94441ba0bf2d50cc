"""An official's reach is computed once (org.selectors.reach_of): the visibility rule, the
permissions and the officials' queues all read it."""

import pytest

from motcua.org.models import Role
from motcua.org.selectors import agency_ids_for, reach_of
from motcua.testing.factories import AgencyFactory, OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    province = AgencyFactory()
    department = AgencyFactory(parent=province)
    office = AgencyFactory(parent=department)
    elsewhere = AgencyFactory()
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
