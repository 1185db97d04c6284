"""Questionnaires: answering them, what a learner still has to answer, and the results per
course, event and trainer.

A course's trainer is the course page's owner (the trainer who wrote it); an event's is
the trainer recorded with it. Results count the answers of people in the subtree, and a
year selects the courses completed and the events held in it, whenever the answers came.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Sum, Value, When
from django.db.models.functions import Trim
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.periods import year_bounds
from lms.permissions import check_organisation
from lms.scope import under

from ..models import RATING_FIELDS, Applied, EventAttendance, FeedbackAnswer, FollowUpAnswer
from . import privacy
from .tables import Column, ReportTable, percent

# The follow-up question is asked this long after a course is completed.
FOLLOW_UP_AFTER = datetime.timedelta(days=90)
PENDING_LIMIT = 10
COMMENTS_LIMIT = 200


class QuestionnaireRefused(Exception):
    """The questionnaire cannot be answered (yet, or again); the message says why."""


# --- Answering -------------------------------------------------------------------------


def _save_once(model, **fields):
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:  # answered a moment ago in another tab
        raise QuestionnaireRefused(_("You have already answered this questionnaire. Thank you!")) from None


def submit_course_feedback(enrolment, **answers):
    """The learner's answers about a course they completed; once per enrolment."""
    if enrolment.completed_at is None:
        raise QuestionnaireRefused(_("The questionnaire opens when you have completed the course."))
    if FeedbackAnswer.objects.filter(enrolment=enrolment).exists():
        raise QuestionnaireRefused(_("You have already answered this questionnaire. Thank you!"))
    return _save_once(FeedbackAnswer, enrolment=enrolment, **answers)


def submit_event_feedback(attendance, **answers):
    """A participant's answers about an event they attended; once per attendance."""
    if FeedbackAnswer.objects.filter(attendance=attendance).exists():
        raise QuestionnaireRefused(_("You have already answered this questionnaire. Thank you!"))
    return _save_once(FeedbackAnswer, attendance=attendance, **answers)


def follow_up_opens(enrolment):
    """When the follow-up question about a completed enrolment may be answered."""
    return enrolment.completed_at + FOLLOW_UP_AFTER


def follow_up_refusal(enrolment, now=None):
    """Why the follow-up cannot be answered now, or None if it can."""
    now = now or timezone.now()
    if enrolment.completed_at is None:
        return _("The question is asked after you complete the course.")
    if now < follow_up_opens(enrolment):
        return _("This question opens on %(date)s, %(days)d days after you completed the course.") % {
            "date": date_format(timezone.localtime(follow_up_opens(enrolment)).date()),
            "days": FOLLOW_UP_AFTER.days,
        }
    if FollowUpAnswer.objects.filter(enrolment=enrolment).exists():
        return _("You have already answered this questionnaire. Thank you!")
    return None


def submit_follow_up(enrolment, *, applied, example="", now=None):
    reason = follow_up_refusal(enrolment, now)
    if reason:
        raise QuestionnaireRefused(reason)
    return _save_once(FollowUpAnswer, enrolment=enrolment, applied=applied, example=example)


def events_to_rate(user):
    """The learner's attended events without an answer yet, newest first (one query).
    Follow-ups that are due show on each enrolment of "My learning" instead."""
    if not user.is_authenticated:
        return []
    return list(
        EventAttendance.objects.filter(user=user)
        .exclude(Exists(FeedbackAnswer.objects.filter(attendance=OuterRef("pk"))))
        .select_related("event")
        .order_by("-event__date")[:PENDING_LIMIT]
    )


# --- Results ---------------------------------------------------------------------------


