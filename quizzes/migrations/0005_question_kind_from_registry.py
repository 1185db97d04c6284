"""Question.kind offers the registered question types (quizzes.question_types) instead of a
fixed list; the stored codes stay as they were, and nothing changes in the database."""

from django.db import migrations, models

import quizzes.question_types


class Migration(migrations.Migration):

    dependencies = [
        ("quizzes", "0004_remove_quiz_review"),
    ]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="kind",
            field=models.CharField(
                choices=quizzes.question_types.choices, max_length=16, verbose_name="kind"
            ),
        ),
    ]
