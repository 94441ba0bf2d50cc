"""Phản ánh, kiến nghị: a tracking code back, an answer by the agency, published only when marked public."""

import re

import pytest

from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers.states import Status
from motcua.feedback.models import Feedback
from motcua.feedback.selectors import feedback_by_code, feedback_for_official, published_feedback
from motcua.feedback.services import answer_feedback, send_feedback, set_publication
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


def _send(world, **overrides):
    values = {
        "kind": "complaint",
        "subject": "Chậm trả kết quả",
        "content": "Hồ sơ của tôi đã quá hạn hai ngày mà chưa có kết quả.",
        "sender_name": "Nguyễn Văn An",
        "sender_phone": "0912345678",
        "agency": world.justice,
    }
    return send_feedback(**{**values, **overrides})


def test_a_feedback_gets_an_unguessable_tracking_code(world):
    sent = _send(world)
    assert re.fullmatch(r"PAKN-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", sent.code)
    assert feedback_by_code(sent.code.lower()) == sent


def test_naming_a_dossier_sends_the_feedback_to_its_agency(world):
    dossier = dossier_in(world, Status.PROCESSING)
    sent = _send(world, agency=None, dossier_code=dossier.code)
    assert sent.agency == world.justice and sent.dossier == dossier


def test_bad_input_names_each_field_and_saves_nothing(world):
    with pytest.raises(ValidationFailed) as refused:
        _send(
            world,
            subject="",
            content="ngắn",
            sender_name=" ",
            sender_phone="12345",
            dossier_code="000.00.00.H00-000000-9999",
        )
    assert set(refused.value.fields) >= {"subject", "content", "sender_name", "sender_phone", "dossier_code"}
    assert not Feedback.objects.exists()


def test_an_answer_is_published_only_when_the_official_marks_it_public(world):
    sent = _send(world)
    answer_feedback(
        feedback=sent, by=world.receiver.user, answer="Hồ sơ đã được giải quyết ngày 20/11.", publish=False
    )
    assert list(published_feedback()) == []
    set_publication(feedback=sent, by=world.receiver.user, public=True)
    (public,) = published_feedback()
    assert public.answer.startswith("Hồ sơ đã được giải quyết")


def test_only_officials_of_the_agency_answer(world):
    sent = _send(world)
    with pytest.raises(Forbidden):
        answer_feedback(
            feedback=sent, by=world.other_receiver.user, answer="Không thuộc thẩm quyền.", publish=True
        )
    assert list(feedback_for_official(world.other_receiver.user)) == []
    assert list(feedback_for_official(world.leader.user)) == [sent]


def test_an_unanswered_feedback_cannot_be_published(world):
    with pytest.raises(InvalidTransition):
        set_publication(feedback=_send(world), by=world.receiver.user, public=True)
