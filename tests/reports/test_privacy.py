"""Questionnaire, follow-up and needs-survey answers are shown only for groups of at least
REPORTS_MIN_GROUP respondents: every report, filter and export that shows answers is tried
with 1 to 4 respondents (nothing of what they answered appears) and with 5 (it does)."""

import csv
import datetime
import io
import itertools

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from lms.models import LearnerCategory as C
from lms.models import Topic
from motivation.models import NeedsSurvey, PreferredFormat, PreferredTime, TrainingPlan
from motivation.services import surveys
from reports.services.feedback import (
    feedback_report,
    submit_course_feedback,
    submit_event_feedback,
    submit_follow_up,
)
from tests.lms.factories import UserFactory, administrator, course, member

from .factories import almaty, attend, completed, training_event

YEAR = 2026
SECRET = "Секрет"  # every free-text answer carries it
# Ratings nobody else gives in these tests, so that an average of them cannot pass unseen.
RATINGS = {"overall": 2, "usefulness": 3, "trainer_rating": 1, "materials": 2}
ANSWER_COLUMNS = {"Overall", "Usefulness", "Trainer", "Materials and organisation",
                  "Applied, %", "Partly applied, %", "Not applied, %", "% of respondents"}
FEEDBACK_TABLES = ("feedback-courses", "feedback-events", "feedback-trainers")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(almaty(YEAR, 9, 1), tick=False):
        yield


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


def answers_from(people, union, catalogue):
    """``people`` members of one school who rated a course, its follow-up and a seminar,
    and answered a needs survey, each with a comment. Returns (course, survey)."""
    trainer = UserFactory(first_name="Гүлнар", last_name="Әбдірахманова")
    law = course(catalogue, modules=1, lessons=1, title="Трудовое право", owner=trainer)
    seminar = training_event(union.district_a, datetime.date(YEAR, 5, 10), title="Семинар", trainer=trainer)
    topic = Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")
    survey = NeedsSurvey.objects.create(
        organisation=union.district_a, title="Обучение в 2027 году",
        opens_on=datetime.date(YEAR, 8, 1), closes_on=datetime.date(YEAR, 9, 30),
    )
    survey.topics.set([topic])
    for number in range(people):
        person = member(union.school_a, C.MEMBER)
        enrolment = completed(person, law, almaty(YEAR, 5, 1))
        submit_course_feedback(enrolment, **RATINGS, comment=f"{SECRET}-курс-{number}")
        submit_follow_up(enrolment, applied="partly", example=f"{SECRET}-практика-{number}")
        (attendance,) = attend(seminar, person)
        submit_event_feedback(attendance, **RATINGS, comment=f"{SECRET}-семинар-{number}")
        surveys.answer(person, survey, topics=[topic], preferred_format=PreferredFormat.WEBINAR,
                       preferred_time=PreferredTime.EVENINGS, comment=f"{SECRET}-анкета-{number}")
    return law, survey


def answer_cells(tables):
    """The values of the columns that hold answers (ratings and shares) in report tables."""
    return [
        value
        for table in tables
        for row in table.rows
        for value, column in zip(row, table.columns, strict=True)
        if column.kind in ("number", "percent")
    ]


def export_sections(response):
    """(header, rows) of every table of a CSV or XLSX export."""
    body = response.getvalue()
    if response["Content-Type"].startswith("text/csv"):
        text = body.decode("utf-8-sig")
        delimiter = ";" if text.splitlines()[1].count(";") else ","
        lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        groups = itertools.groupby(lines, key=lambda row: not row)
        blocks = [list(group) for empty, group in groups if not empty]
    else:
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        blocks = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook]
    return [(block[1], block[2:]) for block in blocks if len(block) > 1]


def exported_answers(sections):
    return [
        value
        for header, rows in sections
        for row in rows
        for label, value in zip(header[1:], row[1:], strict=False)
        if label in ANSWER_COLUMNS and value not in (None, "")
    ]


def feedback_requests(union, law):
    scopes = ({}, {"org": union.district_a.pk}, {"org": union.school_a.pk})
    filters = ({"year": ""}, {"year": YEAR}, {"category": C.MEMBER}, {"course": law.pk},
               {"year": YEAR, "category": C.MEMBER, "course": law.pk})
    return [{**scope, **chosen} for scope in scopes for chosen in filters]


