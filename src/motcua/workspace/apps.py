from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "motcua.workspace"
    label = "workspace"
    verbose_name = "Xử lý hồ sơ"

    def ready(self):
        from motcua.workspace import handlers  # noqa: F401  (the steps follow the dossier's history)
