"""Jobs of the jobs app itself."""

from celery import shared_task


@shared_task(name="motcua.jobs.ping")
def ping(value: str = "pong") -> str:
    """Answers with its argument: ``motcua manage jobs_ping`` checks that a worker is running."""
    return value
