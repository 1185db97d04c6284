"""Leading one primary organisation's training: the chair of a school's union committee
(or an administrator above it) sees who of its members is trained this year, who is not,
who is stalled in a course, and the organisation's line of the coverage table; and acts:
enrols members, reminds the stalled (once a week each), invites to a webinar, records the
school's own seminar, pairs a mentor. Progress and scores only: never answers, feedback or
survey answers (DESIGN.md §4)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import WebinarPage, WebinarRegistration
from lms import services as lms_services
from lms.models import Enrolment, LearnerCategory, OrganisationKind, User
from lms.permissions import may_lead
from lms.scope import under
from reports.models import EventAttendance, EventKind, TrainingEvent
from reports.services.coverage import CoverageRow, column_of

from ..models import MemberNotice
from ..signals import notices_sent

STATUSES = ("all", "untrained", "stalled", "trained")


def check_leads(user, organisation):
    """Only a primary organisation is led from this page, by those ``may_lead`` allows."""
    if (organisation is None or organisation.kind != OrganisationKind.PRIMARY_ORGANISATION
            or not may_lead(user, organisation)):
        raise PermissionDenied(_("You do not lead this organisation."))


def _count(queryset):
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _stall_cutoff(now):
    return now - datetime.timedelta(days=settings.REMINDER_INACTIVITY_DAYS)


def members(organisation, year, *, now=None):
    """The organisation's active members, each annotated with this year's training:
    ``completed`` courses, ``webinars`` and ``seminars`` attended, courses ``learning`` and
    of those ``stalled`` (no progress for REMINDER_INACTIVITY_DAYS). One query."""
    return members_between(organisation, datetime.date(year, 1, 1), datetime.date(year, 12, 31),
                           now=now)


def period_bounds(first_day, last_day):
    """The first moment of ``first_day`` and of the day after ``last_day``, in the site's
    time zone (Almaty): a period of whole days, both ends included."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min), zone),
        timezone.make_aware(
            datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min), zone
        ),
    )


def members_between(organisation, first_day, last_day, *, now=None):
    """``members`` for any period of whole days ``first_day``..``last_day`` (both included):
    ``completed``, ``webinars`` and ``seminars`` count what fell in the period; ``learning``
    and ``stalled`` are as of ``now``. One query."""
    now = now or timezone.now()
    start, end = period_bounds(first_day, last_day)
    enrolments = Enrolment.objects.filter(user=OuterRef("pk"))
    learning = enrolments.filter(completed_at__isnull=True, course__live=True)
    return (
        User.objects.filter(is_active=True, profile__organisation=organisation)
        .select_related("profile")
        .annotate(
            completed=_count(enrolments.completed_between(start, end)),
            learning=_count(learning),
            stalled=_count(learning.stalled(_stall_cutoff(now))),
            webinars=_count(WebinarRegistration.objects.filter(
                user=OuterRef("pk"), attended_at__gte=start, attended_at__lt=end)),
            seminars=_count(EventAttendance.objects.filter(
                user=OuterRef("pk"), event__date__gte=first_day, event__date__lte=last_day)),
        )
        .order_by("last_name", "first_name", "pk")
    )


TRAINED = Q(completed__gt=0) | Q(webinars__gt=0) | Q(seminars__gt=0)
FILTERS = {
    "all": Q(),
    "untrained": ~TRAINED,
    "stalled": Q(stalled__gt=0),
    "trained": TRAINED,
}


def with_status(queryset, status):
    return queryset.filter(FILTERS.get(status, Q()))


def status_counts(queryset):
    """{status: members} for the tabs, in one query. (The aggregates are named apart from
    the annotations: one named ``stalled`` would replace the annotation it counts.)"""
    counts = queryset.aggregate(**{f"{status}_members": Count("pk", filter=condition)
                                   for status, condition in FILTERS.items()})
    return {status: counts[f"{status}_members"] for status in FILTERS}


def trained_in(first_day, last_day):
    """A condition on users: trained in the period in any form (as coverage counts)."""
    start, end = period_bounds(first_day, last_day)
    user = OuterRef("pk")
    return (
        Q(Exists(Enrolment.objects.filter(user=user).completed_between(start, end)))
        | Q(Exists(WebinarRegistration.objects.filter(user=user, attended_at__gte=start,
                                                      attended_at__lt=end)))
        | Q(Exists(EventAttendance.objects.filter(user=user, event__date__gte=first_day,
                                                  event__date__lte=last_day)))
    )


def coverage_line_between(organisation, first_day, last_day):
    """The organisation's line of the coverage table for a period: people counted once,
    under the category their profile has now, as the coverage report counts a year. One
    query."""
    line = CoverageRow(label=organisation.name, members=organisation.member_count,
                       organisation=organisation)
    trained = (
        User.objects.filter(under(organisation, "profile__organisation"))
        .filter(trained_in(first_day, last_day))
        .values("profile__category").annotate(n=Count("pk")).order_by()
    )
    for row in trained:
        column = column_of(row["profile__category"])
        line.counts[column] = line.counts.get(column, 0) + row["n"]
    return line


