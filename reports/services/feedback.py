"""Questionnaires: answering them, what a learner still has to answer, and the results per
course, event and trainer.

A course's trainer is the course page's owner (the trainer who wrote it); an event's is
the trainer recorded with it. Results count the answers of people in the subtree.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.periods import year_bounds
from lms.permissions import check_organisation
from lms.scope import under

from ..models import RATING_FIELDS, Applied, EventAttendance, FeedbackAnswer, FollowUpAnswer
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
    """Sums and counts, so that course and event answers of one trainer can be merged."""

    label: str
    answers: int = 0
    sums: dict = field(default_factory=dict)
    follow_ups: dict = field(default_factory=dict)  # Applied value -> answers
    link: dict | None = None

    def add(self, row):
        self.answers += row["answers"]
        for name in RATING_FIELDS:
            self.sums[name] = self.sums.get(name, 0) + (row[f"sum_{name}"] or 0)

    def average(self, name):
        if not self.answers:
            return None
        return round(self.sums.get(name, 0) / self.answers, 2)

    @property
    def followed_up(self):
        return sum(self.follow_ups.values())

    def applied_share(self, value):
        return percent(self.follow_ups.get(value, 0), self.followed_up)

    def values(self, with_follow_ups=True):
        cells = [self.label, self.answers, *(self.average(name) for name in RATING_FIELDS)]
        if with_follow_ups:
            cells += [self.followed_up, *(self.applied_share(value) for value in Applied.values)]
        return cells


def _rating_sums():
    return {"answers": Count("pk"), **{f"sum_{name}": Sum(name) for name in RATING_FIELDS}}


def _scoped(queryset, user_path, organisation, *, year, category):
    queryset = queryset.filter(under(organisation, f"{user_path}__profile__organisation"))
    if year:
        start, end = year_bounds(year)
        queryset = queryset.filter(created_at__gte=start, created_at__lt=end)
    if category:
        queryset = queryset.filter(**{f"{user_path}__profile__category": category})
    return queryset.order_by()


def _trainer_name(first, last, email):
    return f"{first} {last}".strip() or email or _("(no trainer)")


@dataclass
class FeedbackReport:
    by_course: list
    by_event: list
    by_trainer: list
    comments: list  # (date, subject, kind, text)
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
                        columns=[Column(_("Date")), Column(_("About")), Column(_("Question")),
                                 Column(_("Answer"))],
                        rows=[list(comment) for comment in self.comments]),
        ]


def feedback_report(user, organisation, *, year=None, course=None, category=None):
    """Questionnaire and follow-up results of the people in ``organisation``'s subtree, per
    course, event and trainer, with their latest comments. Six queries."""
    check_organisation(user, organisation)
    scope = {"organisation": organisation, "year": year, "category": category}
    answers = FeedbackAnswer.objects.all()
    course_answers = _scoped(answers.filter(enrolment__isnull=False), "enrolment__user", **scope)
    follow_up_answers = _scoped(FollowUpAnswer.objects.all(), "enrolment__user", **scope)
    event_answers = _scoped(answers.filter(attendance__isnull=False), "attendance__user", **scope)
    if course:
        course_answers = course_answers.filter(enrolment__course=course)
        follow_up_answers = follow_up_answers.filter(enrolment__course=course)
        event_answers = event_answers.none()

    courses, trainers = {}, {}

    def trainer(key, name):
        return trainers.setdefault(key, Ratings(label=name))

    owner = ("enrolment__course__owner_id", "enrolment__course__owner__first_name",
             "enrolment__course__owner__last_name", "enrolment__course__owner__email")
    for row in course_answers.values("enrolment__course_id", "enrolment__course__title", *owner).annotate(
        **_rating_sums()
    ):
        pk = row["enrolment__course_id"]
        courses.setdefault(pk, Ratings(label=row["enrolment__course__title"], link={"course": pk})).add(row)
        trainer(("user", row[owner[0]]), _trainer_name(*(row[name] for name in owner[1:]))).add(row)

    for row in follow_up_answers.values("enrolment__course_id", "enrolment__course__title", *owner,
                                        "applied").annotate(n=Count("pk")):
        pk = row["enrolment__course_id"]
        target = courses.setdefault(pk, Ratings(label=row["enrolment__course__title"], link={"course": pk}))
        target.follow_ups[row["applied"]] = target.follow_ups.get(row["applied"], 0) + row["n"]
        person = trainer(("user", row[owner[0]]), _trainer_name(*(row[name] for name in owner[1:])))
        person.follow_ups[row["applied"]] = person.follow_ups.get(row["applied"], 0) + row["n"]

    events = []
    event_fields = ("attendance__event_id", "attendance__event__title", "attendance__event__date",
                    "attendance__event__trainer_id", "attendance__event__trainer_name",
                    "attendance__event__trainer__first_name", "attendance__event__trainer__last_name",
                    "attendance__event__trainer__email")
    for row in event_answers.values(*event_fields).annotate(**_rating_sums()):
        label = f"{row['attendance__event__title']} ({date_format(row['attendance__event__date'])})"
        event = Ratings(label=label)
        event.add(row)
        events.append((row["attendance__event__date"], event))
        if row["attendance__event__trainer_id"]:
            key = ("user", row["attendance__event__trainer_id"])
            name = _trainer_name(row["attendance__event__trainer__first_name"],
                                 row["attendance__event__trainer__last_name"],
                                 row["attendance__event__trainer__email"])
        else:
            key = ("name", row["attendance__event__trainer_name"].strip())
            name = key[1] or _("(no trainer)")
        trainer(key, name).add(row)

    comments = _comments(course_answers, follow_up_answers, event_answers)
    return FeedbackReport(
        by_course=sorted(courses.values(), key=lambda r: str(r.label)),
        by_event=[event for _date, event in sorted(events, key=lambda pair: pair[0], reverse=True)],
        by_trainer=sorted(trainers.values(), key=lambda r: str(r.label)),
        comments=comments,
        title=organisation.name,
    )


def _comments(course_answers, follow_up_answers, event_answers):
    """The latest non-empty free-text answers, newest first (three queries)."""
    applied = dict(Applied.choices)
    rows = [
        (at, title, _("Questionnaire"), text)
        for at, title, text in course_answers.exclude(comment="")
        .order_by("-created_at")
        .values_list("created_at", "enrolment__course__title", "comment")[:COMMENTS_LIMIT]
    ]
    rows += [
        (at, title, _("Follow-up"), f"{applied[value]}. {text}")
        for at, title, value, text in follow_up_answers.exclude(example="")
        .order_by("-created_at")
        .values_list("created_at", "enrolment__course__title", "applied", "example")[:COMMENTS_LIMIT]
    ]
    rows += [
        (at, title, _("Questionnaire"), text)
        for at, title, text in event_answers.exclude(comment="")
        .order_by("-created_at")
        .values_list("created_at", "attendance__event__title", "comment")[:COMMENTS_LIMIT]
    ]
    rows.sort(key=lambda row: row[0], reverse=True)
    return [
        (timezone.localtime(at).date(), title, kind, text) for at, title, kind, text in rows[:COMMENTS_LIMIT]
    ]
