from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
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

    @property
    def intro(self):
        """The welcome text in the active language, Russian where that one is empty."""
        return getattr(self, f"intro_{get_language()}", "") or self.intro_ru
