"""Every transition from every status: allowed ones move the dossier, the others change nothing."""

import pytest

from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import NATIONAL_STATUS_CODES, TRANSITIONS, Status
from motcua_testing.dossiers import dossier_in, perform

pytestmark = pytest.mark.django_db

CASES = [(status, name) for status in Status.values for name in TRANSITIONS]


def snapshot(dossier: Dossier):
    dossier = Dossier.objects.get(pk=dossier.pk)
    return dossier.status, dossier.events.count(), dossier.due_at, dossier.code


@pytest.mark.parametrize(("status", "name"), CASES)
def test_transition_from_status(world, status, name):
    dossier = dossier_in(world, status)
    transition = TRANSITIONS[name]
    if status in transition.sources:
        moved = perform(world, dossier, name)
        expected = (
            transition.target
            or dossier.resume_status
            or {
                Status.SUPPLEMENT_REQUESTED: Status.PROCESSING,
                Status.AWAITING_PAYMENT: Status.PROCESSING,
            }[status]
        )
        assert moved.status == expected
        last = moved.events.order_by("-seq").first()
        assert (last.kind, last.from_status, last.to_status) == (transition.event, status, expected)
    else:
        before = snapshot(dossier)
        with pytest.raises(InvalidTransition) as raised:
            perform(world, dossier, name)
        assert str(Dossier.objects.get(pk=dossier.pk).get_status_display()) in str(raised.value)
        assert snapshot(dossier) == before


@pytest.mark.parametrize("name", [n for n in TRANSITIONS if n not in ("submit", "supplement", "withdraw")])
def test_an_official_of_another_agency_cannot_act(world, name):
    source = sorted(TRANSITIONS[name].sources)[0]
    dossier = dossier_in(world, source)
    before = snapshot(dossier)
    with pytest.raises(Forbidden):
        perform(world, dossier, name, by=world.other_receiver.user)
    assert snapshot(dossier) == before


@pytest.mark.parametrize("name", ["submit", "supplement", "withdraw", "receive", "approve"])
def test_another_citizen_cannot_act_on_my_dossier(world, name):
    source = sorted(TRANSITIONS[name].sources)[0]
    dossier = dossier_in(world, source)
    with pytest.raises(Forbidden):
        perform(world, dossier, name, by=world.other_citizen)


def test_a_processor_cannot_approve_only_a_leader_can(world):
    dossier = dossier_in(world, Status.PROCESSING)
    with pytest.raises(Forbidden):
        services.approve(dossier=dossier, by=world.processor.user)
    assert services.approve(dossier=dossier, by=world.leader.user).status == Status.RESULT_READY


@pytest.mark.parametrize("name", ["reject", "refuse", "request_supplement"])
def test_refusals_need_a_reason(world, name):
    source = sorted(TRANSITIONS[name].sources)[0]
    dossier = dossier_in(world, source)
    call = {
        "reject": lambda: services.reject(dossier=dossier, by=world.receiver.user, reason="  "),
        "refuse": lambda: services.refuse(dossier=dossier, by=world.leader.user, reason=""),
        "request_supplement": lambda: services.request_supplement(
            dossier=dossier, by=world.processor.user, reason=""
        ),
    }[name]
    before = snapshot(dossier)
    with pytest.raises(ValidationFailed) as raised:
        call()
    assert "reason" in raised.value.fields
    assert snapshot(dossier) == before


def test_every_status_maps_to_a_national_portal_code():
    assert sorted(code for code in NATIONAL_STATUS_CODES.values() if code) == list(range(1, 11))
    assert NATIONAL_STATUS_CODES[Status.DRAFT] is None


def test_history_is_append_only(world):
    dossier = dossier_in(world, Status.RECEIVED)
    event = dossier.events.first()
    event.note = "sửa lịch sử"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_each_event_says_who_where_when_and_why(world):
    dossier = dossier_in(world, Status.REJECTED)
    rejected = dossier.events.get(kind="rejected")
    assert rejected.actor == world.receiver.user
    assert rejected.agency == world.justice
    assert rejected.note == "Hồ sơ không thuộc thẩm quyền"
    assert [e.seq for e in dossier.events.order_by("seq")] == list(range(1, dossier.events.count() + 1))
