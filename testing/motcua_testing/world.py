"""A small province for tests: two departments, their officials, a citizen, a procedure."""

from __future__ import annotations

from dataclasses import dataclass

from motcua.accounts.models import User
from motcua.catalogue.models import Procedure
from motcua.org.models import Agency, Official, Role
from motcua_testing.factories import AgencyFactory, CitizenFactory, OfficialFactory, ProcedureFactory


@dataclass
class World:
    justice: Agency  # agency A
    construction: Agency  # agency B
    receiver: Official
    processor: Official
    leader: Official
    other_receiver: Official  # of agency B
    citizen: User
    other_citizen: User
    procedure: Procedure


def build_world() -> World:
    justice = AgencyFactory(code="000.00.12.H30", name="Sở Tư pháp")
    construction = AgencyFactory(code="000.00.15.H30", name="Sở Xây dựng")
    return World(
        justice=justice,
        construction=construction,
        receiver=OfficialFactory.with_roles((justice, Role.RECEIVER)),
        processor=OfficialFactory.with_roles((justice, Role.PROCESSOR)),
        leader=OfficialFactory.with_roles((justice, Role.LEADER)),
        other_receiver=OfficialFactory.with_roles((construction, Role.RECEIVER)),
        citizen=CitizenFactory(),
        other_citizen=CitizenFactory(),
        procedure=ProcedureFactory(agencies=[justice]),
    )
