"""Test support: agencies made by the factory never take the fixed codes of the test province's
departments, whatever order the tests run in (a random order once made `000.00.12.H30` twice)."""

import pytest

from motcua_testing.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_factory_agencies_never_take_the_test_provinces_codes(world):
    AgencyFactory.reset_sequence(12)  # where the sequence stood when the collision happened
    made = {AgencyFactory().code for _ in range(4)}
    assert not made & {world.justice.code, world.construction.code}
