"""A methodologist previews a page before approving it: previews render without the
learner views' context, for saved drafts and for pages not saved yet."""

import pytest

from content.models import LibraryIndexPage, MaterialPage, WebinarIndexPage, WebinarPage
from tests.content.factories import document, library_page, material, webinar, webinar_list_page

pytestmark = pytest.mark.django_db


def test_every_content_page_renders_a_preview():
    library, webinars = library_page(), webinar_list_page()
    saved_material = material(library, title="Превью материала", document=document("p.pdf"), live=False)
    saved_webinar = webinar(webinars, title="Превью вебинара")
    unsaved_material = MaterialPage(title="Новый материал", summary="…", kind="guide",
                                    document=document("n.pdf"))
    unsaved_webinar = WebinarPage(title="Новый вебинар", speaker="А. Серікова",
                                  starts_at=saved_webinar.starts_at, duration_minutes=60)

    indexes = [LibraryIndexPage(title="Кітапхана"), WebinarIndexPage(title="Вебинарлар"), library, webinars]
    for page in [saved_material, saved_webinar, unsaved_material, unsaved_webinar, *indexes]:
        response = page.make_preview_request()
        assert response.status_code == 200, page
        if page.title.startswith(("Превью", "Новый")):
            assert page.title in response.content.decode()
