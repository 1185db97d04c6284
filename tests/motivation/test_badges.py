import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from content.models import WebinarRegistration
from content.services.attendance import mark_attended
from lms import services as lms_services
from lms.models import LearningPath, LearningPathStep, Topic
from motivation import receivers, tasks
from motivation.models import Award, RuleKind
from motivation.services.badges import award_badges, points
from quizzes.models import Quiz
from tests.lms.factories import UserFactory, administrator, course, member
from tests.quizzes.factories import bank, quiz
from tests.reports.factories import attend, attended_webinar, completed, enrolled, scored, training_event

from .factories import almaty, past_webinar, rule

pytestmark = pytest.mark.django_db


def awards_of(user):
    return sorted(Award.objects.filter(user=user).values_list("rule__kind", flat=True))


@pytest.fixture
def learner(union):
    return member(union.school_a, first_name="Айгерім", last_name="Сейтқали")


# --- Each rule: not before it is earned, and once however often the job runs -----------


def test_first_course_badge_comes_with_the_first_completion_and_only_once(learner, catalogue):
    badge = rule(RuleKind.FIRST_COURSE, points=20)
    first, second = course(catalogue), course(catalogue)
    enrolled(learner, first, almaty(2026, 3, 1))
    assert award_badges() == 0
    assert awards_of(learner) == []

    learner.enrolments.filter(course=first).update(completed_at=almaty(2026, 3, 5))
    assert award_badges() == 1
    completed(learner, second, almaty(2026, 3, 9))
    assert award_badges() == 0  # the job runs again, and again: still one badge
    tasks.award_all_badges.delay()
    award = Award.objects.get(user=learner)
    assert (award.rule, award.points) == (badge, 20)


def _path(title, category, *courses):
    path = LearningPath.objects.create(title_ru=title, title_kk=title, category=category)
    for position, page in enumerate(courses):
        LearningPathStep.objects.create(path=path, course=page, sort_order=position)
    return path


def test_the_path_badge_needs_every_course_of_a_path(learner, catalogue):
    first, second = course(catalogue), course(catalogue)
    _path("Новый председатель", "primary_chair", first, second)
    rule(RuleKind.PATH_FINISHED)
    completed(learner, first, almaty(2026, 2, 1))
    enrolled(learner, second, almaty(2026, 2, 3))
    award_badges()
    assert awards_of(learner) == []

    learner.enrolments.filter(course=second).update(completed_at=almaty(2026, 2, 10))
    award_badges()
    award_badges()
    assert awards_of(learner) == [RuleKind.PATH_FINISHED]


def test_a_path_rule_can_name_its_path(learner, catalogue):
    first, second, audit = course(catalogue), course(catalogue), course(catalogue)
    _path("Новый председатель", "primary_chair", first, second)
    auditor = rule(RuleKind.PATH_FINISHED, learning_path=_path("Ревизор", "audit_commission", audit, first))
    for page in (first, second):
        completed(learner, page, almaty(2026, 2, 1))
    award_badges()
    assert not Award.objects.filter(rule=auditor).exists()  # another path finished, not this one

    completed(learner, audit, almaty(2026, 2, 5))
    award_badges()
    assert Award.objects.filter(rule=auditor, user=learner).count() == 1


def test_courses_in_a_year_count_within_one_almaty_calendar_year(learner, catalogue):
    rule(RuleKind.COURSES_IN_YEAR, threshold=3)
    pages = [course(catalogue, modules=1, lessons=1) for _ in range(4)]
    completed(learner, pages[0], almaty(2025, 5, 1))
    completed(learner, pages[1], almaty(2025, 11, 1))
    # 31 December 20:00 UTC is already 1 January 2026 in Almaty: not a 2025 course.
    completed(learner, pages[2], datetime.datetime(2025, 12, 31, 20, 0, tzinfo=datetime.UTC))
    award_badges()
    assert awards_of(learner) == []

    completed(learner, pages[3], almaty(2025, 12, 31, 23, 0))
    award_badges()
    award_badges()
    assert awards_of(learner) == [RuleKind.COURSES_IN_YEAR]


def test_top_score_counts_only_a_final_test_at_or_above_the_threshold(learner, catalogue):
    rule(RuleKind.TOP_POST_TEST, threshold=90)
    page = course(catalogue)
    questions = bank()
    pre, post = quiz(page, [questions], role=Quiz.Role.PRE), quiz(page, [questions], pass_mark=60)
    scored(pre, learner, 100, almaty(2026, 4, 1))  # a perfect diagnostic is not a final test
    scored(post, learner, 89.99, almaty(2026, 4, 2))
    award_badges()
    assert awards_of(learner) == []

    scored(post, learner, 90, almaty(2026, 4, 3))
    award_badges()
    award_badges()
    assert awards_of(learner) == [RuleKind.TOP_POST_TEST]


