"""The internal process: steps from the catalogue, hand-over, send back, reassignment, consultation."""

from __future__ import annotations

import pytest

from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua.workspace import services
from motcua.workspace.models import Outcome
from motcua.workspace.selectors import queue, tasks_of
from motcua.workspace.steps import copy_dossier_state
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import OfficialFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(world):
    procedure = world.procedure
    StepFactory(
        procedure=procedure,
        order=1,
        name="Tiếp nhận",
        role=Role.RECEIVER,
        target="receiving",
        duration_minutes=60,
    )
    StepFactory(procedure=procedure, order=2, name="Thẩm định", role=Role.PROCESSOR, duration_minutes=8 * 60)
    StepFactory(procedure=procedure, order=3, name="Phê duyệt", role=Role.LEADER, duration_minutes=4 * 60)
    StepFactory(
        procedure=procedure,
        order=4,
        name="Trả kết quả",
        role=Role.RECEIVER,
        target="receiving",
        duration_minutes=60,
    )
    return procedure


def names(dossier):
    return [(t.name, t.outcome) for t in tasks_of(dossier)]


def test_the_catalogues_steps_drive_the_dossier_to_the_counter(world, steps):
    dossier = dossier_in(world, Status.RECEIVED)
    assert names(dossier) == [("Tiếp nhận", "")]
    dossier = services.hand_over(dossier=dossier, by=world.receiver.user, note="Đủ thành phần")
    assert dossier.status == Status.PROCESSING
    services.hand_over(dossier=dossier, by=world.processor.user, note="Đề xuất cấp")
    dossier_services.approve(dossier=dossier, by=world.leader.user)
    assert names(dossier) == [
        ("Tiếp nhận", Outcome.HANDED_ON),
        ("Thẩm định", Outcome.HANDED_ON),
        ("Phê duyệt", Outcome.APPROVED),
        ("Trả kết quả", ""),
    ]
    review = tasks_of(dossier)[1]
    assert review.finished_by == world.processor and review.due_at is not None


