# A unit's overdue dossiers per procedure read from the index alone (the procedure held in it).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_pending_figures"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="opendossier",
            name="reports_ope_agency__5336f0_idx",
        ),
        migrations.AddIndex(
            model_name="opendossier",
            index=models.Index(
                fields=["agency", "due_at"], include=("procedure",), name="open_dossier_agency_due"
            ),
        ),
    ]
