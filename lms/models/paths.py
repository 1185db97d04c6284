from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .bilingual import Bilingual
from .courses import CoursePage
from .profiles import LearnerCategory


class LearningPath(ClusterableModel):
    """An ordered set of courses for a role, e.g. "New chair of a primary organisation"."""

    title_ru = models.CharField(_("title in Russian"), max_length=255)
    title_kk = models.CharField(_("title in Kazakh"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(
        _("for learner category"), max_length=32, choices=LearnerCategory.choices
    )

    panels = [
        FieldPanel("title_ru"),
        FieldPanel("title_kk"),
        FieldPanel("category"),
        FieldPanel("description"),
        InlinePanel("steps", label=_("courses, in order"), min_num=1),
    ]

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self):
        return self.title

    title = Bilingual()


class LearningPathStep(Orderable):
    path = ParentalKey(LearningPath, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]
