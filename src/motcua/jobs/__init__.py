"""Background jobs: the Celery application every worker runs (``motcua worker``)."""

from django.db import transaction


def enqueue(task, *args, **kwargs) -> None:
    """Queue ``task`` once the current transaction commits, so the worker sees the rows it needs.

    With MOTCUA_JOBS_EAGER the job runs here and now, inside the caller's transaction.
    """
    from motcua.jobs.celery import app

    if app.conf.task_always_eager:
        task.apply(args=args, kwargs=kwargs, throw=True)
        return
    transaction.on_commit(lambda: task.apply_async(args=args, kwargs=kwargs))
