"""Background jobs of the results: rendering drafts from Word templates."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone


@shared_task(name="motcua.signing.render_result")
def render_result(document_id: int, extra: dict | None = None) -> str:
    """Render one draft (queued by ``services.prepare_result``); a second delivery changes nothing."""
    from motcua.signing import services
    from motcua.signing.models import ResultDocument

    document = ResultDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return services.render_draft(document, extra=extra).state


@shared_task(name="motcua.signing.resume_renderings")
def resume_renderings(older_than_minutes: int = 10) -> int:
    """Queue again the drafts still waiting after a while (a worker died with the job in hand)."""
    from motcua.jobs import enqueue
    from motcua.signing.models import ResultDocument

    stale = ResultDocument.objects.filter(
        state=ResultDocument.State.RENDERING,
        created_at__lt=timezone.now() - timedelta(minutes=older_than_minutes),
    ).values_list("pk", flat=True)
    for pk in stale:
        enqueue(render_result, pk)
    return len(stale)
