"""An event writes its contribution as one pending row; a fold adds it to the figures exactly once
and before any page reads them (the submissions no longer update the day's shared rows)."""

from datetime import date

import pytest

from motcua.dossiers import services
from motcua.reports.aggregates import computed_from_history, fold, rebuild, stored
from motcua.reports.models import AgencyMonthlyFigures, DailyFigures, MonthlyFigures, PendingFigures
from motcua.reports.selectors import Filters, figures
from motcua.reports.tests.workload import START, run
from motcua_testing.factories import BIRTH_DATA

pytestmark = pytest.mark.django_db


def _submit(world, n=1):
    for i in range(n):
        services.file_dossier(
            applicant=world.citizen,
            procedure=world.procedure,
            form_data=dict(BIRTH_DATA),
            at=START.replace(hour=9 + i),
        )


def test_a_submission_writes_one_pending_row_and_no_figure_row(world):
    _submit(world)
    assert PendingFigures.objects.count() == 1
    for model in (DailyFigures, MonthlyFigures, AgencyMonthlyFigures):
        assert not model.objects.exists(), model


def test_the_board_shows_a_submission_at_once_and_a_second_fold_adds_nothing(world):
    _submit(world, 3)
    year = Filters(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert figures(year)[()]["submitted"] == 3  # the query folded the pending rows first
    assert not PendingFigures.objects.exists()
    assert fold() == 0
    assert figures(year)[()]["submitted"] == 3
    assert stored() == computed_from_history()


def test_a_rebuild_with_contributions_pending_counts_each_event_once(world):
    run(world, seed=21, steps=40)
    _submit(world, 2)
    assert PendingFigures.objects.count() == 2
    rebuild()
    assert not PendingFigures.objects.exists()
    assert fold() == 0
    assert stored() == computed_from_history()


def test_the_periodic_job_folds_what_the_submissions_left(world, settings):
    from motcua.jobs.celery import app
    from motcua.reports.tasks import fold as fold_job

    _submit(world, 2)
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["motcua.reports.fold"] <= 30  # the figures are at most a minute behind
    assert "motcua.reports.fold" in app.tasks
    assert fold_job.delay().get() == 2
    assert not PendingFigures.objects.exists()
    assert sum(c["submitted"] for c in stored().values()) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_submissions_and_two_folds_at_once_count_every_event_once():
    """Four submitters and two folds, each with its own PostgreSQL connection: a pending row is
    claimed by one fold only (FOR UPDATE SKIP LOCKED), none is lost or added twice."""
    import threading

    from django.db import connections

    from motcua_testing.world import build_world

    world = build_world()
    errors, stop = [], threading.Event()

    def submit(n):
        try:
            for i in range(10):
                services.file_dossier(
                    applicant=world.citizen,
                    procedure=world.procedure,
                    form_data=dict(BIRTH_DATA),
                    at=START.replace(day=1 + n, hour=8 + i % 8),
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def keep_folding():
        try:
            while not stop.is_set():
                fold(limit=3)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    folders = [threading.Thread(target=keep_folding) for _ in range(2)]
    submitters = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
    for thread in folders + submitters:
        thread.start()
    for thread in submitters:
        thread.join()
    stop.set()
    for thread in folders:
        thread.join()
    assert errors == []
    fold()
    assert sum(c["submitted"] for c in stored().values()) == 40
    assert stored() == computed_from_history()
