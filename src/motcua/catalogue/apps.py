from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "motcua.catalogue"
    label = "catalogue"
    verbose_name = "Danh mục thủ tục hành chính"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from motcua.catalogue.models import Procedure
        from motcua.catalogue.selectors import forget_filing_cache
        from motcua.org.models import Agency

        for model in (Procedure, Agency):
            post_save.connect(
                forget_filing_cache, sender=model, dispatch_uid=f"filing-cache-{model.__name__}"
            )
            post_delete.connect(
                forget_filing_cache, sender=model, dispatch_uid=f"filing-cache-del-{model.__name__}"
            )
        m2m_changed.connect(
            forget_filing_cache, sender=Procedure.agencies.through, dispatch_uid="filing-cache-m2m"
        )