@dataclass
class Ratings:
    """The answers about one subject (a course or an event) as sums and counts, or those of
    one trainer, merged from the subjects in ``parts``. What of it may be shown is decided
    here (``privacy``), so the page, the chart and the exports show the same."""

    label: str
    answers: int = 0
    sums: dict = field(default_factory=dict)
    follow_ups: dict = field(default_factory=dict)  # Applied value -> answers
    link: dict | None = None
    key: object = None  # the course's or event's id
    trainer: tuple = ()  # (key, name) of the subject's trainer
    parts: list = field(default_factory=list)  # the subjects a trainer's row merges
    # A trainer's people (one person may rate several of their subjects): (all, of the
    # hidden subjects) for the ratings and for the follow-ups.
    people: tuple = (0, 0)
    follow_up_people: tuple = (0, 0)

    def add(self, row):
        self.answers += row["answers"]
        for name in RATING_FIELDS:
            self.sums[name] = self.sums.get(name, 0) + (row[f"sum_{name}"] or 0)

    def add_follow_ups(self, applied, number):
        self.follow_ups[applied] = self.follow_ups.get(applied, 0) + number

    def merge(self, part):
        self.parts.append(part)
        self.answers += part.answers
        for name, value in part.sums.items():
            self.sums[name] = self.sums.get(name, 0) + value
        for applied, number in part.follow_ups.items():
            self.add_follow_ups(applied, number)

    @staticmethod
    def _may_show(answers, people, shown_parts):
        """A subject's answers come from as many people; a merged row's ``people`` are
        (all, those of its hidden parts), and its figure must not give away the hidden
        parts beside the ``shown_parts`` answers."""
        if people is None:
            return privacy.may_show(answers)
        everyone, of_hidden = people
        return privacy.may_show(everyone) and (answers == shown_parts or privacy.may_show(of_hidden))

    @property
    def ratings_shown(self):
        shown = sum(part.answers for part in self.parts if part.ratings_shown)
        return self._may_show(self.answers, self.people if self.parts else None, shown)

    @property
    def follow_ups_shown(self):
        shown = sum(part.followed_up for part in self.parts if part.follow_ups_shown)
        return self._may_show(self.followed_up, self.follow_up_people if self.parts else None, shown)

    def average(self, name):
        if not self.answers or not self.ratings_shown:
            return None
        return round(self.sums.get(name, 0) / self.answers, 2)

    @property
    def followed_up(self):
        return sum(self.follow_ups.values())

    def applied_share(self, value):
        if not self.follow_ups_shown:
            return None
        return percent(self.follow_ups.get(value, 0), self.followed_up)

    def values(self, with_follow_ups=True):
        cells = [self.label, self.answers, *(self.average(name) for name in RATING_FIELDS)]
        if with_follow_ups:
            cells += [self.followed_up, *(self.applied_share(value) for value in Applied.values)]
        return cells


def _rating_sums():
    return {"answers": Count("pk"), **{f"sum_{name}": Sum(name) for name in RATING_FIELDS}}


def _scoped(queryset, user_path, organisation, *, taken_on, year, category):
    """Answers of the people of ``organisation``'s subtree, about courses or events of
    ``year``: ``taken_on`` names the moment (a course's completion) or the day (an event's
    date) the answer is about, not when it was given."""
    queryset = queryset.filter(under(organisation, f"{user_path}__profile__organisation"))
    if year:
        if taken_on.endswith("__date"):
            start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
        else:
            start, end = year_bounds(year)
        queryset = queryset.filter(**{f"{taken_on}__gte": start, f"{taken_on}__lt": end})
    if category:
        queryset = queryset.filter(**{f"{user_path}__profile__category": category})
    return queryset.order_by()


NO_TRAINER = "—"


def _trainer_name(first, last, username):
    """A trainer as the reports name them: full name, else username, else a dash."""
    return " ".join(part for part in (first, last) if part).strip() or username or NO_TRAINER


@dataclass
class FeedbackReport:
    by_course: list
    by_event: list
    by_trainer: list
    comments: list  # (subject, kind, text), of groups whose answers may be shown
    title: str

    def tables(self):
        ratings = [Column(_("Answers"), "int"), Column(_("Overall"), "number"),
                   Column(_("Usefulness"), "number"), Column(_("Trainer"), "number"),
                   Column(_("Materials and organisation"), "number")]
        follow_ups = [Column(_("Follow-up answers"), "int"), Column(_("Applied, %"), "percent"),
                      Column(_("Partly applied, %"), "percent"), Column(_("Not applied, %"), "percent")]
        return [
            ReportTable(key="feedback-courses", title=_("Courses: %(scope)s") % {"scope": self.title},
                        columns=[Column(_("Course")), *ratings, *follow_ups],
                        rows=[row.values() for row in self.by_course],
                        links=[row.link for row in self.by_course]),
            ReportTable(key="feedback-events", title=_("In-person events: %(scope)s") % {"scope": self.title},
                        columns=[Column(_("Event")), *ratings],
                        rows=[row.values(with_follow_ups=False) for row in self.by_event]),
            ReportTable(key="feedback-trainers", title=_("Trainers: %(scope)s") % {"scope": self.title},
                        columns=[Column(_("Trainer")), *ratings, *follow_ups],
                        rows=[row.values() for row in self.by_trainer]),
            ReportTable(key="feedback-comments", title=_("Comments: %(scope)s") % {"scope": self.title},
                        columns=[Column(_("About")), Column(_("Question")), Column(_("Answer"))],
                        rows=[list(comment) for comment in self.comments]),
        ]


