from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "motcua.workspace"
    label = "workspace"
    verbose_name = "Xử lý hồ sơ"

    def ready(self):
        from motcua.dossiers.selectors import extend_reach
        from motcua.workspace.selectors import consulted_dossier_ids, stepped_dossier_ids

        # Officials see the dossiers with a step at their agencies, and those their agencies are consulted on.
        extend_reach(stepped_dossier_ids)
        extend_reach(consulted_dossier_ids)
