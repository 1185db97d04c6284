"""Who may open what: for every role and every object-bearing address, the exact set of
roles that gets it. Objects are addressed by guessable ids (attempts, organisations,
reminders) and unguessable ones (certificate codes, calendar tokens) alike; being refused
means 403, 404 or a redirect to a login page, and nothing of the object in the response."""

import datetime
import itertools
import json
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from content.models import Access
from content.services.calendar import feed_token
from lms import services as lms_services
from lms.models import LearnerCategory, LearnerProfile
from lms.roles import Role
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from quizzes import services as quiz_services
from reports.models import EventAttendance, MemberImport, TrainingEvent
from tests.content.factories import document, library_page, material
from tests.lms.factories import UnionTree, UserFactory, administrator, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz, single
from tests.reports.factories import attend, training_event

pytestmark = pytest.mark.django_db

EVERYONE = {"anonymous", "owner", "other_member", "trainer", "methodologist", "admin_a", "admin_b",
            "superuser", "chair", "other_chair"}
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF_EDITORS = {"trainer", "methodologist", "superuser"}


@dataclass
class World:
    people: dict
    urls: dict


def _with_role(role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    tree = UnionTree.build()
    catalogue = catalogue_page()
    people = {
        "owner": member(tree.school_a, category=LearnerCategory.ACTIVIST),
        "other_member": member(tree.school_a2),
        "trainer": _with_role(Role.TRAINER),
        "methodologist": _with_role(Role.METHODOLOGIST),
        "admin_a": administrator(tree.region_a),
        "admin_b": administrator(tree.region_b),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        # The chair of the owner's school, and of another school of the same region.
        "chair": member(tree.school_a, category=LearnerCategory.PRIMARY_CHAIR),
        "other_chair": member(tree.school_a2, category=LearnerCategory.PRIMARY_CHAIR),
    }
    owner = people["owner"]

    # A test with a submitted attempt and an open one.
    tested = course(catalogue, modules=1, lessons=1)
    questions = bank()
    for _ in range(3):
        single(questions)
    final = quiz(tested, [questions], question_count=3, attempt_limit=3)
    lms_services.enrol(owner, tested)
    submitted = quiz_services.start_attempt(owner, final)
    quiz_services.submit_attempt(submitted)
    open_attempt = quiz_services.start_attempt(owner, final)

    # A certificate, issued when a course is completed.
    with django_capture_on_commit_callbacks(execute=True):
        certified = course(catalogue, modules=1, lessons=1)
        enrolment = lms_services.enrol(owner, certified)
        lms_services.complete_lesson(enrolment, certified.lessons().get())
    certificate = Certificate.objects.get(enrolment=enrolment)

    draft = course(catalogue, modules=1, lessons=1, title="Черновик")
    draft.unpublish()

    library = library_page()
    members_file = document("для-членов.pdf")
    members_only = material(library, access=Access.MEMBERS, document=members_file)
    trainers_file = document("для-тренеров.pdf")
    trainers_only = material(library, access=Access.ROLE, access_role=Role.TRAINER,
                             document=trainers_file)
    # A document in the body of a lesson of the course the owner is enrolled in, and one
    # that nothing uses.
    lesson_file = document("задание.pdf")
    lesson = tested.lessons().get().specific
    lesson.body = json.dumps([{"type": "documents",
                               "value": {"title": "", "documents": [lesson_file.pk]}}])
    lesson.save_revision().publish()
    orphan_file = document("без-места.pdf")

    reminder = Reminder.objects.create(user=owner, kind=INACTIVITY.code, subject="e1:x",
                                       claim="0" * 32, params={"course_id": tested.pk})
    job = lms_services.request_bulk_enrolment(
        people["admin_a"], course=tested, organisation=tree.region_a, category=LearnerCategory.ACTIVIST
    )

    event = training_event(tree.school_a, datetime.date.today())
    attend(event, owner)
    member_import = MemberImport.objects.create(
        organisation=tree.region_a, requested_by=people["admin_a"], file_name="members.csv", content=b"x"
    )
    school_a = tree.school_a.pk

    administrators_of_a = {"admin_a", "superuser"}
    urls = {
        # Personal: the owner only.
        "attempt (open)": (reverse("quizzes:take", args=[open_attempt.pk]), {"owner"}),
        "attempt result": (reverse("quizzes:result", args=[submitted.pk]), {"owner"}),
        "certificate PDF": (certificate.get_download_url(), {"owner"}),
        "reminder": (reverse("notifications:open", args=[reminder.pk]), {"owner"}),
        "course questionnaire": (reverse("reports:course_feedback", args=[enrolment.pk]), {"owner"}),
        "calendar feed (token)": (reverse("content:calendar_feed", args=[feed_token(owner)]), EVERYONE),
        # Public by code: anyone holding the code.
        "certificate check (code)": (reverse("certificates:verify", args=[certificate.code]), EVERYONE),
        # An organisation's data: its administrators up the tree, and superusers.
        "organisation page": (reverse("lms:organisation", args=[tree.school_a.pk]), administrators_of_a),
        "bulk enrolment job": (reverse("bulk_enrolment:inspect", args=[job.pk]), administrators_of_a),
        "revoke certificate": (reverse("certificates_revoke", args=[certificate.pk]), administrators_of_a),
        # Reports and exports of region A's organisations, also when the number is forged.
        "coverage of a school": (f"{reverse('reports:coverage')}?org={school_a}", administrators_of_a),
        "coverage export (XLSX)": (f"{reverse('reports:coverage')}?org={school_a}&export=xlsx",
                                   administrators_of_a),
        "course report export (CSV)": (f"{reverse('reports:courses')}?org={school_a}&export=csv",
                                       administrators_of_a),
        "feedback report": (f"{reverse('reports:feedback')}?org={school_a}", administrators_of_a),
        "in-person event": (reverse("reports:event", args=[event.pk]), administrators_of_a),
        "member import": (reverse("reports:member_import", args=[member_import.pk]), administrators_of_a),
        "reports dashboard": (reverse("reports:dashboard"), {"admin_a", "admin_b", "superuser"}),
        # Drafts: not on the site for anyone; in the admin for those who write pages.
        "draft course page": (draft.url or f"/courses/{draft.slug}/", set()),
        "draft in the admin": (reverse("wagtailadmin_pages:edit", args=[draft.pk]), STAFF_EDITORS),
        # Library access rules, on the page and on the file's own address.
        "members-only material": (members_only.url, SIGNED_IN),
        "members-only file": (members_file.url, SIGNED_IN),
        "trainers-only material": (trainers_only.url, {"trainer", "methodologist", "superuser"}),
        "trainers-only file": (trainers_file.url, {"trainer", "methodologist", "superuser"}),
        # Documents used elsewhere: a lesson's to those who may open the lesson (and editors),
        # one used nowhere to editors only; the raw media path to nobody.
        "lesson file": (lesson_file.url, {"owner", "trainer", "methodologist", "superuser"}),
        "file used nowhere": (orphan_file.url, STAFF_EDITORS),
        "raw media path of a document": (settings.MEDIA_URL + members_file.file.name, set()),
        # Members' claimed categories: each administrator sees the list of their own subtree.
        "categories to confirm": (reverse("lms:category_claims"),
                                  {"admin_a", "admin_b", "superuser", "chair", "other_chair"}),
        # A school's training, led by its chair and the administrators above it.
        "my organisation (own)": (reverse("motivation:my_organisation"), {"chair", "other_chair"}),
        "my organisation of school A": (f"{reverse('motivation:my_organisation')}?org={school_a}",
                                        {"chair", "admin_a", "superuser"}),
        "summary of school A": (f"{reverse('motivation:organisation_summary')}?org={school_a}",
                                {"chair", "admin_a", "superuser"}),
        "summary of school A (XLSX)": (
            f"{reverse('motivation:organisation_summary')}?org={school_a}&export=xlsx",
            {"chair", "admin_a", "superuser"}),
        "own summary": (reverse("motivation:organisation_summary"), {"chair", "other_chair"}),
        # The API, under the same rules (here with the site's session; apps send a token).
        "API: open attempt": (f"/api/v1/attempts/{open_attempt.pk}", {"owner"}),
        "API: attempt result": (f"/api/v1/attempts/{submitted.pk}/result", {"owner"}),
        "API: lesson of the owner's course": (f"/api/v1/lessons/{lesson.pk}", {"owner"}),
        "API: draft course": (f"/api/v1/courses/{draft.pk}", set()),
        "API: members-only material": (f"/api/v1/materials/{members_only.pk}", SIGNED_IN),
        "API: trainers-only material": (f"/api/v1/materials/{trainers_only.pk}",
                                        {"trainer", "methodologist", "superuser"}),
        "API: a test's state for the caller": (f"/api/v1/tests/{final.pk}", SIGNED_IN),
        "API: catalogue": ("/api/v1/courses", SIGNED_IN),
        "API: a course": (f"/api/v1/courses/{tested.pk}", SIGNED_IN),
        "API: webinars": ("/api/v1/webinars", SIGNED_IN),
        "API: library": ("/api/v1/materials", SIGNED_IN),
        "API: own profile": ("/api/v1/me", SIGNED_IN),
        "API: own learning": ("/api/v1/me/learning", SIGNED_IN),
        "API: own certificates": ("/api/v1/me/certificates", SIGNED_IN),
        "API: own notifications": ("/api/v1/me/notifications", SIGNED_IN),
        # The registry answers only to an administrator's API key, never to a session.
        "API: a member import of region A": (f"/api/v1/registry/member-imports/{member_import.pk}", set()),
    }
    return World(people=people, urls=urls)


REFUSING_REDIRECTS = (
    "/accounts/login/",
    "/admin/login/",
    "/admin/",  # Wagtail answers an admin user's PermissionDenied with its dashboard and a message
)


def outcome(response):
    """"ok" when the object was served, "refused" otherwise."""
    if response.status_code in (401, 403, 404):
        return "refused"
    if response.status_code == 302:
        return "refused" if response.url.split("?")[0] in REFUSING_REDIRECTS else "ok"
    assert response.status_code == 200, response.status_code
    return "ok"


def test_each_address_is_served_to_exactly_its_roles(world):
    clients = {"anonymous": Client()}
    for role, user in world.people.items():
        clients[role] = Client()
        clients[role].force_login(user)
    failures = []
    for label, (url, allowed) in world.urls.items():
        served = {role for role, client in clients.items() if outcome(client.get(url)) == "ok"}
        if served != allowed:
            failures.append(f"{label} {url}: served to {sorted(served)}, expected {sorted(allowed)}")
    assert not failures, "\n".join(failures)


def test_each_change_is_made_by_exactly_its_roles(world):
    """Addresses that change something, each tried by every role on a fresh object of
    region A (an attendance row of region A's event, a member's claimed category); a
    refused change leaves the object as it was."""
    owner = world.people["owner"]
    event = training_event(owner.profile.organisation, datetime.date.today())  # region A's
    administrators_of_a = {"admin_a", "superuser"}

    def remove_attendance():
        [row] = attend(event, UserFactory())
        url = reverse("reports:attendance_remove", args=[event.pk, row.pk])
        return url, {}, lambda: not EventAttendance.objects.filter(pk=row.pk).exists()

    def confirm_category():
        profile = owner.profile
        profile.category, profile.claimed_category = LearnerCategory.MEMBER, LearnerCategory.ACTIVIST
        profile.save()
        data = {"profile": profile.pk, "category": LearnerCategory.ACTIVIST}
        return reverse("lms:category_claims"), data, lambda: LearnerProfile.objects.get(
            pk=profile.pk).category == LearnerCategory.ACTIVIST

    numbers = itertools.count(1)

    def record_seminar():
        url = f"{reverse('motivation:my_organisation')}?org={owner.profile.organisation.pk}"
        title = f"Школа профактива № {next(numbers)}"
        data = {"action": "seminar", "title": title, "date": datetime.date.today().isoformat(),
                "members": [owner.pk]}
        return url, data, lambda: TrainingEvent.objects.filter(title=title).exists()

    changes = {
        "remove an attendance row": (remove_attendance, administrators_of_a),
        "confirm a member's category": (confirm_category, administrators_of_a | {"chair"}),
        "record a school seminar": (record_seminar, administrators_of_a | {"chair"}),
    }
    failures = []
    for label, (prepare, allowed) in changes.items():
        made = set()
        for role in ["anonymous", *world.people]:
            client = Client()
            if role != "anonymous":
                client.force_login(world.people[role])
            url, data, changed = prepare()
            client.post(url, data)
            if changed():
                made.add(role)
        if made != allowed:
            failures.append(f"{label}: made by {sorted(made)}, expected {sorted(allowed)}")
    assert not failures, "\n".join(failures)