@pytest.mark.parametrize("people", [1, 2, 3, 4, 5])
def test_answers_show_only_for_groups_of_five_in_every_report_filter_and_export(
    client, union, catalogue, admin_a, people
):
    law, survey = answers_from(people, union, catalogue)
    shown = people >= 5
    client.force_login(admin_a)

    for params in feedback_requests(union, law):
        page = client.get(reverse("reports:feedback"), params)
        assert page.status_code == 200
        tables = [table for table in page.context["tables"] if table.key in FEEDBACK_TABLES]
        assert sum(row[1] for table in tables for row in table.rows) > 0, params  # answers are counted
        cells = answer_cells(tables)
        assert all(value is not None for value in cells) if shown else all(value is None for value in cells)
        assert (SECRET in page.content.decode()) == shown, params
        assert bool(page.context["charts"]) == shown
        for kind in ("csv", "xlsx"):
            sections = export_sections(client.get(reverse("reports:feedback"), {**params, "export": kind}))
            assert (SECRET in str(sections)) == shown, (params, kind)
            assert bool(exported_answers(sections)) == shown, (params, kind)

    url = reverse("motivation:survey_results", args=[survey.pk])
    page = client.get(url)
    assert (f"{SECRET}-анкета" in page.content.decode()) == shown
    assert bool(answer_cells(page.context["tables"])) == shown
    assert page.context["results"].respondents == people  # how many answered is no secret
    for kind in ("csv", "xlsx"):
        sections = export_sections(client.get(url, {"export": kind}))
        assert (SECRET in str(sections)) == shown, kind
        assert bool(exported_answers(sections)) == shown, kind
        topics = next(rows for header, rows in sections if header[0] == "Topic")
        assert bool([row for row in topics if row[1:] and row[1] not in (None, "")]) == shown

    plan = TrainingPlan.objects.create(organisation=union.school_a, year=YEAR)
    hint = f"{reverse('motivation:plan_item_create', args=[plan.pk])}?topic="
    assert (hint in client.get(reverse("motivation:plan", args=[plan.pk])).content.decode()) == shown


def test_a_trainers_average_is_hidden_when_it_would_give_away_a_small_group(union, catalogue, admin_a):
    law, _survey = answers_from(5, union, catalogue)
    seminar = training_event(union.district_a, datetime.date(YEAR, 6, 1), title="Тренинг",
                             trainer=law.owner)
    (attendance,) = attend(seminar, member(union.school_a2))
    submit_event_feedback(attendance, overall=5, usefulness=5, trainer_rating=5, materials=5)

    report = feedback_report(admin_a, union.region_a)

    # The course (5) and the first seminar (5) are shown; the trainer's 11 answers beside
    # them would give away the one answer about the training by subtraction.
    assert [row.ratings_shown for row in report.by_course] == [True]
    assert {row.label: row.ratings_shown for row in report.by_event} == {
        "Тренинг (June 1, 2026)": False, "Семинар (May 10, 2026)": True,
    }
    (trainer,) = report.by_trainer
    assert trainer.answers == 11 and trainer.average("overall") is None
    assert trainer.follow_ups_shown  # the follow-ups are all of the course's five


@pytest.mark.parametrize(("respondents", "columns"), [
    ({C.MEMBER: 5, C.ACTIVIST: 5}, [C.MEMBER, C.ACTIVIST]),
    ({C.MEMBER: 5, C.ACTIVIST: 3, C.PRIMARY_CHAIR: 2}, [C.MEMBER, surveys.OTHER_CATEGORIES]),
    ({C.MEMBER: 7, C.ACTIVIST: 2}, []),  # the two activists' topics would be the total less the members'
    ({C.MEMBER: 2, C.ACTIVIST: 2, C.PRIMARY_CHAIR: 2}, []),  # "other categories" alone is the total
])
def test_survey_topics_break_down_only_by_categories_large_enough(respondents, columns):
    assert surveys.category_columns(respondents) == columns


def test_the_threshold_is_a_setting(union, catalogue, admin_a, settings):
    answers_from(3, union, catalogue)
    settings.REPORTS_MIN_GROUP = 3

    report = feedback_report(admin_a, union.school_a)

    assert report.by_course[0].average("overall") == 2.0 and len(report.comments) == 9
