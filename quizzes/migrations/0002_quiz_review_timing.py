"""Review timing, step 1 of 3: when a test closes, and what its result pages show right
after an attempt and at the end (0003 carries the old single setting over, 0004 drops it).
Schema and data changes are kept in separate migrations, as PostgreSQL wants."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('quizzes', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='quiz',
            name='closes_at',
            field=models.DateTimeField(blank=True, help_text='After this moment no attempt can be started and an attempt in progress ends; result pages then show what is set for the final review. Leave empty to keep the test open.', null=True, verbose_name='test closes at'),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_final_answers',
            field=models.BooleanField(default=True, verbose_name="the learner's own answers"),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_final_feedback',
            field=models.BooleanField(default=True, verbose_name='feedback'),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_final_marks',
            field=models.BooleanField(default=True, verbose_name='marks: the score, the mark of each question, passed or not'),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_final_right_answers',
            field=models.BooleanField(default=True, verbose_name='right answers'),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_open_answers',
            field=models.BooleanField(default=True, verbose_name="the learner's own answers"),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_open_feedback',
            field=models.BooleanField(default=False, verbose_name='feedback'),
        ),
        migrations.AddField(
            model_name='quiz',
            name='review_open_marks',
            field=models.BooleanField(default=True, verbose_name='marks: the score, the mark of each question, passed or not'),
        ),
    ]
