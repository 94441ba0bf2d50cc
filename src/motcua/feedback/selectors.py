"""Reads of ratings and feedback."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from motcua.core.calendar import LOCAL_TZ, working_calendar
from motcua.core.errors import NotFound
from motcua.feedback.models import Feedback, Rating, RatingScore
from motcua.feedback.questions import QUESTIONS, Question
from motcua.org.selectors import agency_ids_for


def published_feedback() -> QuerySet[Feedback]:
    """Answers the officials made public (never the sender's name or contact)."""
    return (
        Feedback.objects.filter(is_public=True, status=Feedback.Status.ANSWERED)
        .select_related("agency")
        .only("code", "kind", "subject", "content", "answer", "answered_at", "published_at", "agency__name")
        .order_by("-published_at", "-id")
    )


def feedback_by_code(code: str) -> Feedback:
    found = Feedback.objects.select_related("agency").filter(code=(code or "").strip().upper()).first()
    if found is None:
        raise NotFound(code="feedback_not_found", message=_("Không tìm thấy phản ánh, kiến nghị có mã này."))
    return found


def feedback_for_official(user, *, status: str | None = None) -> QuerySet[Feedback]:
    """Feedback addressed to the agencies where the official holds a role, oldest unanswered first."""
    official = getattr(user, "official", None)
    if official is None:
        return Feedback.objects.none()
    queryset = Feedback.objects.filter(agency_id__in=agency_ids_for(official)).select_related("agency")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("status", "created_at")


def rating_of(dossier) -> Rating | None:
    return Rating.objects.filter(dossier=dossier).prefetch_related("scores").first()


@dataclass(frozen=True)
class QuestionSummary:
    question: Question
    average: float | None
    count: int


def rating_summary(*, agency_ids=None) -> list[QuestionSummary]:
    """Average score per question (the satisfaction group of the national index is computed from these)."""
    scores = RatingScore.objects.all()
    if agency_ids is not None:
        scores = scores.filter(rating__agency_id__in=list(agency_ids))
    rows = {
        row["question"]: row for row in scores.values("question").annotate(avg=Avg("score"), n=Count("id"))
    }
    return [
        QuestionSummary(
            q, float(rows[q.code]["avg"]) if q.code in rows else None, rows.get(q.code, {}).get("n", 0)
        )
        for q in QUESTIONS
    ]


def rating_score_totals(*, start, end, agency_ids=None) -> list[dict]:
    """Sums of rating scores for reports, between two local dates (inclusive): one row per agency,
    procedure, local month and question, with ``score_sum`` and ``score_count``."""
    scores = RatingScore.objects.filter(
        rating__created_at__date__gte=start, rating__created_at__date__lte=end
    )
    if agency_ids is not None:
        scores = scores.filter(rating__agency_id__in=list(agency_ids))
    return list(
        scores.annotate(month=TruncMonth("rating__created_at"))
        .values("rating__agency_id", "rating__dossier__procedure_id", "month", "question")
        .annotate(score_sum=Sum("score"), score_count=Count("id"))
        .order_by()
    )


# Feedback is answered on time within this many working days (Decree 20/2008, Art. 11, on handling
# citizens' feedback on administrative regulations: 10 working days for a simple case).
FEEDBACK_ANSWER_WORKING_DAYS = 10


def feedback_timeliness(*, start, end, agency_ids=None) -> list[dict]:
    """Feedback received between two local dates (inclusive), per agency and local month: how many,
    and how many were answered within ``FEEDBACK_ANSWER_WORKING_DAYS`` working days."""
    items = Feedback.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if agency_ids is not None:
        items = items.filter(agency_id__in=list(agency_ids))
    calendar = working_calendar()
    rows: dict[tuple, dict] = {}
    for agency_id, created_at, answered_at in items.values_list("agency_id", "created_at", "answered_at"):
        created = created_at.astimezone(LOCAL_TZ).date()
        row = rows.setdefault(
            (agency_id, created.replace(day=1)),
            {"agency_id": agency_id, "month": created.replace(day=1), "feedback": 0, "feedback_on_time": 0},
        )
        row["feedback"] += 1
        if answered_at is not None:
            answered = answered_at.astimezone(LOCAL_TZ).date()
            if calendar.working_days_between(created, answered) <= FEEDBACK_ANSWER_WORKING_DAYS:
                row["feedback_on_time"] += 1
    return list(rows.values())
