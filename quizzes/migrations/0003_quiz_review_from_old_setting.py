"""Review timing, step 2 of 3: the old single "after submission show" setting becomes the
two moments. Nothing -> nothing at either moment; score only -> marks only at both;
answers with feedback -> the defaults (own answers and marks right after an attempt, all
four at the end). Right answers are never shown while attempts remain, whatever it was."""

from django.db import migrations

FIELDS = (
    "review_open_answers", "review_open_marks", "review_open_feedback",
    "review_final_answers", "review_final_marks", "review_final_right_answers",
    "review_final_feedback",
)
NOTHING = dict.fromkeys(FIELDS, False)
MAPPING = {
    "none": NOTHING,
    "score": {**NOTHING, "review_open_marks": True, "review_final_marks": True},
    "answers": {**dict.fromkeys(FIELDS, True), "review_open_feedback": False},
}


def forwards(apps, schema_editor):
    Quiz = apps.get_model("quizzes", "Quiz")
    for old, fields in MAPPING.items():
        Quiz.objects.filter(review=old).update(**fields)


def backwards(apps, schema_editor):
    Quiz = apps.get_model("quizzes", "Quiz")
    Quiz.objects.update(review="none")
    Quiz.objects.filter(review_final_marks=True).update(review="score")
    Quiz.objects.filter(review_final_right_answers=True).update(review="answers")


class Migration(migrations.Migration):

    dependencies = [
        ("quizzes", "0002_quiz_review_timing"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
