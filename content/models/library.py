"""The electronic library of methodological materials: an index page and one page per
material, stored like courses (language, level, topics, learner categories)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from lms.models import Audience, Level, Topic
from lms.roles import Role
from lms.search import stems_of
from lms.slugs import LatinSlugMixin

from ..blocks import MaterialBodyBlock


class MaterialKind(models.TextChoices):
    CASE_STUDY = "case_study", _("Case study")
    GUIDE = "guide", _("Methodological guide")
    RECOMMENDATION = "recommendation", _("Recommendation")
    PRESENTATION = "presentation", _("Presentation")
    VIDEO_LECTURE = "video_lecture", _("Video lecture")
    INFOGRAPHIC = "infographic", _("Infographic")
    LEGAL_COMMENTARY = "legal_commentary", _("Legal commentary")


class Access(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members only")
    ROLE = "role", _("One role only")


# Trainers write materials and methodologists review them: they see every one, drafts too.
EDITOR_ROLES = {Role.TRAINER.value, Role.METHODOLOGIST.value}


def roles_of(user):
    """The role group names of ``user``, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_content_roles"):
        user._content_roles = frozenset(user.groups.values_list("name", flat=True))
    return user._content_roles


def is_library_editor(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(roles_of(user) & EDITOR_ROLES)


def visibility_filter(user):
    """A Q object for the materials ``user`` may open."""
    if is_library_editor(user):
        return Q()
    allowed = Q(access=Access.PUBLIC)
    if user.is_authenticated and user.is_active:
        allowed |= Q(access=Access.MEMBERS)
        allowed |= Q(access=Access.ROLE, access_role__in=sorted(roles_of(user)))
    return allowed


def is_visible_to(material, user):
    """The same rule as ``visibility_filter``, for one material already loaded."""
    if material.access == Access.PUBLIC or is_library_editor(user):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    return material.access == Access.MEMBERS or (
        material.access == Access.ROLE and material.access_role in roles_of(user)
    )


class MaterialQuerySet(PageQuerySet):
    def visible_to(self, user):
        return self.filter(visibility_filter(user))

    def for_listing(self):
        """With what a list of materials shows, in a fixed number of queries."""
        return self.select_related("document", "usage").prefetch_related("topics")


class LibraryIndexPage(LatinSlugMixin, Page):
    """The library. Its heading comes from the translation catalogue, not the title.
    A methodologist approves what trainers put here (``lms.moderation``)."""

    subpage_types = ["content.MaterialPage"]
    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("library")


class MaterialPage(LatinSlugMixin, Page):
    kind = models.CharField(_("kind"), max_length=24, choices=MaterialKind.choices)
    summary = models.TextField(_("summary"), max_length=600)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ru")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BASIC)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("meant for"), blank=True,
        help_text=_("Learner categories this material is meant for."),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("file"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("PDF, office document, picture or MP4/WebM video."),
    )
    video_url = models.URLField(_("video link"), blank=True)
    body = StreamField(MaterialBodyBlock(), verbose_name=_("text"), blank=True)
    access = models.CharField(
        _("who may open it"), max_length=16, choices=Access.choices, default=Access.PUBLIC
    )
    access_role = models.CharField(
        pgettext_lazy("the one role that may open a material", "role"), max_length=64,
        choices=Role.choices, blank=True,
        help_text=_("For “one role only”: the role that may open it."),
    )
    webinar = models.OneToOneField(
        "content.WebinarPage", verbose_name=_("recording of the webinar"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="recording_material",
    )

    objects = PageManager.from_queryset(MaterialQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("language"), FieldPanel("level"), FieldPanel("access"), FieldPanel("access_role")],
            heading=_("About the material"),
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("video_url"), FieldPanel("webinar")],
            heading=_("File or video"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_stems"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("level"),
        index.FilterField("access"),
        index.FilterField("access_role"),
    ]
    parent_page_types = ["content.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def clean(self):
        super().clean()
        if self.access == Access.ROLE and not self.access_role:
            raise ValidationError({"access_role": _("Choose the role that may open the material.")})
        if not (self.document_id or self.video_url or len(self.body)):
            raise ValidationError(_("Give the material a file, a video link or a text."))

    def search_stems(self):
        """Russian and Kazakh stems of the title, summary and text, indexed next to them so
        that any inflected form of a word finds the material (``lms.search``)."""
        texts = [self.title, self.summary]
        texts += self.body.stream_block.get_searchable_content(self.body)
        return stems_of(" ".join(texts))


class MaterialUsage(models.Model):
    """How often a material was opened and downloaded. Kept apart from the page so that
    publishing a revision never writes old counts back."""

    page = models.OneToOneField(
        MaterialPage, on_delete=models.CASCADE, primary_key=True, related_name="usage"
    )
    views = models.PositiveIntegerField(_("views"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("material usage")
        verbose_name_plural = _("material usage")

    def __str__(self):
        return f"{self.page_id}: {self.views} / {self.downloads}"
