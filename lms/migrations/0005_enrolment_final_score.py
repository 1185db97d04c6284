"""The grade kept on a completed enrolment, for its certificate: the best score of the
learner's passed attempts at the course's post-test (quizzes), as completion now writes it.
Filled here for the enrolments completed before, in one UPDATE."""

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def fill_final_scores(apps, schema_editor):
    Enrolment = apps.get_model("lms", "Enrolment")
    Attempt = apps.get_model("quizzes", "Attempt")
    best_passed = (
        Attempt.objects.filter(
            quiz__course_id=OuterRef("course_id"), quiz__role="post", user_id=OuterRef("user_id"),
            submitted_at__isnull=False, passed=True,
        )
        .order_by()
        .values("user_id")
        .annotate(best=Max("score"))
        .values("best")[:1]
    )
    Enrolment.objects.filter(completed_at__isnull=False, final_score__isnull=True).update(
        final_score=Subquery(best_passed)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("lms", "0004_login_lockout_and_claimed_category"),
        ("quizzes", "0004_remove_quiz_review"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrolment",
            name="final_score",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="final test score"
            ),
        ),
        migrations.RunPython(fill_final_scores, migrations.RunPython.noop, elidable=True),
    ]
