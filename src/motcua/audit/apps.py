from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "motcua.audit"
    label = "audit"
    verbose_name = "Nhật ký truy cập"

    def ready(self):
        # The sign-in and dossier-change signals, and the SQLite function the append-only triggers ask.
        from motcua.audit import guard, handlers  # noqa: F401
