# The national land database as a source of verified e-form data (issue 15).

from django.db import migrations, models

CHOICES = [
    ("population", "Cơ sở dữ liệu quốc gia về dân cư"),
    ("national_identity", "Định danh điện tử"),
    ("business_registry", "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp"),
    ("land", "Cơ sở dữ liệu quốc gia về đất đai"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_passkey_securitynotice_business_registry"),
    ]

    operations = [
        migrations.AlterField(
            model_name="datafetch",
            name="source",
            field=models.CharField(choices=CHOICES, max_length=20, verbose_name="nguồn"),
        ),
        migrations.AlterField(
            model_name="verifiedformdata",
            name="source",
            field=models.CharField(choices=CHOICES, max_length=20, verbose_name="nguồn"),
        ),
    ]
