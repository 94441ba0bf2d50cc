"""The legal clock: starts at reception, stops for supplements and payments, overdue is derived."""

from datetime import date, datetime

import pytest

from motcua.core.calendar import LOCAL_TZ
from motcua.core.errors import InvalidTransition, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import ClockPause, Dossier
from motcua.dossiers.selectors import overdue
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in, perform

pytestmark = pytest.mark.django_db


def local(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


def test_reception_fixes_the_appointment_in_working_days(world):
    # 3 working days from Friday 20 Nov 2026 09:00 → Wednesday 25 Nov 09:00... but 24 Nov 2026 is
    # Vietnam Culture Day (a public holiday from 2026), so Thursday 26 Nov 09:00.
    dossier = dossier_in(world, Status.SUBMITTED, at=local(2026, 11, 20, 8, 0))
    dossier = services.receive(dossier=dossier, by=world.receiver.user, at=local(2026, 11, 20, 9, 0))
    assert dossier.received_at == local(2026, 11, 20, 9, 0)
    assert dossier.due_at == local(2026, 11, 26, 9, 0)
    assert dossier.processing_minutes == 3 * 450


def test_supplement_request_stops_the_clock_and_resubmission_restarts_it_with_the_remaining_time(world):
    monday = local(2026, 11, 16, 8, 0)
    dossier = dossier_in(world, Status.PROCESSING, at=monday)  # due Thursday 19 Nov 08:00
    assert dossier.due_at == local(2026, 11, 19, 8, 0)
    # Asked for a supplement on Tuesday 08:00: two working days (900 minutes) remain.
    dossier = services.request_supplement(
        dossier=dossier,
        by=world.processor.user,
        reason="Thiếu giấy",
        missing=["Giấy chứng sinh"],
        at=local(2026, 11, 17, 8, 0),
    )
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert dossier.remaining_minutes == 900
    assert not dossier.is_overdue(at=local(2026, 12, 31, 8, 0))  # a stopped clock is never overdue
    # The applicant supplements a week later, Tuesday 24 Nov is a holiday: resumes Monday 23 Nov 14:00.
    dossier = services.supplement(dossier=dossier, by=world.citizen, at=local(2026, 11, 23, 14, 0))
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at == local(2026, 11, 26, 14, 0)
    pause = ClockPause.objects.get(dossier=dossier)
    assert (pause.started_at, pause.ended_at) == (local(2026, 11, 17, 8, 0), local(2026, 11, 23, 14, 0))


def test_a_supplement_before_reception_goes_back_to_waiting_for_reception(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    dossier = services.request_supplement(
        dossier=dossier, by=world.receiver.user, reason="Ảnh mờ", missing=["Ảnh chân dung"]
    )
    assert dossier.remaining_minutes is None
    assert services.supplement(dossier=dossier, by=world.citizen).status == Status.SUBMITTED


def test_a_financial_obligation_stops_the_clock_until_paid(world):
    dossier = dossier_in(world, Status.PROCESSING, at=local(2026, 11, 16, 8, 0))
    dossier = services.request_payment(
        dossier=dossier, by=world.processor.user, amount=50_000, at=local(2026, 11, 16, 9, 0)
    )
    assert dossier.remaining_minutes == 3 * 450 - 60
    dossier = services.confirm_payment(dossier=dossier, by=world.processor.user, at=local(2026, 11, 20, 8, 0))
    assert dossier.status == Status.PROCESSING
    assert dossier.due_at == local(2026, 11, 25, 16, 30)  # 420 Fri + 450 Mon + 420 Wed (Tue is a holiday)


def test_overdue_is_derived_from_the_appointment_date(world):
    dossier = dossier_in(world, Status.PROCESSING, at=local(2026, 11, 16, 8, 0))
    assert not dossier.is_overdue(at=local(2026, 11, 19, 7, 59))
    assert dossier.is_overdue(at=local(2026, 11, 19, 8, 1))
    visible = Dossier.objects.filter(pk=dossier.pk)
    assert list(overdue(visible, at=local(2026, 11, 19, 8, 1))) == [dossier]
    assert list(overdue(visible, at=local(2026, 11, 18, 8, 1))) == []


def test_a_result_after_the_appointment_stays_late(world):
    dossier = dossier_in(world, Status.PROCESSING, at=local(2026, 11, 16, 8, 0))
    dossier = services.approve(dossier=dossier, by=world.leader.user, at=local(2026, 11, 20, 8, 0))
    assert dossier.is_overdue()
    assert list(overdue(Dossier.objects.all())) == []  # finished: no longer in the overdue queue


def test_an_apology_sets_a_new_appointment_and_is_recorded(world):
    dossier = dossier_in(world, Status.PROCESSING, at=local(2026, 11, 16, 8, 0))
    dossier = services.apologize(
        dossier=dossier,
        by=world.leader.user,
        new_due_at=date(2026, 11, 27),
        reason="Cần xác minh thêm tại địa phương",
        at=local(2026, 11, 19, 9, 0),
    )
    assert dossier.due_at == local(2026, 11, 27, 17, 0)
    apology = dossier.apologies.get()
    assert apology.previous_due_at == local(2026, 11, 19, 8, 0)
    event = dossier.events.get(kind="apologized")
    assert event.data["new_due_at"].startswith("2026-11-27T17:00")


def test_an_apology_must_move_the_date_forward_to_a_working_day(world):
    dossier = dossier_in(world, Status.PROCESSING, at=local(2026, 11, 16, 8, 0))
    for bad in (date(2026, 11, 18), date(2026, 11, 28), date(2026, 11, 24)):  # earlier, Saturday, holiday
        with pytest.raises(ValidationFailed):
            services.apologize(
                dossier=dossier,
                by=world.leader.user,
                new_due_at=bad,
                reason="Chậm",
                at=local(2026, 11, 17, 9, 0),
            )
    assert Dossier.objects.get(pk=dossier.pk).due_at == local(2026, 11, 19, 8, 0)


def test_no_apology_for_a_dossier_not_yet_received(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    with pytest.raises(InvalidTransition):
        services.apologize(dossier=dossier, by=world.leader.user, new_due_at=date(2027, 1, 4), reason="Chậm")


def test_withdrawing_closes_an_open_pause(world):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    perform(world, dossier, "withdraw")
    assert ClockPause.objects.get(dossier=dossier).ended_at is not None
