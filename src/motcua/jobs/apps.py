from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "motcua.jobs"
    verbose_name = "Công việc nền"

    def ready(self) -> None:
        # Creating the application here makes it the current one, so every ``shared_task``
        # in the apps' ``tasks.py`` modules binds to it.
        from motcua.jobs.celery import app  # noqa: F401
