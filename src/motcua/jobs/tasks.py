"""Jobs of the jobs app itself."""

import time

from celery import shared_task


@shared_task(name="motcua.jobs.ping")
def ping(value: str = "pong") -> str:
    """Answers with its argument: ``motcua manage jobs_ping`` checks that a worker is running."""
    return value


@shared_task(name="motcua.jobs.wait")
def wait(seconds: float, value: str = "done") -> str:
    """Works for ``seconds``, then answers: a job long enough to be cut short by a stop, which checks
    that such a job is handed back and done after the restart."""
    time.sleep(seconds)
    return value
