from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from demo.union import DEMO_PASSWORD, MEMBER_ORGANISATIONS
from lms.models import (
    CoursePage,
    Enrolment,
    LearningPath,
    LessonPage,
    Organisation,
    OrganisationKind,
    User,
)
from lms.roles import Role


def snapshot():
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "paths": LearningPath.objects.count(),
        "members": sorted(Organisation.objects.values_list("member_count", flat=True)),
    }


def test_seed_demo_is_idempotent_and_prints_the_demo_accounts(db):
    first_output = StringIO()
    call_command("seed_demo", stdout=first_output)
    first = snapshot()

    call_command("seed_demo", stdout=StringIO())

    assert snapshot() == first
    assert "member.kk@example.org" in first_output.getvalue()
    assert DEMO_PASSWORD in first_output.getvalue()


def test_seed_demo_builds_the_union_the_courses_and_a_user_per_role(client, db):
    call_command("seed_demo", stdout=StringIO())

    root = Organisation.get_first_root_node()
    regions = root.get_children()
    assert regions.count() == len(MEMBER_ORGANISATIONS) == 20
    assert root.member_count == sum(row[2] for row in MEMBER_ORGANISATIONS)
    assert regions.get(name_ru="Абайская областная организация").member_count == 24_120
    assert Organisation.objects.filter(kind=OrganisationKind.PRIMARY_ORGANISATION).count() == 120
    roles = User.objects.values("groups__name").annotate(n=Count("pk"))
    assert {row["groups__name"] for row in roles} >= set(Role.values)
    assert set(CoursePage.objects.values_list("language", flat=True)) == {"ru", "kk"}
    client.post("/accounts/login/", {"login": "admin.abai@example.org", "password": DEMO_PASSWORD})
    assert client.get("/organisations/").url.startswith("/organisations/")
