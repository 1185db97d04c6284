"""My organisation: the chair of a primary organisation sees who of her members is trained
this year, who is not and who is stalled, and acts on it; administrators above her may open
the same page for her school; nobody else reaches it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms import services as lms_services
from lms.models import BulkEnrolment, Enrolment, LearnerCategory
from motivation.models import MemberNotice, Mentorship
from reports.models import EventAttendance, TrainingEvent
from tests.content.factories import webinar
from tests.lms.factories import administrator, course, member
from tests.reports.factories import completed

pytestmark = pytest.mark.usefixtures("english")

URL = reverse("motivation:my_organisation")


@pytest.fixture
def school(union, catalogue):
    """School A with a chair, one trained member, two untrained and one stalled."""
    page = course(catalogue, modules=1, lessons=1, title="Коллективный договор")
    chair = member(union.school_a, category=LearnerCategory.PRIMARY_CHAIR,
                   first_name="Ерлан", last_name="Жұмабеков")
    trained = member(union.school_a, first_name="Әсел", last_name="Нұрланова")
    completed(trained, page, timezone.now())
    untrained = [member(union.school_a, first_name="Айгүл", last_name=f"Сейітова{n}") for n in (1, 2)]
    stalled = member(union.school_a, first_name="Ольга", last_name="Ким")
    Enrolment.objects.create(user=stalled, course=page,
                             enrolled_at=timezone.now() - datetime.timedelta(days=30))
    return {"page": page, "chair": chair, "trained": trained, "untrained": untrained,
            "stalled": stalled, "catalogue": catalogue}


def test_the_chair_sees_who_is_trained_untrained_and_stalled(client, school):
    client.force_login(school["chair"])

    everyone = client.get(URL)
    untrained = client.get(URL, {"status": "untrained"}).content.decode()
    stalled = client.get(URL, {"status": "stalled"}).content.decode()

    assert everyone.status_code == 200
    assert everyone.context["counts"] == {"all": 5, "untrained": 4, "stalled": 1, "trained": 1}
    assert "Сейітова1" in untrained and "Нұрланова" not in untrained
    assert "Ким" in stalled and "Сейітова1" not in stalled
    assert everyone.context["line"].trained == 1


def test_the_chair_enrols_two_chosen_members_and_no_stranger(client, union, school):
    stranger = member(union.school_a2)
    new_course = course(school["catalogue"], modules=1, lessons=1)
    client.force_login(school["chair"])

    client.post(URL, {"action": "enrol", "course": new_course.pk,
                      "members": [p.pk for p in school["untrained"]] + [stranger.pk]})

    enrolled = set(Enrolment.objects.filter(course=new_course).values_list("user_id", flat=True))
    assert enrolled == {p.pk for p in school["untrained"]}


def test_a_stalled_member_is_reminded_once_a_week(client, school):
    client.force_login(school["chair"])

    first = client.post(URL, {"remind": school["stalled"].pk}, follow=True).content.decode()
    second = client.post(URL, {"remind": school["stalled"].pk}, follow=True).content.decode()

    assert MemberNotice.objects.filter(member=school["stalled"]).count() == 1
    assert "is reminded to go on with" in first
    assert "has already been reminded this week" in second


def test_a_member_who_is_not_stalled_is_not_reminded(client, school):
    client.force_login(school["chair"])

    response = client.post(URL, {"remind": school["trained"].pk}, follow=True)

    assert "has no stalled course" in response.content.decode()
    assert not MemberNotice.objects.exists()


def test_a_school_seminar_with_attendance_counts_in_the_coverage_line(client, school):
    client.force_login(school["chair"])
    before = client.get(URL).context["line"].trained

    client.post(URL, {"action": "seminar", "title": "Еңбек кодексі", "trainer": "Гүлнар",
                      "date": timezone.localdate().isoformat(),
                      "members": [p.pk for p in school["untrained"]]})

    event = TrainingEvent.objects.get(title="Еңбек кодексі")
    assert EventAttendance.objects.filter(event=event).count() == 2
    assert client.get(URL).context["line"].trained == before + 2


def test_a_seminar_without_participants_or_topic_names_what_is_missing(client, school):
    client.force_login(school["chair"])

    response = client.post(URL, {"action": "seminar", "title": "", "date": "2999-01-01"}, follow=True)

    text = response.content.decode()
    assert "Give the topic" in text and "not in the future" in text and "Tick the members" in text
    assert not TrainingEvent.objects.exists()


def test_the_chair_invites_members_to_an_upcoming_webinar_once(client, school, webinars):
    upcoming = webinar(webinars, starts_in=datetime.timedelta(days=3))
    client.force_login(school["chair"])
    data = {"action": "invite", "webinar": upcoming.pk, "members": [p.pk for p in school["untrained"]]}

    client.post(URL, data)
    client.post(URL, data)

    assert MemberNotice.objects.filter(kind="webinar", webinar=upcoming).count() == 2


def test_the_chair_enrols_a_whole_category_of_her_school_only(client, union, school,
                                                              django_capture_on_commit_callbacks):
    activist = member(union.school_a, category=LearnerCategory.ACTIVIST)
    elsewhere = member(union.school_a2, category=LearnerCategory.ACTIVIST)
    client.force_login(school["chair"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"action": "enrol_category", "category": LearnerCategory.ACTIVIST,
                          "course": school["page"].pk})

    assert BulkEnrolment.objects.get().organisation == union.school_a
    enrolled = set(Enrolment.objects.filter(course=school["page"]).values_list("user_id", flat=True))
    assert activist.pk in enrolled and elsewhere.pk not in enrolled


def test_the_chair_pairs_a_mentor_and_a_mentee_within_her_school(client, union, school):
    outsider = member(union.school_a2)
    client.force_login(school["chair"])

    client.post(URL, {"action": "pair", "mentor_email": school["trained"].email,
                      "mentee_email": school["untrained"][0].email})
    refused = client.post(URL, {"action": "pair", "mentor_email": outsider.email,
                                "mentee_email": school["untrained"][1].email}, follow=True)

    assert Mentorship.objects.get().mentee == school["untrained"][0]
    assert "No member of your organisations has this email" in refused.content.decode()


def test_the_page_shows_progress_never_answers(client, school):
    client.force_login(school["chair"])

    html = client.get(URL).content.decode()

    assert "Right answer" not in html and "your choice" not in html


@pytest.mark.parametrize("who", ["member", "other school's chair", "other region's admin",
                                 "unconfirmed chair"])
def test_nobody_else_reaches_the_schools_page(client, union, school, who):
    user = {
        "member": lambda: school["trained"],
        "other school's chair": lambda: member(union.school_a2, category=LearnerCategory.PRIMARY_CHAIR),
        "other region's admin": lambda: administrator(union.region_b),
        "unconfirmed chair": lambda: _claimed_chair(union),
    }[who]()
    client.force_login(user)

    assert client.get(URL, {"org": union.school_a.pk}).status_code == 404
    response = client.post(f"{URL}?org={union.school_a.pk}", {"remind": school["stalled"].pk})
    assert response.status_code == 404
    assert not MemberNotice.objects.exists()


def _claimed_chair(union):
    user = member(union.school_a)
    user.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    user.profile.save()
    return user


def test_an_administrator_above_opens_the_schools_page(client, union, school):
    client.force_login(administrator(union.district_a))

    assert client.get(URL, {"org": union.school_a.pk}).status_code == 200
    assert client.get(URL, {"org": union.district_a.pk}).status_code == 404  # a committee
    assert client.get(URL).status_code == 404  # no school of her own


def test_the_page_costs_the_same_queries_for_more_members(client, union, school,
                                                          django_assert_max_num_queries):
    client.force_login(school["chair"])
    client.get(URL)
    for _n in range(20):
        lms_services.enrol(member(union.school_a), school["page"])

    with django_assert_max_num_queries(16):
        client.get(URL)