COURSE_OWNER = ("enrolment__course__owner_id", "enrolment__course__owner__first_name",
                "enrolment__course__owner__last_name", "enrolment__course__owner__username")
EVENT_FIELDS = ("attendance__event_id", "attendance__event__title", "attendance__event__date",
                "attendance__event__trainer_id", "attendance__event__trainer_name",
                "attendance__event__trainer__first_name", "attendance__event__trainer__last_name",
                "attendance__event__trainer__username")


def _course_ratings(course_answers, follow_up_answers):
    """{course id: Ratings} with the follow-ups (two queries)."""
    courses = {}

    def course(row):
        pk = row["enrolment__course_id"]
        if pk not in courses:
            name = _trainer_name(*(row[field] for field in COURSE_OWNER[1:]))
            trainer = (("user", row[COURSE_OWNER[0]]), name)
            courses[pk] = Ratings(label=row["enrolment__course__title"], link={"course": pk}, key=pk,
                                  trainer=trainer)
        return courses[pk]

    fields = ("enrolment__course_id", "enrolment__course__title", *COURSE_OWNER)
    for row in course_answers.values(*fields).annotate(**_rating_sums()):
        course(row).add(row)
    for row in follow_up_answers.values(*fields, "applied").annotate(n=Count("pk")):
        course(row).add_follow_ups(row["applied"], row["n"])
    return courses


def _event_ratings(event_answers):
    """Ratings per event, newest first (one query)."""
    events = []
    for row in event_answers.values(*EVENT_FIELDS).annotate(**_rating_sums()):
        if row["attendance__event__trainer_id"]:
            trainer = (("user", row["attendance__event__trainer_id"]),
                       _trainer_name(row["attendance__event__trainer__first_name"],
                                     row["attendance__event__trainer__last_name"],
                                     row["attendance__event__trainer__username"]))
        else:
            name = row["attendance__event__trainer_name"].strip()
            trainer = (("name", name), name or NO_TRAINER)
        label = f"{row['attendance__event__title']} ({date_format(row['attendance__event__date'])})"
        event = Ratings(label=label, key=row["attendance__event_id"], trainer=trainer)
        event.add(row)
        events.append((row["attendance__event__date"], event))
    return [event for _date, event in sorted(events, key=lambda pair: pair[0], reverse=True)]


def _text(value):
    return Value(value, output_field=CharField())


def _trainer_people(course_answers, follow_up_answers, event_answers, hidden):
    """{(kind, trainer key): people} for kind "ratings" and "follow-ups", and for each the
    people of the trainer's hidden subjects ("hidden ratings", "hidden follow-ups"):
    ``hidden`` holds the ids of the courses whose ratings, of the courses whose follow-ups,
    and of the events that are hidden. One query: the distinct (kind, trainer, person)
    rows of every source, counted per kind and trainer."""
    course_trainer = {"via": _text("user"), "trainer_id": F("enrolment__course__owner_id"),
                      "trainer_name": _text("")}
    event_trainer = {
        "via": Case(When(attendance__event__trainer__isnull=False, then=_text("user")),
                    default=_text("name"), output_field=CharField()),
        "trainer_id": F("attendance__event__trainer_id"),
        "trainer_name": Case(When(attendance__event__trainer__isnull=True,
                                  then=Trim("attendance__event__trainer_name")),
                             default=_text(""), output_field=CharField()),
    }
    hidden_courses, hidden_follow_ups, hidden_events = hidden

    def rows(kind, answers, trainer, person):
        return answers.values(kind=_text(kind), **trainer, person=F(person))

    parts = [
        rows("ratings", course_answers, course_trainer, "enrolment__user_id"),
        rows("ratings", event_answers, event_trainer, "attendance__user_id"),
        rows("follow-ups", follow_up_answers, course_trainer, "enrolment__user_id"),
        rows("hidden ratings", course_answers.filter(enrolment__course__in=hidden_courses),
             course_trainer, "enrolment__user_id"),
        rows("hidden ratings", event_answers.filter(attendance__event__in=hidden_events),
             event_trainer, "attendance__user_id"),
        rows("hidden follow-ups", follow_up_answers.filter(enrolment__course__in=hidden_follow_ups),
             course_trainer, "enrolment__user_id"),
    ]
    try:
        sql, params = parts[0].union(*parts[1:]).query.sql_with_params()
    except EmptyResultSet:
        return {}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in ("kind", "via", "trainer_id", "trainer_name"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}, COUNT(*) FROM ({sql}) people GROUP BY {columns}", params)
        return {
            (kind, (via, trainer_id if via == "user" else trainer_name)): count
            for kind, via, trainer_id, trainer_name, count in cursor.fetchall()
        }


