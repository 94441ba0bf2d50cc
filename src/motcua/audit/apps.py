from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "motcua.audit"
    label = "audit"
    verbose_name = "Nhật ký truy cập"

    def ready(self):
        from motcua.audit import handlers  # noqa: F401  (connects the sign-in and dossier-change signals)
