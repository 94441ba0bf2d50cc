from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from motcua.core.calendar import calendar_changed
        from motcua.core.models import CalendarException

        # A declared day changes the working-day calendar: the cached one is dropped.
        post_save.connect(calendar_changed, sender=CalendarException, dispatch_uid="core-calendar-saved")
        post_delete.connect(calendar_changed, sender=CalendarException, dispatch_uid="core-calendar-deleted")
