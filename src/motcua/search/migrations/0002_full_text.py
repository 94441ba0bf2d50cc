"""The database's full text (SQLite FTS5 table or PostgreSQL tsvector column) and the index version."""

from django.db import migrations


def create_full_text(apps, schema_editor):
    from motcua.search.backends import create_schema

    create_schema(schema_editor)


def drop_full_text(apps, schema_editor):
    from motcua.search.backends import drop_schema

    drop_schema(schema_editor)


def seed_synonyms(apps, schema_editor):
    # The lexicon (with its fields) is seeded after every migrate (``signals.migrated``).
    apps.get_model("search", "IndexVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(create_full_text, drop_full_text),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