def coverage_line(organisation, year):
    """The organisation's line of the union's coverage table for ``year``. One query."""
    line = coverage_line_between(organisation, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    line.year = year
    return line


def _own_members(organisation, user_ids):
    ids = [int(pk) for pk in user_ids if str(pk).isdigit()]
    return list(User.objects.filter(pk__in=ids, is_active=True, profile__organisation=organisation))


@dataclass
class EnrolmentResult:
    enrolled: int = 0
    already: int = 0
    refused: int = 0


def enrol_members(leader, organisation, user_ids, course):
    """Enrol the chosen members of the organisation in ``course``; ids of anyone else are
    ignored. Members who may not take the course yet (a prerequisite) are counted."""
    check_leads(leader, organisation)
    result = EnrolmentResult()
    for member in _own_members(organisation, user_ids):
        if Enrolment.objects.filter(user=member, course=course).exists():
            result.already += 1
            continue
        try:
            lms_services.enrol(member, course, source=Enrolment.Source.BULK)
        except lms_services.EnrolmentRefused:
            result.refused += 1
        else:
            result.enrolled += 1
    return result


def enrol_category(leader, organisation, course, category):
    """Enrol every member of ``category`` in the organisation, through the bulk enrolment
    (a task works through it)."""
    check_leads(leader, organisation)
    if category not in LearnerCategory.values:
        raise ValidationError({"category": _("Unknown learner category.")})
    return lms_services.request_bulk_enrolment(
        leader, course=course, organisation=organisation, category=category
    )


def _monday(now):
    today = timezone.localdate(now)
    return today - datetime.timedelta(days=today.weekday())


def _announce(notices):
    ids = [notice.pk for notice in notices]
    if ids:
        transaction.on_commit(lambda: notices_sent.send(sender=MemberNotice, notice_ids=ids))


class NoticeRefused(Exception):
    pass


@transaction.atomic
def remind(leader, organisation, user_id, *, now=None):
    """Remind a stalled member to go on with her course: once a week per member, whoever
    sends it. Raises NoticeRefused with the reason."""
    check_leads(leader, organisation)
    now = now or timezone.now()
    [member] = _own_members(organisation, [user_id]) or [None]
    if member is None:
        raise NoticeRefused(_("This person is not a member of your organisation."))
    stalled = (
        Enrolment.objects.filter(user=member, course__live=True).stalled(_stall_cutoff(now))
        .order_by("last_seen").select_related("course").first()
    )
    if stalled is None:
        raise NoticeRefused(_("%(name)s has no stalled course.") % {"name": member.display_name})
    try:
        with transaction.atomic():
            notice = MemberNotice.objects.create(
                kind=MemberNotice.Kind.STALLED_COURSE, member=member, organisation=organisation,
                sent_by=leader, created_at=now, week=_monday(now), course=stalled.course,
            )
    except IntegrityError:
        raise NoticeRefused(
            _("%(name)s has already been reminded this week; you can remind her again from "
              "next Monday.") % {"name": member.display_name}
        ) from None
    _announce([notice])
    return notice


@transaction.atomic
def invite(leader, organisation, user_ids, webinar, *, now=None):
    """Invite the chosen members to an upcoming webinar; each is invited once. Returns how
    many were invited now."""
    check_leads(leader, organisation)
    now = now or timezone.now()
    if not webinar.live or webinar.starts_at <= now:
        raise NoticeRefused(_("This webinar is over or not published."))
    chosen = _own_members(organisation, user_ids)
    already = set(MemberNotice.objects.filter(
        kind=MemberNotice.Kind.WEBINAR, webinar=webinar, member__in=chosen
    ).values_list("member_id", flat=True))
    MemberNotice.objects.bulk_create([
        MemberNotice(kind=MemberNotice.Kind.WEBINAR, member=member, organisation=organisation,
                     sent_by=leader, created_at=now, webinar=webinar)
        for member in chosen if member.pk not in already
    ], ignore_conflicts=True)
    created = list(MemberNotice.objects.filter(
        kind=MemberNotice.Kind.WEBINAR, webinar=webinar, member__in=chosen, created_at=now,
        sent_by=leader,
    ))
    _announce(created)
    return len(created)


@transaction.atomic
def record_seminar(leader, organisation, *, title, date, trainer_name, user_ids, hours=None):
    """The school's own seminar (a meeting of its school of union activists), with the
    members who came: it counts in coverage like any in-person event."""
    check_leads(leader, organisation)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give the topic of the seminar.")
    if date is None or date > timezone.localdate():
        errors["date"] = _("Give the date the seminar took place (not in the future).")
    attendees = _own_members(organisation, user_ids)
    if not attendees:
        errors["members"] = _("Tick the members who came.")
    if errors:
        raise ValidationError(errors)
    event = TrainingEvent.objects.create(
        organisation=organisation, kind=EventKind.SEMINAR, title=title.strip()[:255], date=date,
        trainer_name=(trainer_name or "").strip()[:255], hours=hours,
    )
    EventAttendance.objects.bulk_create(
        [EventAttendance(event=event, user=member) for member in attendees]
    )
    return event


def upcoming_webinars(now=None):
    """Published webinars that have not started yet: those a member can still be invited to."""
    now = now or timezone.now()
    return WebinarPage.objects.live().filter(starts_at__gt=now).order_by("starts_at")
