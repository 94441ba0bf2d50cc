from django.apps import AppConfig


class IntegrationConfig(AppConfig):
    name = "motcua.integration"
    verbose_name = "Liên thông và thông báo"

    def ready(self) -> None:
        # Providers register themselves when their module is imported.
        from motcua.integration import national_portal, sms  # noqa: F401
