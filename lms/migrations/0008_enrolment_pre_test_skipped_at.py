from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0007_video_captions"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="pre_test_skipped_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="skipped the pre-test"),
        ),
    ]
