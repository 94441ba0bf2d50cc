from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        # API tokens are revoked on sign-out, password change and deactivation (signal receivers).
        # Unusual sign-ins (new browser, locked out) alert the official and the audit log.
        from motcua.accounts import (
            second_step,  # noqa: F401
            tokens,  # noqa: F401
        )
