"""Who may fetch a document at its address (``/documents/<id>/<name>``): only those whom what
uses it lets in (``content.services.documents``), and nobody through the raw media folder.

What "may open the lesson" means, read from ``lms/views/learning.py`` (``lesson_page``): the
lesson is live and the visitor is signed in and enrolled in its course. Anyone else is sent to
sign in (anonymous) or back to the course page (signed in, not enrolled), so a signed-in member
who is not enrolled may not open a lesson, and may not have its files either. Editors (trainers,
methodologists: they may edit the page and choose the file in the admin) and superusers may.
"""

import importlib
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, resolve, reverse
from django.views.static import serve
from wagtail.models import ReferenceIndex

import lms.urls
from content import services
from content.models import Access, HomePage
from lms import services as lms_services
from lms.models import LearnerCategory
from lms.roles import Role
from tests.content.factories import (
    PDF_BYTES,
    document,
    library_page,
    material,
    webinar,
    webinar_list_page,
    with_role,
)
from tests.lms.factories import UnionTree, UserFactory, administrator, catalogue_page, course, member

pytestmark = pytest.mark.django_db

VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
ROLES = ("anonymous", "learner", "other_member", "trainer", "methodologist", "admin_a", "superuser")
EDITORS = {"trainer", "methodologist", "superuser"}


@pytest.fixture
def tree(db):
    return UnionTree.build()


