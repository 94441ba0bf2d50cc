"""The figures kept up to date event by event equal those recomputed from the history."""

import pytest
from django.core.management import call_command

from motcua.reports.aggregates import computed_from_history, rebuild, stored
from motcua.reports.models import DailyFigures
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_figures_equal_the_rebuild_after_a_random_workload(world, seed):
    run(world, seed=seed)
    incremental = stored()
    assert sum(c["received"] for c in incremental.values()) > 0
    assert sum(c["settled_on_time"] + c["settled_late"] for c in incremental.values()) > 0

    assert incremental == computed_from_history()
    rebuild()
    assert stored() == incremental


def test_rebuild_restores_figures_that_were_lost(world):
    run(world, seed=7, steps=60)
    before = stored()
    DailyFigures.objects.all().delete()
    call_command("reports", "rebuild")
    assert stored() == before


def test_check_reports_a_difference(world, capsys):
    from django.core.management.base import CommandError

    run(world, seed=8, steps=40)
    call_command("reports", "check")
    DailyFigures.objects.filter(pk=DailyFigures.objects.first().pk).update(received=999)
    with pytest.raises(CommandError):
        call_command("reports", "check")
