"""Background jobs of the reports app (thin: each calls a service)."""

from celery import shared_task

from motcua.reports import aggregates


@shared_task(name="motcua.reports.fold")
def fold() -> int:
    """Add the events' pending contributions to the figures (every ``REPORTS_FOLD_SECONDS``)."""
    return aggregates.fold()
