"""The audit chain linked off the commit path (audit/chain.py): an entry is written with its own MAC
and no place in the chain (``seq`` NULL) and linked afterwards by the sequencer; the append-only
triggers let through only that link (audit.guard). Entries already in the chain keep their hashes."""

from django.db import migrations, models


def remove_guard(apps, schema_editor):
    from motcua.audit import guard

    guard.remove(schema_editor.connection)


def install_guard(apps, schema_editor):
    from motcua.audit import guard

    guard.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0003_alter_auditentry_action"),
    ]

    operations = [
        # SQLite rebuilds the table to alter it: the triggers go first and come back last.
        migrations.RunPython(remove_guard, install_guard),
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ["-id"],
                "verbose_name": "nhật ký truy cập",
                "verbose_name_plural": "nhật ký truy cập",
            },
        ),
        migrations.AddField(
            model_name="auditentry",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True, verbose_name="số thứ tự"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                condition=models.Q(("seq__isnull", True)), fields=["id"], name="audit_entry_unchained"
            ),
        ),
        migrations.RunPython(install_guard, remove_guard),
    ]
