"""The open work: the dossiers in progress toward an appointment and their counts per agency ×
appointment day and month (``reports.open_work``), filled from the dossiers as they are."""

import django.db.models.deletion
from django.db import migrations, models

OPEN_STATUSES = ["awaiting_payment", "processing", "received", "submitted", "supplement_requested"]


def fill(apps, schema_editor):
    """The dossiers in progress now and their counts per appointment day and month (as
    ``reports.open_work.computed``; the statuses as ``dossiers.states.OPEN_STATUSES`` on writing)."""
    from collections import Counter
    from zoneinfo import ZoneInfo

    local = ZoneInfo("Asia/Ho_Chi_Minh")
    Dossier = apps.get_model("dossiers", "Dossier")
    OpenDossier = apps.get_model("reports", "OpenDossier")
    OpenDueFigures = apps.get_model("reports", "OpenDueFigures")
    counts = Counter()
    rows = []
    found = Dossier.objects.filter(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__isnull=False)
    for pk, agency, procedure, due_at in found.values_list(
        "pk", "competent_agency_id", "procedure_id", "due_at"
    ).iterator(chunk_size=5000):
        rows.append(OpenDossier(dossier_id=pk, agency_id=agency, procedure_id=procedure, due_at=due_at))
        day = due_at.astimezone(local).date()
        counts[("day", day, agency)] += 1
        counts[("month", day.replace(day=1), agency)] += 1
    OpenDossier.objects.bulk_create(rows, batch_size=2000)
    OpenDueFigures.objects.bulk_create(
        (OpenDueFigures(grain=g, period=p, agency_id=a, open=n) for (g, p, a), n in counts.items()),
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0002_levels'),
        ('dossiers', '0005_counter_newest_index'),
        ('org', '0002_reception_details_and_field_names'),
        ('reports', '0003_agency_monthly_figures'),
    ]

    operations = [
        migrations.CreateModel(
            name='OpenDossier',
            fields=[
                ('dossier', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='dossiers.dossier')),
                ('due_at', models.DateTimeField(verbose_name='ngày hẹn trả')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.agency')),
                ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.procedure')),
            ],
            options={
                'verbose_name': 'hồ sơ đang giải quyết có ngày hẹn',
                'verbose_name_plural': 'hồ sơ đang giải quyết có ngày hẹn',
                'indexes': [models.Index(fields=['agency', 'due_at'], name='reports_ope_agency__5336f0_idx'), models.Index(fields=['due_at'], name='reports_ope_due_at_f38784_idx')],
            },
        ),
        migrations.CreateModel(
            name='OpenDueFigures',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('grain', models.CharField(choices=[('day', 'ngày'), ('month', 'tháng')], max_length=5)),
                ('period', models.DateField(verbose_name='ngày hẹn trả (ngày hoặc tháng)')),
                ('open', models.IntegerField(default=0)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.agency')),
            ],
            options={
                'verbose_name': 'số hồ sơ đang giải quyết theo ngày hẹn',
                'verbose_name_plural': 'số hồ sơ đang giải quyết theo ngày hẹn',
                'constraints': [models.UniqueConstraint(fields=('grain', 'period', 'agency'), name='open_due_figures_unique')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
