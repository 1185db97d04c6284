"""Review timing, step 3 of 3: the old single setting is gone (carried over by 0003)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("quizzes", "0003_quiz_review_from_old_setting"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="quiz",
            name="review",
        ),
    ]
