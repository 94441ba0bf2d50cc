from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = "Báo cáo, chỉ số"
    default_auto_field = "django.db.models.BigAutoField"
