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
