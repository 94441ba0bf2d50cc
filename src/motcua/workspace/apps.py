from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "motcua.workspace"
    label = "workspace"
    verbose_name = "Xử lý hồ sơ"
