from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        # API tokens are revoked on sign-out, password change and deactivation (signal receivers).
        from motcua.accounts import tokens  # noqa: F401
