"""A trainer's grade of an essay answer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.models import AttemptQuestion


class EssayGrade(models.Model):
    """The marks (out of ``question_type.MARKS``) and comment a trainer gave one essay
    answer. The credit the attempt counts is on the answer itself (``AttemptQuestion.score``,
    marks / MARKS), as for every kind of question."""

    item = models.OneToOneField(
        AttemptQuestion, verbose_name=_("answer"), on_delete=models.CASCADE,
        related_name="essay_grade",
    )
    marks = models.DecimalField(_("marks"), max_digits=3, decimal_places=1)
    comment = models.TextField(_("comment for the learner"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    graded_at = models.DateTimeField(_("graded at"), default=timezone.now)

    class Meta:
        verbose_name = _("essay grade")
        verbose_name_plural = _("essay grades")
        permissions = [("grade_essay", _("Can grade essays"))]

    def __str__(self):
        return f"{self.item} · {self.marks}"