@pytest.fixture
def people(tree):
    return {
        "learner": member(tree.school_a, category=LearnerCategory.ACTIVIST),
        "other_member": member(tree.school_a2),
        "trainer": with_role(Role.TRAINER),
        "methodologist": with_role(Role.METHODOLOGIST),
        "admin_a": administrator(tree.region_a),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


@pytest.fixture
def clients(people):
    clients = {"anonymous": Client()}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


@pytest.fixture
def taught(people):
    """A live course with one lesson, and the learner enrolled in it."""
    taught = course(catalogue_page(), modules=1, lessons=1)
    lms_services.enrol(people["learner"], taught)
    return taught


def lesson_of(taught):
    return taught.lessons().get().specific


def documents_block(*docs):
    return {"type": "documents", "value": {"title": "Материалы", "documents": [d.pk for d in docs]}}


def video_block(doc):
    return {"type": "video", "value": {"title": "Лекция", "file": doc.pk, "url": "", "description": ""}}


def linked_in_text(doc):
    return {"type": "text", "value": f'<p>Прочитайте <a linktype="document" id="{doc.pk}">памятку</a>.</p>'}


def place(lesson, *blocks, publish=True):
    """Give the lesson a new body the way the editor does: a revision, published or not."""
    lesson.body = json.dumps([{"type": "text", "value": "<p>Текст урока</p>"}, *blocks])
    revision = lesson.save_revision()
    if publish:
        revision.publish()
    return lesson


def outcome(response):
    """"served", "sign in" (sent to the login page) or "refused" (404, told nothing)."""
    if response.status_code == 200:
        assert b"".join(response.streaming_content)
        return "served"
    if response.status_code == 302 and response.url.startswith(reverse("account_login")):
        return "sign in"
    assert response.status_code == 404, response.status_code
    return "refused"


def outcomes(clients, doc):
    return {role: outcome(clients[role].get(doc.url)) for role in ROLES}


def expected(served, sign_in=False):
    """Every role's outcome when ``served`` get the file; the rest are refused, and an
    anonymous visitor is sent to sign in when ``sign_in``."""
    result = {role: "served" if role in served else "refused" for role in ROLES}
    if sign_in and "anonymous" not in served:
        result["anonymous"] = "sign in"
    return result


# --- Documents in a lesson's body --------------------------------------------------------------


@pytest.mark.parametrize("how", ["documents", "video", "text link"])
def test_a_lesson_document_is_served_only_to_the_course_learners_and_editors(clients, taught, how):
    doc = document("задание.mp4", VIDEO) if how == "video" else document("задание.pdf")
    block = {"documents": documents_block, "video": video_block, "text link": linked_in_text}[how](doc)
    place(lesson_of(taught), block)

    assert outcomes(clients, doc) == expected({"learner"} | EDITORS, sign_in=True)


def test_a_member_who_may_not_open_the_lesson_may_not_have_its_file(clients, people, taught):
    lesson = lesson_of(taught)
    doc = document("задание.pdf")
    place(lesson, documents_block(doc))

    # The lesson view does not let them in either: enrol first, says the course page.
    assert clients["other_member"].get(lesson.url).url == taught.url
    assert clients["learner"].get(lesson.url).status_code == 200
    assert outcome(clients["other_member"].get(doc.url)) == "refused"
    lms_services.enrol(people["other_member"], taught)
    assert outcome(clients["other_member"].get(doc.url)) == "served"


def test_a_file_of_a_lesson_of_another_course_is_refused_to_a_learner(clients, taught):
    other_course = course(taught.get_parent().specific, modules=1, lessons=1)
    doc = document("чужой.pdf")
    place(lesson_of(other_course), documents_block(doc))

    assert outcome(clients["learner"].get(doc.url)) == "refused"


def test_an_unpublished_lesson_gives_its_file_to_editors_only(clients, taught):
    lesson = lesson_of(taught)
    doc = document("задание.pdf")
    place(lesson, documents_block(doc))
    lesson.unpublish()

    assert outcomes(clients, doc) == expected(EDITORS)


def test_a_file_only_in_a_lessons_unpublished_draft_is_for_editors_only(clients, taught):
    doc = document("черновик.pdf")
    place(lesson_of(taught), documents_block(doc), publish=False)

    assert outcomes(clients, doc) == expected(EDITORS)


def test_a_file_taken_out_of_the_lesson_is_no_longer_the_learners(clients, taught):
    lesson = lesson_of(taught)
    doc = document("устаревший.pdf")
    place(lesson, documents_block(doc))
    assert outcome(clients["learner"].get(doc.url)) == "served"

    place(lesson)

    assert outcomes(clients, doc) == expected(EDITORS)


def test_the_reference_index_records_each_way_a_lesson_uses_a_document(taught):
    files = document("список.pdf"), document("видео.mp4", VIDEO), document("ссылка.pdf")
    blocks = documents_block(files[0]), video_block(files[1]), linked_in_text(files[2])
    lesson = place(lesson_of(taught), *blocks)

    for doc in files:
        assert [ref.object_id for ref in ReferenceIndex.get_references_to(doc)] == [str(lesson.pk)]


def test_issuing_a_certificate_leaves_the_lessons_files_to_its_learner(
    clients, people, taught, django_capture_on_commit_callbacks
):
    """Certificates are kept out of the reference index; documents are not."""
    lesson = lesson_of(taught)
    doc = document("итог.pdf")
    place(lesson, documents_block(doc))
    enrolment = taught.enrolments.get(user=people["learner"])

    with django_capture_on_commit_callbacks(execute=True):
        lms_services.complete_lesson(enrolment, lesson)

    assert enrolment.certificates.exists()
    assert ReferenceIndex.get_references_to(doc).count() == 1
    assert outcome(clients["learner"].get(doc.url)) == "served"


# --- Documents used nowhere, or in several places -------------------------------------------


def test_a_document_used_nowhere_is_for_editors_only(clients):
    orphan = document("сирота.pdf")

    assert outcomes(clients, orphan) == expected(EDITORS)


def test_a_document_used_in_several_places_is_served_to_anyone_one_of_them_lets_in(clients, taught):
    doc = document("общий.pdf")
    place(lesson_of(taught), documents_block(doc))
    material(library_page(), access=Access.MEMBERS, document=doc)

    assert outcomes(clients, doc) == expected(set(ROLES) - {"anonymous"}, sign_in=True)


def test_a_document_linked_from_the_public_home_page_is_public(clients, taught):
    doc = document("устав.pdf")
    place(lesson_of(taught), documents_block(doc))
    home = HomePage.objects.get()
    home.intro_ru = f'<p><a linktype="document" id="{doc.pk}">Устав</a></p>'
    home.save_revision().publish()

    assert outcomes(clients, doc) == expected(set(ROLES))


# --- Library materials and webinar recordings keep their rules -------------------------------


def test_library_files_keep_the_materials_rules(clients):
    library = library_page()
    files = {access: document(f"{access}.pdf") for access in ("public", "members", "trainers", "draft")}
    material(library, document=files["public"])
    material(library, access=Access.MEMBERS, document=files["members"])
    material(library, access=Access.ROLE, access_role=Role.TRAINER, document=files["trainers"])
    material(library, access=Access.MEMBERS, document=files["draft"]).unpublish()

    assert outcomes(clients, files["public"]) == expected(set(ROLES))
    assert outcomes(clients, files["members"]) == expected(set(ROLES) - {"anonymous"}, sign_in=True)
    assert outcomes(clients, files["trainers"]) == expected(EDITORS, sign_in=True)
    assert outcomes(clients, files["draft"]) == expected(EDITORS)


def test_a_file_linked_from_a_materials_text_obeys_the_material(clients):
    doc = document("приложение.pdf")
    page = material(library_page(), access=Access.ROLE, access_role=Role.METHODOLOGIST, text="x")
    page.body = json.dumps([linked_in_text(doc)])
    page.save_revision().publish()

    assert outcomes(clients, doc) == expected(EDITORS, sign_in=True)


def test_a_webinar_recording_is_for_signed_in_members(clients):
    video = document("запись.mp4", VIDEO)
    past = webinar(webinar_list_page())
    past.recording = video
    past.save_revision().publish()

    assert outcomes(clients, video) == expected(set(ROLES) - {"anonymous"}, sign_in=True)


# --- The rule's cost ----------------------------------------------------------------------------


def queries_to_decide(user, doc):
    """How many queries deciding whether ``user`` may have ``doc`` takes, from a fresh start
    (the user's groups and permissions not yet read)."""
    user, doc = type(user).objects.get(pk=user.pk), type(doc).objects.get(pk=doc.pk)
    with CaptureQueriesContext(connection) as queries:
        services.may_download(user, doc)
    return len(queries)


def test_a_download_costs_the_same_queries_however_many_pages_use_the_file(people, taught):
    doc = document("везде.pdf")
    catalogue, library = taught.get_parent().specific, library_page()
    place(lesson_of(taught), documents_block(doc))
    material(library, access=Access.ROLE, access_role=Role.METHODOLOGIST, document=doc)
    services.may_download(people["learner"], doc)  # content types are read once per process
    deciding = ("learner", "trainer", "other_member")
    before = {role: queries_to_decide(people[role], doc) for role in deciding}

    for _ in range(4):
        place(lesson_of(course(catalogue, modules=1, lessons=1)), documents_block(doc))
        material(library, access=Access.ROLE, access_role=Role.METHODOLOGIST, document=doc)

    assert {role: queries_to_decide(people[role], doc) for role in deciding} == before
    assert before == {"learner": 3, "trainer": 2, "other_member": 6}


# --- The raw media folder ------------------------------------------------------------------------


@pytest.fixture
def debug_urls(settings):
    """The URLs with DEBUG=True (``DEBUG=true make run``), for this test only."""
    settings.DEBUG = True
    importlib.reload(lms.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(lms.urls)
    clear_url_caches()


def test_the_raw_media_path_of_a_document_is_not_served_even_with_debug(client, settings, debug_urls):
    doc = document("raw.pdf")
    raw = settings.MEDIA_URL + doc.file.name
    assert doc.file.name.startswith("documents/") and doc.file.storage.exists(doc.file.name)

    # The plain path, and ways around a guard of the "documents/" prefix (curl --path-as-is).
    detours = [raw] + [raw.replace("/documents/", f"/{way}documents/") for way in ("/", "./", "images/../")]
    served = {path: client.get(path).status_code for path in detours}
    assert {path: status for path, status in served.items() if status not in (400, 404)} == {}
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(raw).status_code == 404
    assert b"".join(client.get(doc.url).streaming_content) == PDF_BYTES


def test_images_are_still_served_from_media_with_debug(settings, debug_urls):
    for name in ("images/photo.max-800x600.jpg", "original_images/photo.jpg"):
        assert resolve(settings.MEDIA_URL + name).func is serve
    assert resolve(settings.MEDIA_URL + "documents/raw.pdf").func is not serve  # a page address: 404
