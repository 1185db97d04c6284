"""Demo reports data for ``manage.py seed_demo``: in-person events in two regions with
their participants and questionnaire answers, so that the coverage, feedback and dashboard
pages have something to show. Running it again changes nothing."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lms.models import Enrolment, LearnerProfile, Organisation, Tier, Topic, User
from lms.models import LearnerCategory as C
from lms.roles import Role
from reports.models import EventAttendance, EventKind, FeedbackAnswer, TrainingEvent

# Participants without a usable password: they stand for members recorded at seminars.
PARTICIPANTS = [  # (email, last name, first name, category, region, committee index, school index)
    ("abai.participant1@example.org", "Серікбаева", "Динара", C.MEMBER, "Абай", 0, 0),
    ("abai.participant2@example.org", "Қасымов", "Әлібек", C.AUDIT_COMMISSION, "Абай", 0, 1),
    ("abai.participant3@example.org", "Нұрланова", "Гүлжан", C.ACTIVIST, "Абай", 0, 2),
    ("abai.participant4@example.org", "Жақсылықов", "Бауыржан", C.PRIMARY_CHAIR, "Абай", 1, 0),
    ("abai.participant5@example.org", "Омарова", "Сәуле", C.CONCILIATION_COMMISSION, "Абай", 1, 2),
    ("abai.participant6@example.org", "Ивлева", "Наталья", C.ACCOUNTANT, "Абай", 0, 0),
    ("kostanay.participant1@example.org", "Сидоренко", "Ирина", C.MEMBER, "Костанай", 0, 0),
    ("kostanay.participant2@example.org", "Тулегенов", "Марат", C.PRIMARY_CHAIR, "Костанай", 0, 1),
    ("kostanay.participant3@example.org", "Ахметова", "Жанар", C.ACTIVIST, "Костанай", 1, 0),
]

# (title, kind, tier, topic slug, region, committee index or None, trainer email or name,
#  days ago or a (year offset, month, day), participants)
EVENTS = [
    ("Трудовой кодекс: права и гарантии педагогов", EventKind.SEMINAR, Tier.REGIONAL_SCHOOL, "labour-law",
     "Абай", None, "trainer@example.org", 12,
     ["member.kk@example.org", "chair@example.org", "abai.participant1@example.org",
      "abai.participant2@example.org", "abai.participant4@example.org"]),
    ("Коллективный договор в школе", EventKind.ROUND_TABLE, Tier.DISTRICT_SCHOOL, "collective-bargaining",
     "Абай", 0, "Жұмабеков Ерлан", 30,
     ["abai.participant3@example.org", "abai.participant5@example.org", "abai.participant6@example.org",
      "chair@example.org"]),
    ("Ревизионная работа в первичной организации", EventKind.TRAINING, Tier.REGIONAL_SCHOOL,
     "audit-and-finance", "Абай", None, "trainer@example.org", (-1, 10, 15),
     ["abai.participant2@example.org", "abai.participant6@example.org", "member.kk@example.org"]),
    ("Медиация в трудовых спорах", EventKind.TRAINING, Tier.REGIONAL_SCHOOL, "labour-disputes",
     "Костанай", None, "Иванова Светлана", 20,
     ["member.ru@example.org", "kostanay.participant1@example.org", "kostanay.participant2@example.org"]),
    ("Обмен опытом: охрана труда в колледжах", EventKind.EXPERIENCE_EXCHANGE, Tier.DISTRICT_SCHOOL,
     "occupational-safety", "Костанай", 1, "Ахметова Жанар", (-1, 4, 22),
     ["kostanay.participant3@example.org", "member.ru@example.org"]),
]

COMMENTS = [
    "Очень полезно: разобрали реальные случаи из наших школ.",
    "Хотелось бы больше времени на вопросы и раздаточные материалы на казахском языке.",
    "Жақсы ұйымдастырылды, тренер түсінікті түсіндірді.",
    "",
]


def _region(short_name):
    return Organisation.objects.get(depth=2, name_ru__startswith=short_name)


def _ensure_participant(email, last_name, first_name, category, organisation, group):
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


def _event_date(when):
    today = timezone.localdate()
    if isinstance(when, int):
        return today - datetime.timedelta(days=when)
    year_offset, month, day = when
    return datetime.date(today.year + year_offset, month, day)


@transaction.atomic
def build_demo_reports():
    """Events, participants and answers of the demo union; returns (events, attendances)."""
    group = Group.objects.get(name=Role.MEMBER)
    for email, last, first, category, region, committee, school in PARTICIPANTS:
        committee_node = _region(region).get_children()[committee]
        _ensure_participant(email, last, first, category, committee_node.get_children()[school], group)
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    for position, (title, kind, tier, topic, region, committee, trainer, when, emails) in enumerate(EVENTS):
        organiser = _region(region)
        if committee is not None:
            organiser = organiser.get_children()[committee]
        trainer_user = people.get(trainer)
        event, _created = TrainingEvent.objects.get_or_create(
            title=title, organisation=organiser,
            defaults={"kind": kind, "tier": tier, "topic": Topic.objects.filter(slug=topic).first(),
                      "date": _event_date(when), "trainer": trainer_user,
                      "trainer_name": "" if trainer_user else trainer, "hours": 6},
        )
        for number, email in enumerate(emails):
            attendance, _created = EventAttendance.objects.get_or_create(event=event, user=people[email])
            if (number + position) % 3 != 2:  # most participants answered the questionnaire
                FeedbackAnswer.objects.get_or_create(
                    attendance=attendance,
                    defaults={"overall": 5 - (number % 2), "usefulness": 5 - (number % 3),
                              "trainer_rating": 4 + (position % 2), "materials": 3 + (number % 3),
                              "comment": COMMENTS[(number + position) % len(COMMENTS)]},
                )
    finished = Enrolment.objects.filter(user__email="member.ru@example.org", completed_at__isnull=False)
    for enrolment in finished:
        FeedbackAnswer.objects.get_or_create(
            enrolment=enrolment,
            defaults={"overall": 5, "usefulness": 5, "trainer_rating": 4, "materials": 4,
                      "comment": "Понятно и по делу, с примерами из школы."},
        )
    return TrainingEvent.objects.count(), EventAttendance.objects.count()
