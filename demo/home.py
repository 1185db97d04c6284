"""The site's home page, which the demo pages hang under."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from content.models import HomePage
from lms.roles import ensure_role_groups

from . import loaders


def ensure_home_page():
    """The site's home page. Migrations make it; this remakes it (with Wagtail's root page
    and locale) where it was removed, as a test's database flush does."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    locale = Locale.get_default() if Locale.objects.exists() else Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="Union Academy", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Union Academy")
    ensure_role_groups()  # page permissions hang on the home page
    return home


def set_up_home_page():
    """The home page with the demo introduction (demo/data/home.json), published."""
    home = ensure_home_page()
    intro = loaders.home_intro()
    if all(getattr(home, field) == text for field, text in intro.items()):
        return
    for field, text in intro.items():
        setattr(home, field, text)
    home.save_revision().publish()
