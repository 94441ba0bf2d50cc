from django.db import migrations

LEVELS = [
    ("central", "Cấp Trung ương (bộ, ngành)", 1),
    ("province", "Cấp tỉnh", 2),
    ("district", "Cấp huyện (trước 7/2025)", 3),
    ("commune", "Cấp xã", 4),
]


def create_levels(apps, schema_editor):
    Level = apps.get_model("catalogue", "Level")
    for code, name, order in LEVELS:
        Level.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
