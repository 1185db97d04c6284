"""Webinars: pages with a start time, a capacity and a join link, and the members'
registrations with their attendance. The rules are in ``content.services.webinars``."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from lms.models import Audience, Topic
from lms.scope import ScopedQuerySet
from lms.search import stems_of
from lms.slugs import LatinSlugMixin


class WebinarIndexPage(LatinSlugMixin, Page):
    """The list of webinars. Its heading comes from the translation catalogue."""

    subpage_types = ["content.WebinarPage"]
    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("webinar list")


class WebinarPage(LatinSlugMixin, Page):
    speaker = models.CharField(_("speaker"), max_length=200)
    description = RichTextField(
        _("description"), features=["bold", "italic", "ol", "ul", "link"], blank=True
    )
    # Stored in UTC like every datetime here; the admin enters it in the site's zone.
    starts_at = models.DateTimeField(_("starts at"), help_text=_("In Almaty time."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"), default=90,
        validators=[MinValueValidator(5), MaxValueValidator(12 * 60)],
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    join_url = models.URLField(
        _("join link"), max_length=500, blank=True,
        help_text=_(
            "Zoom, BigBlueButton or any other address. Only registered participants see it, "
            "shortly before the start and until the end."
        ),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ru")
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("meant for"), blank=True,
        help_text=_("Learner categories this webinar is meant for."),
    )
    recording = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("recording file"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("After the webinar: an MP4/WebM file. It appears in the library as a video lecture."),
    )
    recording_url = models.URLField(
        _("recording link"), blank=True,
        help_text=_("Or a link to the recording elsewhere."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("speaker"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("duration_minutes"), FieldPanel("capacity"),
             FieldPanel("join_url"), FieldPanel("language")],
            heading=_("When and where"),
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("recording"), FieldPanel("recording_url")], heading=_("Recording")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("speaker"),
        index.SearchField("description"),
        index.SearchField("search_stems"),
        index.FilterField("starts_at"),
        index.FilterField("language"),
    ]
    parent_page_types = ["content.WebinarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    @property
    def has_recording(self):
        return bool(self.recording_id or self.recording_url)

    def plain_description(self):
        return strip_tags(self.description or "")

    def search_stems(self):
        return stems_of(" ".join([self.title, self.speaker, self.plain_description()]))


class RegistrationQuerySet(ScopedQuerySet, models.QuerySet):
    organisation_field = "user__profile__organisation"

    def attended(self):
        """Registrations whose holder attended: they count as trained in reports."""
        return self.filter(attended_at__isnull=False)


class WebinarRegistration(models.Model):
    webinar = models.ForeignKey(
        WebinarPage, verbose_name=_("webinar"), on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    # Set once, by content.services.attendance, which announces it with webinar_attended.
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("webinar registration")
        verbose_name_plural = _("webinar registrations")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="one_registration_per_webinar")
        ]
        indexes = [models.Index(fields=["webinar", "attended_at"])]

    def __str__(self):
        return f"{self.user} → {self.webinar}"
