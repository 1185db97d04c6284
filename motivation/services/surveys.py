"""Needs surveys: sending one to a subtree, answering it once, and the results per topic
and learner category, counted by the database."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Func, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import LearnerCategory, LearnerProfile, Topic
from lms.permissions import check_organisation
from lms.scope import under
from reports.services import privacy
from reports.services.tables import Column, ReportTable, percent

from ..models import NeedsSurvey, PreferredFormat, PreferredTime, SurveyResponse

HINT_TOPICS = 5
COMMENTS_SHOWN = 50


class SurveyRefused(Exception):
    """The survey cannot be answered (closed, not for this person, or answered already)."""


def surveys_within(user, organisation):
    check_organisation(user, organisation)
    return (
        NeedsSurvey.objects.under(organisation)
        .select_related("organisation")
        .annotate(answers=Count("responses"))
        .order_by("-opens_on", "-pk")
    )


def create_survey(user, survey, topics):
    """Save a survey an administrator wrote for their subtree, with the topics it offers."""
    check_organisation(user, survey.organisation)
    survey.created_by = user
    with transaction.atomic():
        survey.save()
        survey.topics.set(topics)
    return survey


def survey_for_admin(user, survey_id):
    """A survey sent within the administrator's subtree, or None."""
    survey = NeedsSurvey.objects.select_related("organisation").filter(pk=survey_id).first()
    if survey is None:
        return None
    try:
        check_organisation(user, survey.organisation)
    except PermissionDenied:
        return None
    return survey


def _profile(user):
    return LearnerProfile.objects.filter(user=user).select_related("organisation").first()


def open_surveys_for(user, organisation, today=None):
    """Surveys sent to the person's ``organisation`` or above it, open today, not answered."""
    today = today or timezone.localdate()
    answered = SurveyResponse.objects.filter(survey=OuterRef("pk"), user=user)
    return (
        NeedsSurvey.objects.for_member_of(organisation)
        .open_on(today)
        .filter(~Exists(answered))
        .order_by("closes_on", "pk")
    )


def survey_for_member(user, organisation, survey_id):
    """(survey, the person's answer or None) of a survey sent to their ``organisation`` or
    above it; (None, None) for any other survey."""
    survey = NeedsSurvey.objects.for_member_of(organisation).filter(pk=survey_id).first()
    if survey is None:
        return None, None
    return survey, SurveyResponse.objects.filter(survey=survey, user=user).first()


def answer(user, survey, *, topics, preferred_format, preferred_time, comment="", now=None):
    """Record a member's answer, once. The topics must be among those the survey offers."""
    now = now or timezone.now()
    profile = _profile(user)
    if (
        profile is None
        or profile.organisation is None
        or not profile.organisation.is_within(survey.organisation)
    ):
        raise SurveyRefused(_("This survey is not addressed to your organisation."))
    if not survey.is_open(timezone.localdate(now)):
        raise SurveyRefused(_("This survey is closed."))
    offered = set(survey.topics.values_list("pk", flat=True))
    chosen = [topic.pk if isinstance(topic, Topic) else int(topic) for topic in topics]
    if not chosen or not set(chosen) <= offered:
        raise SurveyRefused(_("Choose topics from the list."))
    if SurveyResponse.objects.filter(survey=survey, user=user).exists():
        raise SurveyRefused(_("You have already answered this survey. Thank you!"))
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                user=user,
                category=profile.category,
                organisation=profile.organisation,
                preferred_format=preferred_format,
                preferred_time=preferred_time,
                comment=comment,
                answered_at=now,
            )
            response.topics.set(chosen)
    except IntegrityError:  # answered a moment ago in another tab
        raise SurveyRefused(_("You have already answered this survey. Thank you!")) from None
    return response


# --- Results ---------------------------------------------------------------------------

OTHER_CATEGORIES = "other"


def category_columns(respondents_by_category):
    """The learner categories the topics table may break down by: each with enough
    respondents to show (``privacy``), and the others together as OTHER_CATEGORIES when
    they make a group. If the others are too few to show, and yet their answers could be
    worked out from the total, the table has no breakdown at all; nor when the others would
    be the only column."""
    large = [
        code for code in LearnerCategory.values if privacy.may_show(respondents_by_category.get(code, 0))
    ]
    rest = sum(n for code, n in respondents_by_category.items() if code not in large)
    if not rest:
        return large
    if large and privacy.may_show(rest):
        return [*large, OTHER_CATEGORIES]
    return []  # the others alone would repeat the total; too few, they could be worked out


def category_label(code):
    if code == OTHER_CATEGORIES:
        return _("Other categories")
    return LearnerCategory(code).label


