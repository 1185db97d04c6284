from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.slugs import LatinSlugMixin

# The site's name, translated where it is shown (settings.WAGTAIL_SITE_NAME, templates).
SITE_NAME = "Union Academy"


class HomePage(LatinSlugMixin, Page):
    """The front page. The union's name comes from the translation catalogue; the welcome
    text is written by editors once per language."""

    intro_kk = RichTextField(_("welcome text in Kazakh"), blank=True)
    intro_ru = RichTextField(_("welcome text in Russian"), blank=True)
    intro_en = RichTextField(_("welcome text in English"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("intro_kk"), FieldPanel("intro_ru"), FieldPanel("intro_en")],
            heading=_("Welcome text"),
        ),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_admin_display_title(self):
        """The site's name in the admin reader's language, while the title is the name."""
        if self.draft_title == SITE_NAME:
            return gettext(SITE_NAME)
        return super().get_admin_display_title()

    @property
    def intro(self):
        """The welcome text in the active language, Russian where that one is empty."""
        return getattr(self, f"intro_{get_language()}", "") or self.intro_ru