def test_each_step_has_its_own_deadline_from_its_time_budget(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    review = tasks_of(dossier)[-1]
    from motcua.core.calendar import working_calendar

    assert working_calendar().working_minutes_between(review.received_at, review.due_at) == 8 * 60


def test_a_step_goes_back_to_whoever_did_the_one_before_with_the_reason(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    services.hand_over(dossier=dossier, by=world.processor.user)
    services.send_back(dossier=dossier, by=world.leader.user, reason="Thiếu ý kiến thẩm định")
    last = tasks_of(dossier)[-1]
    assert (last.name, last.assignee) == ("Thẩm định", world.processor)
    event = dossier.events.order_by("-seq").first()
    assert (event.kind, event.note) == ("sent_back", "Thiếu ý kiến thẩm định")


def test_sending_back_needs_a_reason_and_changes_nothing_without_one(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    with pytest.raises(ValidationFailed):
        services.send_back(dossier=dossier, by=world.processor.user, reason=" ")
    assert len(tasks_of(dossier)) == 2


def test_only_the_assignee_or_the_units_leader_works_an_assigned_step(world, steps):
    colleague = OfficialFactory.with_roles((world.justice, Role.PROCESSOR))
    dossier = dossier_in(world, Status.PROCESSING)
    services.reassign(dossier=dossier, by=world.leader.user, to=colleague.pk, note="Chuyên môn phù hợp")
    with pytest.raises(Forbidden):
        services.hand_over(dossier=dossier, by=world.processor.user)
    assert dossier.pk in queue(colleague.user, "can-xu-ly").values_list("pk", flat=True)
    assert dossier.pk not in queue(world.processor.user, "can-xu-ly").values_list("pk", flat=True)
    services.hand_over(dossier=dossier, by=colleague.user)


def test_only_a_leader_reassigns_and_only_to_someone_with_the_role_there(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    with pytest.raises(Forbidden):
        services.reassign(dossier=dossier, by=world.processor.user, to=world.processor.pk)
    with pytest.raises(ValidationFailed):
        services.reassign(dossier=dossier, by=world.leader.user, to=world.other_receiver.pk)


def test_a_consulted_agency_sees_the_dossier_answers_once_and_the_answer_is_in_the_history(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    consultation = services.consult(
        dossier=dossier,
        by=world.processor.user,
        agency=world.construction,
        question="Có vi phạm xây dựng?",
        days=2,
    )
    assert dossier.pk in queue(world.other_receiver.user, "phoi-hop").values_list("pk", flat=True)
    services.answer(consultation_id=consultation.pk, by=world.other_receiver.user, text="Không vi phạm")
    with pytest.raises(InvalidTransition):
        services.answer(consultation_id=consultation.pk, by=world.other_receiver.user, text="Lần hai")
    kinds = list(dossier.events.values_list("kind", flat=True))
    assert kinds[-2:] == ["consultation_requested", "consultation_answered"]


def test_an_agency_not_consulted_cannot_answer(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    consultation = services.consult(
        dossier=dossier, by=world.processor.user, agency=world.construction, question="?"
    )
    outsider = OfficialFactory.with_roles((world.construction, Role.PROCESSOR))
    services.answer(consultation_id=consultation.pk, by=outsider.user, text="Được")  # same agency: allowed
    stranger_agency_official = world.receiver  # the asking agency cannot answer its own question
    consultation2 = services.consult(
        dossier=dossier, by=world.processor.user, agency=world.construction, question="?"
    )
    from motcua.core.errors import NotFound

    with pytest.raises(NotFound):
        services.answer(consultation_id=consultation2.pk, by=stranger_agency_official.user, text="x")


def test_the_last_step_before_the_counter_is_the_leaders_decision(world, steps):
    dossier = dossier_in(world, Status.PROCESSING)
    services.hand_over(dossier=dossier, by=world.processor.user)
    with pytest.raises(InvalidTransition):
        services.hand_over(dossier=dossier, by=world.leader.user)


def test_a_procedure_without_steps_gets_the_common_four(world):
    dossier = dossier_in(world, Status.PROCESSING)
    assert [t.role for t in tasks_of(dossier)] == [Role.RECEIVER, Role.PROCESSOR]


def test_queues_to_do_overdue_due_soon_supplement_and_done(world, steps):
    from datetime import timedelta

    from django.utils import timezone

    late = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=30))
    fresh = dossier_in(world, Status.PROCESSING)
    waiting = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    user = world.processor.user

    def codes(key):
        return set(queue(user, key).values_list("code", flat=True))

    assert codes("can-xu-ly") == {late.code, fresh.code}
    assert codes("qua-han") == {late.code}
    assert codes("cho-bo-sung") == {waiting.code}
    soon = timezone.now() + timedelta(hours=2)
    fresh.due_at = soon
    fresh.save(update_fields=["due_at"])
    copy_dossier_state(fresh.pk)  # what the event of a real change does (test_step_copies.py)
    assert codes("sap-den-han") == {fresh.code}
    services.hand_over(dossier=fresh, by=user)
    assert fresh.code in codes("da-xu-ly") and fresh.code not in codes("can-xu-ly")


def test_a_step_at_a_named_agency_brings_the_dossier_to_its_officials(world):
    from motcua.dossiers.selectors import get_dossier_for

    StepFactory(procedure=world.procedure, order=1, name="Tiếp nhận", role=Role.RECEIVER, target="receiving")
    StepFactory(
        procedure=world.procedure,
        order=2,
        name="Thẩm định hiện trường",
        role=Role.RECEIVER,
        agency=world.construction,
    )
    dossier = dossier_in(world, Status.RECEIVED)
    services.hand_over(dossier=dossier, by=world.receiver.user)
    assert get_dossier_for(world.other_receiver.user, dossier.code) == dossier
    assert dossier.pk in queue(world.other_receiver.user, "can-xu-ly").values_list("pk", flat=True)


def test_a_dossier_received_before_steps_were_kept_starts_at_the_review(world, steps):
    from motcua.workspace.models import Task

    dossier = dossier_in(world, Status.RECEIVED)
    Task.objects.filter(dossier=dossier).delete()  # as if received by an earlier version
    dossier_services.start_processing(dossier=dossier, by=world.receiver.user)
    assert [t.name for t in tasks_of(dossier)] == ["Thẩm định"]


def test_a_step_held_at_a_third_agency_lets_its_officials_see_and_list_the_dossier(world, api):
    """The visibility rule reads access rows: opening a step at an agency that neither received
    nor decides the dossier writes one, so that agency's processor finds it in the queue and the API."""
    procedure = world.procedure
    StepFactory(procedure=procedure, order=1, name="Tiếp nhận", role=Role.RECEIVER, target="receiving")
    StepFactory(
        procedure=procedure,
        order=2,
        name="Thẩm định liên ngành",
        role=Role.PROCESSOR,
        agency=world.construction,
    )
    outsider = OfficialFactory.with_roles((world.construction, Role.PROCESSOR))
    dossier = dossier_in(world, Status.RECEIVED)
    api.force_authenticate(outsider.user)
    assert api.get(f"/api/v1/dossiers/{dossier.code}/").status_code == 404

    services.hand_over(dossier=dossier, by=world.receiver.user, note="Đủ thành phần")

    assert dossier.pk in queue(outsider.user, "can-xu-ly").values_list("pk", flat=True)
    assert api.get(f"/api/v1/dossiers/{dossier.code}/").status_code == 200
    assert [row["code"] for row in api.get("/api/v1/dossiers/").json()["results"]] == [dossier.code]