@dataclass
class SurveyResults:
    survey: NeedsSurvey
    respondents: int
    categories: list  # category columns of the topics table (``category_columns``)
    by_topic: list  # (topic name, total, {category column: count}) most wanted first
    formats: list  # (label, count, percent)
    times: list
    comments: list  # comments without names or dates, in alphabetical order

    @property
    def shown(self):
        """Are there enough answers to show any (``privacy``)?"""
        return privacy.may_show(self.respondents)

    def tables(self):
        people = privacy.min_group()
        hidden = None if self.shown else ngettext(
            "Results are shown once at least %(people)d member has answered.",
            "Results are shown once at least %(people)d members have answered.",
            people,
        ) % {"people": people}
        topic_columns = [
            Column(_("Topic")),
            Column(_("Answers"), "int"),
            *(Column(category_label(code), "int") for code in self.categories),
        ]
        by_topic = ReportTable(
            key="survey-topics",
            title=_("Topics wanted, by learner category"),
            columns=topic_columns,
            rows=[
                [name, total, *(counts.get(code, 0) for code in self.categories)]
                for name, total, counts in self.by_topic
            ],
            empty_text=hidden,
        )

        def shares(key, title, rows):
            return ReportTable(
                key=key,
                title=title,
                columns=[
                    Column(title),
                    Column(_("Answers"), "int"),
                    Column(_("% of respondents"), "percent"),
                ],
                rows=[list(row) for row in rows],
                empty_text=hidden,
            )

        comments = ReportTable(
            key="survey-comments",
            title=_("Comments"),
            columns=[Column(_("Answer"))],
            rows=[[comment] for comment in self.comments],
            empty_text=hidden or _("No one wrote a comment."),
        )
        return [
            by_topic,
            shares("survey-formats", _("Preferred format"), self.formats),
            shares("survey-times", _("Preferred time"), self.times),
            comments,
        ]


def survey_results(user, survey):
    """How many members wanted each topic, per learner category (the category they had
    when answering), the preferred formats and times, and comments without their authors;
    nothing of it unless enough members answered, and no category of too few (``privacy``).
    Four queries."""
    check_organisation(user, survey.organisation)
    totals = (
        SurveyResponse.objects.filter(survey=survey)
        .order_by()
        .values("category", "preferred_format", "preferred_time")
        .annotate(n=Count("pk"))
    )
    formats, times, by_category = defaultdict(int), defaultdict(int), defaultdict(int)
    for row in totals:
        formats[row["preferred_format"]] += row["n"]
        times[row["preferred_time"]] += row["n"]
        by_category[row["category"]] += row["n"]
    respondents = sum(formats.values())
    results = SurveyResults(survey=survey, respondents=respondents, categories=[], by_topic=[],
                            formats=[], times=[], comments=[])
    if not results.shown:
        return results

    columns = category_columns(by_category)
    per_topic = (
        SurveyResponse.topics.through.objects.filter(surveyresponse__survey=survey)
        .values("topic_id", "surveyresponse__category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = defaultdict(lambda: defaultdict(int))
    for row in per_topic:
        code = row["surveyresponse__category"]
        column = code if code in columns else OTHER_CATEGORIES
        counts[row["topic_id"]][column] += row["n"]
    topics = {topic.pk: topic.name for topic in Topic.objects.filter(pk__in=counts)}
    by_topic = sorted(
        ((topics[pk], sum(per.values()), dict(per)) for pk, per in counts.items() if pk in topics),
        key=lambda row: (-row[1], row[0]),
    )

    def shares(choices, found):
        return [
            (label, found.get(value, 0), percent(found.get(value, 0), respondents))
            for value, label in choices
        ]

    latest = (
        SurveyResponse.objects.filter(survey=survey)
        .exclude(comment="")
        .order_by("-answered_at")
        .values_list("comment", flat=True)[:COMMENTS_SHOWN]
    )
    results.categories = columns
    results.by_topic = by_topic
    results.formats = shares(PreferredFormat.choices, formats)
    results.times = shares(PreferredTime.choices, times)
    results.comments = sorted(latest)
    return results


def wanted_topics(organisation, year, limit=HINT_TOPICS):
    """The topics members of ``organisation``'s subtree asked for most in surveys answered
    in ``year`` or the year before: the hint shown beside a training plan; none unless
    enough members answered (``privacy``). One query."""
    answered = {"answered_at__year__in": [year - 1, year]}
    respondents = (
        SurveyResponse.objects.filter(under(organisation, "organisation"), **answered)
        .order_by()
        # COUNT as a plain function: one row for the whole subtree, with no GROUP BY.
        .values(n=Func(F("pk"), function="COUNT"))
    )
    topics = list(
        Topic.objects.filter(
            under(organisation, "survey_responses__organisation"),
            **{f"survey_responses__{name}": value for name, value in answered.items()},
        )
        .annotate(wanted=Count("survey_responses"), respondents=Subquery(respondents))
        .order_by("-wanted", "name_ru")[:limit]
    )
    if topics and not privacy.may_show(topics[0].respondents):
        return []
    return topics
