"""API tokens moved to django-rest-knox (hashed, expiring): the old table kept every token in plain
text, so it is dropped, not migrated. API clients sign in again once (README, "API tokens")."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