def test_webinar_series_counts_attended_webinars_of_the_topic(learner, webinars):
    law = Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")
    rule(RuleKind.WEBINAR_SERIES, threshold=2, topic=law)
    on_topic = [past_webinar(webinars, almaty(2026, 1, day)) for day in (10, 20, 30)]
    for page in on_topic:
        page.topics = [law]
        page.save()
    off_topic = past_webinar(webinars, almaty(2026, 2, 5))
    attended_webinar(learner, on_topic[0], almaty(2026, 1, 10))
    attended_webinar(learner, off_topic, almaty(2026, 2, 5))
    WebinarRegistration.objects.create(webinar=on_topic[1], user=learner)  # registered, did not come
    award_badges()
    assert awards_of(learner) == []

    attended_webinar(learner, on_topic[2], almaty(2026, 1, 30))
    award_badges()
    award_badges()
    assert awards_of(learner) == [RuleKind.WEBINAR_SERIES]


def test_inactive_rules_and_inactive_people_get_nothing(learner, union, catalogue):
    rule(RuleKind.FIRST_COURSE, active=False)
    gone = member(union.school_a)
    gone.is_active = False
    gone.save()
    for person in (learner, gone):
        completed(person, course(catalogue), almaty(2026, 1, 1))
    assert award_badges() == 0
    live = rule(RuleKind.FIRST_COURSE)
    assert award_badges() == 1
    assert list(Award.objects.values_list("user", "rule")) == [(learner.pk, live.pk)]


def test_only_the_named_people_are_looked_at_when_a_signal_asks(learner, union, catalogue):
    rule(RuleKind.FIRST_COURSE)
    other = member(union.school_a2)
    for person in (learner, other):
        completed(person, course(catalogue), almaty(2026, 1, 1))
    assert award_badges([learner.pk]) == 1
    assert awards_of(other) == []


def test_the_database_refuses_a_second_award_of_the_same_badge(learner):
    badge = rule(RuleKind.FIRST_COURSE)
    Award.objects.create(user=learner, rule=badge)
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(user=learner, rule=badge)


def test_a_rule_needs_its_threshold():
    with pytest.raises(ValidationError) as error:
        rule(RuleKind.COURSES_IN_YEAR).full_clean()
    assert "threshold" in error.value.message_dict
    with pytest.raises(ValidationError):
        rule(RuleKind.TOP_POST_TEST, threshold=101).full_clean()
    rule(RuleKind.FIRST_COURSE, threshold=5).full_clean()  # a threshold it does not use is dropped


# --- Awarded straight after a completion or an attendance -------------------------------


