import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Revision

from content.models import Access, MaterialKind, MaterialPage, WebinarPage, WebinarRegistration
from demo.library import build_demo_library
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "materials": MaterialPage.objects.count(),
        "webinars": WebinarPage.objects.count(),
        "registrations": WebinarRegistration.objects.count(),
        "attended": WebinarRegistration.objects.attended().count(),
        "documents": get_document_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_demo_library_and_webinars_are_built_once(django_capture_on_commit_callbacks):
    seed_demo()
    with django_capture_on_commit_callbacks(execute=True):
        first_counts = build_demo_library()
    first = snapshot()

    assert build_demo_library() == first_counts
    assert snapshot() == first


def test_demo_has_materials_of_many_kinds_in_both_languages_and_the_webinars(client):
    seed_demo()
    build_demo_library()
    materials = MaterialPage.objects.live()
    now = timezone.now()

    assert materials.count() >= 10
    assert set(materials.values_list("language", flat=True)) == {"ru", "kk"}
    assert set(materials.values_list("kind", flat=True)) == set(MaterialKind.values)
    assert materials.filter(access=Access.MEMBERS).exists() and materials.filter(access=Access.ROLE).exists()
    assert WebinarPage.objects.filter(starts_at__gt=now).count() == 2
    (past,) = WebinarPage.objects.filter(starts_at__lt=now)
    assert past.has_recording and MaterialPage.objects.filter(webinar=past, live=True).exists()
    assert WebinarRegistration.objects.filter(webinar=past).attended().count() == 2
    for url in ["/materials/", "/events/", "/search/?q=мұғалімге"]:
        assert client.get(url, follow=True).status_code == 200
    for page in [*materials, *WebinarPage.objects.live()]:
        assert client.get(page.url, follow=True).status_code == 200, page.url
