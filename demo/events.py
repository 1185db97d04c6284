"""Demo reports data for ``manage.py seed_demo``: in-person events in two regions with
their participants and questionnaire answers, so that the coverage, feedback and dashboard
pages have something to show (``demo/data/events.json``). Running it again changes nothing."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lms.models import Enrolment, LearnerCategory, LearnerProfile, Organisation, Tier, Topic, User
from lms.roles import Role
from reports.models import EventAttendance, EventKind, FeedbackAnswer, TrainingEvent

from . import loaders


def _region(short_name):
    return Organisation.objects.get(depth=2, name_ru__startswith=short_name)


def _ensure_participant(email, last_name, first_name, category, organisation, group):
    """Participants have no usable password: they stand for members recorded at seminars."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"username": email.split("@")[0], "first_name": first_name, "last_name": last_name,
                  "password": make_password(None)},
    )
    if created:
        user.groups.add(group)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    LearnerProfile.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "category": category}
    )
    return user


def _event_date(spec):
    """An event's date: ``days_ago``, or a ``date`` of a year offset from this one, a month and a day."""
    today = timezone.localdate()
    if "days_ago" in spec:
        return today - datetime.timedelta(days=spec["days_ago"])
    when = spec["date"]
    return datetime.date(today.year + when["year_offset"], when["month"], when["day"])


@transaction.atomic
def build_demo_reports():
    """Events, participants and answers of the demo union; returns (events, attendances)."""
    demo = loaders.events()
    group = Group.objects.get(name=Role.MEMBER)
    for spec in demo["participants"]:
        committee_node = _region(spec["region"]).get_children()[spec["committee"]]
        _ensure_participant(spec["email"], spec["last_name"], spec["first_name"],
                            LearnerCategory(spec["category"]),
                            committee_node.get_children()[spec["school"]], group)
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    comments = demo["comments"]
    for position, spec in enumerate(demo["events"]):
        organiser = _region(spec["region"])
        if spec["committee"] is not None:
            organiser = organiser.get_children()[spec["committee"]]
        trainer = spec["trainer"]  # a user's email, or the name of a trainer from outside
        trainer_user = people.get(trainer)
        event, _created = TrainingEvent.objects.get_or_create(
            title=spec["title"], organisation=organiser,
            defaults={"kind": EventKind(spec["kind"]), "tier": Tier(spec["tier"]),
                      "topic": Topic.objects.filter(slug=spec["topic"]).first(),
                      "date": _event_date(spec), "trainer": trainer_user,
                      "trainer_name": "" if trainer_user else trainer, "hours": 6},
        )
        for number, email in enumerate(spec["participants"]):
            attendance, _created = EventAttendance.objects.get_or_create(event=event, user=people[email])
            if (number + position) % 3 != 2:  # most participants answered the questionnaire
                FeedbackAnswer.objects.get_or_create(
                    attendance=attendance,
                    defaults={"overall": 5 - (number % 2), "usefulness": 5 - (number % 3),
                              "trainer_rating": 4 + (position % 2), "materials": 3 + (number % 3),
                              "comment": comments[(number + position) % len(comments)]},
                )
    feedback = dict(demo["course_feedback"])
    finished = Enrolment.objects.filter(user__email=feedback.pop("email"), completed_at__isnull=False)
    for enrolment in finished:
        FeedbackAnswer.objects.get_or_create(enrolment=enrolment, defaults=feedback)
    return TrainingEvent.objects.count(), EventAttendance.objects.count()
