"""Who may fetch a document through its address (Wagtail's serve view, ``/documents/…``).

A document is served under the rule of what uses it, and to nobody else. What uses it is read
from Wagtail's reference index, which records every foreign key, chooser block and rich-text
link of every page when the page is saved or published:

- a library material (its file, or a link in its text): the material's access rule;
- a webinar's recording: signed-in members, while the webinar is live;
- a lesson (a video, a "documents to download" block or a link in its text): the learners
  the lesson page lets in, that is signed-in members enrolled in the lesson's course;
- the home page, the catalogue, a course or module page, the library and webinar lists: anyone;
- any other page type, a draft (unpublished) page, a snippet: nobody but editors.

Used in several places, a document is served to anyone whom one of them lets in. Editors — those
who may change or choose the document in the admin (its collection's permissions), or edit a
page that uses it, and superusers — always get it. A document used nowhere is theirs alone.
Wagtail's own collection privacy still applies on top (its hook runs after ours).

The rule costs a bounded number of queries whatever the number of uses: one for the uses, one
for the learner's enrolments when lessons use the file, one for the user's groups when a
material needs them, and at most three for the editor checks of a signed-in user refused so far.
"""

import enum
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from lms.models import CourseIndexPage, CoursePage, Enrolment, LessonPage, ModulePage

from ..models import HomePage, LibraryIndexPage, MaterialPage, WebinarIndexPage, WebinarPage
from ..models.library import is_visible_to

# Pages anyone may open when they are live: a document they use is public.
PUBLIC_PAGES = (HomePage, CourseIndexPage, CoursePage, ModulePage, LibraryIndexPage, WebinarIndexPage)


class Verdict(enum.Enum):
    SERVE = "serve"
    SIGN_IN = "sign_in"  # not for an anonymous visitor, but a signed-in member may be let in
    REFUSE = "refuse"


def _signed_in(user):
    return user.is_authenticated and user.is_active


def _uses(document):
    """The pages that use ``document`` (live or not), in one query: their type, state, place
    in the tree and what their rules need (a material's access, a webinar's recording)."""
    referencing = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return list(
        Page.objects.filter(pk__in=referencing).values(
            "pk", "content_type_id", "live", "path", "depth", "owner_id",
            "materialpage__access", "materialpage__access_role", "webinarpage__recording_id",
        )
    )


def _model_of(use):
    return ContentType.objects.get_for_id(use["content_type_id"]).model_class()


def _course_paths(lessons):
    """The tree paths of every ancestor of ``lessons``; their course is among them."""
    return {
        use["path"][:end]
        for use in lessons
        for end in range(Page.steplen, len(use["path"]), Page.steplen)
    }


def _is_enrolled(user, lessons):
    return Enrolment.objects.filter(user=user, course__path__in=_course_paths(lessons)).exists()


def _may_edit_a_page(user, uses):
    policy = PagePermissionPolicy()
    return any(
        policy.user_has_any_permission_for_instance(
            user, {"change", "publish"},
            Page(pk=use["pk"], path=use["path"], depth=use["depth"], owner_id=use["owner_id"]),
        )
        for use in uses
    )


def _is_document_editor(user, document):
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, {"change", "choose"}, document)


def download_verdict(user, document):
    """Serve ``document`` to ``user``, send them to sign in first, or refuse (see the module's
    description for the rule)."""
    if _signed_in(user) and user.is_superuser:
        return Verdict.SERVE
    uses = _uses(document)
    live = [(use, _model_of(use)) for use in uses if use["live"]]
    signed_in = _signed_in(user)
    lessons, members_may = [], False
    for use, model in live:
        if issubclass(model, PUBLIC_PAGES):
            return Verdict.SERVE
        if issubclass(model, MaterialPage):
            material = SimpleNamespace(
                access=use["materialpage__access"], access_role=use["materialpage__access_role"]
            )
            if is_visible_to(material, user):
                return Verdict.SERVE
            members_may = True  # members-only or one role's: someone signed in may open it
        elif issubclass(model, WebinarPage):
            if use["webinarpage__recording_id"] != document.pk or signed_in:
                return Verdict.SERVE  # a link in the public description, or the recording
            members_may = True
        elif issubclass(model, LessonPage):
            lessons.append(use)
    if not signed_in:
        return Verdict.SIGN_IN if members_may or lessons else Verdict.REFUSE
    if lessons and _is_enrolled(user, lessons):
        return Verdict.SERVE
    if _may_edit_a_page(user, uses) or _is_document_editor(user, document):
        return Verdict.SERVE
    return Verdict.REFUSE


def may_download(user, document):
    """May ``user`` fetch ``document`` through its URL?"""
    return download_verdict(user, document) is Verdict.SERVE