def _trainer_ratings(subjects, people):
    trainers = {}
    for subject in subjects:
        key, name = subject.trainer
        trainers.setdefault(key, Ratings(label=name)).merge(subject)
    for key, trainer in trainers.items():
        trainer.people = (people.get(("ratings", key), 0), people.get(("hidden ratings", key), 0))
        trainer.follow_up_people = (people.get(("follow-ups", key), 0),
                                    people.get(("hidden follow-ups", key), 0))
    return sorted(trainers.values(), key=lambda r: str(r.label))


def feedback_report(user, organisation, *, year=None, course=None, category=None):
    """Questionnaire and follow-up results of the people in ``organisation``'s subtree, per
    course, event and trainer, with comments; answers only of groups large enough to show
    (``privacy``). Seven queries."""
    check_organisation(user, organisation)
    scope = {"organisation": organisation, "year": year, "category": category}
    answers = FeedbackAnswer.objects.all()
    course_answers = _scoped(answers.filter(enrolment__isnull=False), "enrolment__user",
                             taken_on="enrolment__completed_at", **scope)
    follow_up_answers = _scoped(FollowUpAnswer.objects.all(), "enrolment__user",
                                taken_on="enrolment__completed_at", **scope)
    event_answers = _scoped(answers.filter(attendance__isnull=False), "attendance__user",
                            taken_on="attendance__event__date", **scope)
    if course:
        course_answers = course_answers.filter(enrolment__course=course)
        follow_up_answers = follow_up_answers.filter(enrolment__course=course)
        event_answers = event_answers.none()

    courses = _course_ratings(course_answers, follow_up_answers)
    events = _event_ratings(event_answers)
    rated = [pk for pk, row in courses.items() if row.ratings_shown]
    followed_up = [pk for pk, row in courses.items() if row.follow_ups_shown]
    shown_events = [event.key for event in events if event.ratings_shown]
    hidden = ([pk for pk in courses if pk not in rated], [pk for pk in courses if pk not in followed_up],
              [event.key for event in events if event.key not in shown_events])
    people = _trainer_people(course_answers, follow_up_answers, event_answers, hidden)
    comments = _comments(
        course_answers.filter(enrolment__course__in=rated),
        follow_up_answers.filter(enrolment__course__in=followed_up),
        event_answers.filter(attendance__event__in=shown_events),
    )
    return FeedbackReport(
        by_course=sorted(courses.values(), key=lambda r: str(r.label)),
        by_event=events,
        by_trainer=_trainer_ratings([*courses.values(), *events], people),
        comments=comments,
        title=organisation.name,
    )


def _comments(course_answers, follow_up_answers, event_answers):
    """Non-empty free-text answers (the latest of each kind) under the subject they are
    about, sorted by subject and text: no date or order of answering that could tell who
    wrote one (three queries)."""
    applied = dict(Applied.choices)
    rows = [
        (title, _("Questionnaire"), text)
        for title, text in course_answers.exclude(comment="")
        .order_by("-created_at")
        .values_list("enrolment__course__title", "comment")[:COMMENTS_LIMIT]
    ]
    rows += [
        (title, _("Follow-up"), f"{applied[value]}. {text}")
        for title, value, text in follow_up_answers.exclude(example="")
        .order_by("-created_at")
        .values_list("enrolment__course__title", "applied", "example")[:COMMENTS_LIMIT]
    ]
    rows += [
        (title, _("Questionnaire"), text)
        for title, text in event_answers.exclude(comment="")
        .order_by("-created_at")
        .values_list("attendance__event__title", "comment")[:COMMENTS_LIMIT]
    ]
    return sorted(rows, key=lambda row: (str(row[0]), str(row[1]), row[2]))[:COMMENTS_LIMIT]