def test_completing_a_course_awards_the_badge_at_once(learner, catalogue, django_capture_on_commit_callbacks):
    rule(RuleKind.FIRST_COURSE)
    page = course(catalogue, modules=1, lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(learner, page)
        lms_services.complete_lesson(enrolment, page.lessons().first())
    assert awards_of(learner) == [RuleKind.FIRST_COURSE]


def test_a_broker_that_is_down_loses_no_badge(
    learner, catalogue, django_capture_on_commit_callbacks, monkeypatch
):
    rule(RuleKind.FIRST_COURSE)
    page = course(catalogue, modules=1, lessons=1)

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(receivers.tasks.award_badges_after_completion, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(learner, page)
        lms_services.complete_lesson(enrolment, page.lessons().first())
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert awards_of(learner) == []
    tasks.award_all_badges.delay()  # the hourly beat job
    assert awards_of(learner) == [RuleKind.FIRST_COURSE]


def test_attending_webinars_awards_the_series_badge(learner, webinars, django_capture_on_commit_callbacks):
    rule(RuleKind.WEBINAR_SERIES, threshold=1)
    page = past_webinar(webinars, almaty(2026, 1, 10))
    registration = WebinarRegistration.objects.create(webinar=page, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        mark_attended(page, [registration.pk])
    assert awards_of(learner) == [RuleKind.WEBINAR_SERIES]


# --- Points --------------------------------------------------------------------------------


def test_points_add_up_courses_webinars_events_and_badges(
    learner, union, catalogue, webinars, settings, django_assert_num_queries
):
    settings.POINTS_PER_COURSE, settings.POINTS_PER_WEBINAR, settings.POINTS_PER_EVENT = 10, 3, 5
    rule(RuleKind.FIRST_COURSE, points=20)
    rule(RuleKind.WEBINAR_SERIES, threshold=1, points=7)
    for day in (1, 2):
        completed(learner, course(catalogue), almaty(2026, 1, day))
    enrolled(learner, course(catalogue), almaty(2026, 1, 3))  # unfinished: no points
    attended_webinar(learner, past_webinar(webinars, almaty(2026, 1, 5)), almaty(2026, 1, 5))
    attend(training_event(union.district_a, datetime.date(2026, 1, 20)), learner)
    award_badges()
    with django_assert_num_queries(1):
        score = points(learner)
    assert (score.courses, score.webinars, score.events, score.badges) == (2, 1, 1, 27)
    assert score.total == 2 * 10 + 3 + 5 + 27


# --- The learner's page and the public page of a badge ----------------------------------


def test_the_achievements_page_lists_badges_points_and_what_is_still_to_earn(client, learner, catalogue):
    rule(RuleKind.FIRST_COURSE, description_ru="Завершён первый курс.")
    rule(RuleKind.COURSES_IN_YEAR, threshold=5)
    completed(learner, course(catalogue), almaty(2026, 3, 1))
    award_badges()
    client.force_login(learner)

    page = client.get(reverse("motivation:achievements")).content.decode()
    assert "Первый шаг" in page and "Завершён первый курс." in page
    assert "Пять курсов за год" in page  # still to earn
    token = Award.objects.get(user=learner).share_token
    assert reverse("motivation:badge", args=[token]) in page


def test_the_achievements_page_is_in_kazakh_for_a_kazakh_member(client, learner, catalogue):
    rule(RuleKind.FIRST_COURSE)
    completed(learner, course(catalogue), almaty(2026, 3, 1))
    award_badges()
    client.force_login(learner)
    session = client.session
    session[lms_services.SESSION_LANGUAGE_KEY] = "kk"
    session.save()
    assert "Алғашқы қадам" in client.get(reverse("motivation:achievements")).content.decode()


def test_the_public_page_shows_name_badge_and_date_only(client, union, catalogue):
    person = member(union.school_a, first_name="Динара", last_name="Серікбаева", email="dinara@example.org")
    rule(RuleKind.FIRST_COURSE, name_ru="Первый шаг")
    completed(person, course(catalogue, title="Трудовой кодекс для педагогов"), almaty(2026, 3, 5))
    award_badges(now=almaty(2026, 3, 5, 13))
    award = Award.objects.get(user=person)

    response = client.get(reverse("motivation:badge", args=[award.share_token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Динара Серікбаева" in page and "Первый шаг" in page and "5 марта 2026" in page
    for private in ("dinara@example.org", union.school_a.name_ru, "Трудовой кодекс"):
        assert private not in page
    assert '<meta name="robots" content="noindex">' in page


def test_a_made_up_or_withdrawn_share_link_is_not_found(client, learner):
    award = Award.objects.create(user=learner, rule=rule(RuleKind.FIRST_COURSE))
    assert len(award.share_token) >= 20
    assert client.get(reverse("motivation:badge", args=["x" * 22])).status_code == 404
    assert client.get(reverse("motivation:badge", args=[award.share_token[:-1]])).status_code == 404
    learner.is_active = False
    learner.save()
    assert client.get(reverse("motivation:badge", args=[award.share_token])).status_code == 404


def test_tokens_differ_between_awards(union):
    badge = rule(RuleKind.FIRST_COURSE)
    tokens = {Award.objects.create(user=member(union.school_a), rule=badge).share_token for _ in range(5)}
    assert len(tokens) == 5


@pytest.mark.parametrize("size", [1, 12])
def test_the_achievements_page_runs_a_bounded_number_of_queries(
    client, learner, catalogue, webinars, size, django_assert_max_num_queries
):
    for kind, threshold in [
        (RuleKind.FIRST_COURSE, None),
        (RuleKind.COURSES_IN_YEAR, 50),
        (RuleKind.WEBINAR_SERIES, 1),
        (RuleKind.TOP_POST_TEST, 99),
    ]:
        rule(kind, threshold=threshold)
    for day in range(1, size + 1):
        completed(learner, course(catalogue, modules=1, lessons=1), almaty(2026, 1, day))
        attended_webinar(learner, past_webinar(webinars, almaty(2026, 2, day)), almaty(2026, 2, day))
    award_badges()
    client.force_login(learner)
    client.get(reverse("motivation:achievements"))  # warm the unread-notifications cache
    with django_assert_max_num_queries(14):
        assert client.get(reverse("motivation:achievements")).status_code == 200


# --- Who sets the rules ------------------------------------------------------------------


def test_badge_rules_are_set_by_administrators_of_the_whole_union(client, union):
    url = reverse("badge_rules:index")
    client.force_login(administrator(union.root))
    assert client.get(url).status_code == 200
    client.force_login(administrator(union.region_a))
    assert client.get(url).status_code == 302  # Wagtail sends them back to the admin's home
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(url).status_code == 200
