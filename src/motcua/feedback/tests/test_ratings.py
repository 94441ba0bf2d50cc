"""Satisfaction ratings: after the result is returned, once per dossier, every question answered 1–5."""

import pytest

from motcua.core.errors import Conflict, Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers.states import Status
from motcua.feedback.models import Rating
from motcua.feedback.questions import QUESTION_CODES
from motcua.feedback.selectors import rating_summary
from motcua.feedback.services import rate_dossier
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db

ALL_FIVES = dict.fromkeys(QUESTION_CODES, 5)


def test_a_returned_dossier_is_rated_once_and_counts_for_its_agency(world):
    dossier = dossier_in(world, Status.RETURNED)
    rating = rate_dossier(dossier=dossier, scores=ALL_FIVES, comment="Cán bộ nhiệt tình", channel="qr")
    assert rating.agency == world.justice
    assert sorted(rating.scores.values_list("question", flat=True)) == sorted(QUESTION_CODES)
    with pytest.raises(Conflict, match="đã được đánh giá"):
        rate_dossier(dossier=dossier, scores=ALL_FIVES, channel="qr")
    assert Rating.objects.count() == 1


def test_a_dossier_still_being_processed_cannot_be_rated(world):
    with pytest.raises(InvalidTransition, match="đã trả kết quả"):
        rate_dossier(dossier=dossier_in(world, Status.PROCESSING), scores=ALL_FIVES, channel="qr")


def test_every_question_needs_a_score_between_one_and_five(world):
    dossier = dossier_in(world, Status.RETURNED)
    scores = {**ALL_FIVES, "timeliness": 6}
    scores.pop("attitude")
    with pytest.raises(ValidationFailed) as refused:
        rate_dossier(dossier=dossier, scores=scores, channel="qr")
    assert set(refused.value.fields) == {"timeliness", "attitude"}
    assert not Rating.objects.exists()


def test_on_the_portal_only_the_applicant_rates(world):
    dossier = dossier_in(world, Status.RETURNED)
    with pytest.raises(Forbidden):
        rate_dossier(dossier=dossier, scores=ALL_FIVES, channel="portal", by=world.other_citizen)
    rate_dossier(dossier=dossier, scores=ALL_FIVES, channel="portal", by=world.citizen)


def test_the_summary_averages_each_question(world):
    for score in (5, 3):
        dossier = dossier_in(world, Status.RETURNED)
        rate_dossier(dossier=dossier, scores=dict.fromkeys(QUESTION_CODES, score), channel="qr")
    summary = {row.question.code: row for row in rating_summary(agency_ids=[world.justice.pk])}
    assert summary["overall"].average == 4.0 and summary["overall"].count == 2
    assert rating_summary(agency_ids=[world.construction.pk])[0].count == 0
