"""Dossier codes: a daily sequence per receiving agency, unique under concurrent submissions."""

import threading
from datetime import datetime

import pytest
from django.db import connection, connections

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua_testing.factories import BIRTH_DATA

pytestmark = pytest.mark.django_db


def submit(world, at, citizen=None):
    return services.file_dossier(
        applicant=citizen or world.citizen, procedure=world.procedure, form_data=BIRTH_DATA, at=at
    )


def test_the_sequence_restarts_each_day_per_agency(world):
    day1 = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)
    day2 = datetime(2026, 11, 25, 9, 0, tzinfo=LOCAL_TZ)
    codes = [submit(world, day1).code, submit(world, day1).code, submit(world, day2).code]
    assert codes == ["000.00.12.H30-261123-0001", "000.00.12.H30-261123-0002", "000.00.12.H30-261125-0001"]


def test_the_date_is_the_local_date_in_vietnam(world):
    # 23:30 UTC on 22 November is 06:30 on 23 November in Hà Nội.
    from datetime import UTC

    at = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert "-261123-" in submit(world, at).code


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_parallel_submissions_never_share_a_code(world):
    writers, per_writer = 8, 15
    at = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)
    barrier = threading.Barrier(writers)
    errors = []

    def writer():
        try:
            barrier.wait()
            for _ in range(per_writer):
                submit(world, at)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert len(codes) == writers * per_writer == len(set(codes))
    sequences = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert sequences == list(range(1, writers * per_writer + 1))
    assert connection.vendor == "postgresql"


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_a_code_taken_does_not_hold_the_agencys_counter_until_the_submission_commits(world):
    """Submissions at one agency used to queue behind each other's commit (the counter row stayed
    locked until then); now the next number is given while the first submission is still open."""
    from django.db import transaction

    from motcua.dossiers.codes import issue_code

    at = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)
    first_taken, release, taken = threading.Event(), threading.Event(), []

    def slow_submission():
        try:
            with transaction.atomic():
                taken.append(issue_code(world.justice, at))
                first_taken.set()
                release.wait(30)
        finally:
            connections.close_all()

    def second_submission():
        try:
            with transaction.atomic():
                taken.append(issue_code(world.justice, at))
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_submission)
    slow.start()
    assert first_taken.wait(30)
    second = threading.Thread(target=second_submission)
    second.start()
    second.join(timeout=10)
    waited = second.is_alive()
    release.set()
    slow.join()
    second.join()
    assert not waited, "the second submission waited for the first one's commit"
    assert sorted(code.rsplit("-", 1)[1] for code in taken) == ["0001", "0002"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_a_submission_rolled_back_leaves_a_gap_but_never_a_repeated_code(world):
    from django.db import transaction

    at = datetime(2026, 11, 23, 10, 0, tzinfo=LOCAL_TZ)
    first = submit(world, at).code
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(world, at)
        raise RuntimeError("the submission fails after its code was taken")
    third = submit(world, at).code
    assert (first[-4:], third[-4:]) == ("0001", "0003")
    assert Dossier.objects.count() == 2
