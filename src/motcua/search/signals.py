"""Keep the index up to date: admin edits (model signals), imports (the catalogue's
``procedures_imported``), and ``migrate`` (indexes a catalogue not yet indexed)."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def _reindex(ids) -> None:
    """In the same transaction as the change: both are kept or both undone."""
    from motcua.search.services import index_procedures

    ids = [pk for pk in ids if pk]
    if ids:
        index_procedures(ids)


def procedure_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex([instance.pk])


def child_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex([instance.procedure_id])


def links_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    """Levels or agencies of procedures changed, from either side of the link."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _reindex([instance.pk])
    elif pk_set:
        _reindex(list(pk_set))


def imported(sender, procedure_ids, **kwargs):
    from motcua.search.services import index_procedures

    index_procedures(procedure_ids)  # inside the import's transaction: all or nothing


def synonyms_changed(sender, **kwargs):
    from motcua.search.services import bump_version

    bump_version()


def migrated(sender, using="default", **kwargs):
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    from motcua.search.services import ensure_index, seed_synonyms

    connection = connections[using]
    loader = MigrationLoader(connection)
    if not set(loader.graph.leaf_nodes("search")) <= set(loader.applied_migrations):
        return  # migrated backwards or part of the way: the tables are not what the code reads
    ensure_index()
    seed_synonyms()


def connect() -> None:
    from django.apps import apps

    from motcua.catalogue.models import DocumentComponent, Procedure
    from motcua.catalogue.signals import procedures_imported
    from motcua.search.models import Synonym

    post_save.connect(procedure_saved, sender=Procedure, dispatch_uid="search-procedure")
    for model in (DocumentComponent,):
        post_save.connect(child_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(child_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}")
    for through in (Procedure.levels.through, Procedure.agencies.through):
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=f"search-{through.__name__}")
    procedures_imported.connect(imported, dispatch_uid="search-imported")
    post_save.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-synonym")
    post_delete.connect(synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-del")
    post_migrate.connect(migrated, sender=apps.get_app_config("search"), dispatch_uid="search-migrated")
