"""Background jobs of the results: rendering drafts from Word templates."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from motcua.jobs import enqueue
from motcua.signing.models import ResultDocument
from motcua.signing.services import render_result  # defined beside the service that queues it


@shared_task(name="motcua.signing.resume_renderings")
def resume_renderings(older_than_minutes: int = 10) -> int:
    """Queue again the drafts still waiting after a while (a worker died with the job in hand)."""

    stale = ResultDocument.objects.filter(
        state=ResultDocument.State.RENDERING,
        created_at__lt=timezone.now() - timedelta(minutes=older_than_minutes),
    ).values_list("pk", flat=True)
    for pk in stale:
        enqueue(render_result, pk)
    return len(stale)
