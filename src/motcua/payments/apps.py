from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = "Phí, lệ phí"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Gateways register themselves in the registry when their module is imported.
        from motcua.payments.gateways import vnpay  # noqa: F401
