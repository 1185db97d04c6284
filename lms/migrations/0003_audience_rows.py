from django.db import migrations

CATEGORIES = [
    "member", "audit_commission", "activist", "primary_chair", "conciliation_commission",
    "safety_inspector", "legal_inspector", "accountant", "district_chair", "personnel_reserve",
    "young_teacher",
]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("lms", "Audience")
    for category in CATEGORIES:
        Audience.objects.get_or_create(category=category)


class Migration(migrations.Migration):
    dependencies = [("lms", "0002_courses")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
