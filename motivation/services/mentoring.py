"""Mentoring: pairing, ending, and what a mentor may see of a mentee.

A mentor sees, for each active pairing of theirs, the mentee's name and organisation, the
courses they are enrolled in with their progress, and their test results — read through
``mentee_progress``, which selects nothing else. Anything else (another mentor's mentee, an
ended pairing) is "not found".
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import services as lms_services
from lms.models import Enrolment, User
from lms.permissions import can_view_organisation, check_organisation, may_lead
from quizzes.services import gain_by, whole_percent

from ..models import Mentorship

# What a mentor sees of each of the mentee's enrolments, and nothing more.
PROGRESS_FIELDS = (
    "pk",
    "course_id",
    "course__title",
    "enrolled_at",
    "deadline",
    "last_activity_at",
    "completed_at",
    "lessons_done",
    "lessons_total",
    "post_test_score",
)


def _person(email):
    return (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=email.strip().lower())
        .select_related("profile__organisation")
        .first()
    )


def _in_scope(admin, user):
    organisation = getattr(getattr(user, "profile", None), "organisation", None)
    return organisation is not None and may_lead(admin, organisation)


def pair(admin, *, mentor_email, mentee_email, started_on=None):
    """An administrator pairs a mentee with a mentor; both must be active members of the
    administrator's subtree, and a mentee has one mentor at a time."""
    mentor, mentee = _person(mentor_email), _person(mentee_email)
    errors = {}
    for key, person in (("mentor_email", mentor), ("mentee_email", mentee)):
        if person is None or not person.is_active or not _in_scope(admin, person):
            errors[key] = _("No member of your organisations has this email.")
    if errors:
        raise ValidationError(errors)
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee_email": _("A person cannot mentor themselves.")})
    if Mentorship.objects.active().filter(mentee=mentee).exists():
        raise ValidationError({"mentee_email": _("This person already has a mentor.")})
    try:
        with transaction.atomic():
            return Mentorship.objects.create(
                mentor=mentor,
                mentee=mentee,
                organisation=mentee.profile.organisation,
                started_on=started_on or timezone.localdate(),
                created_by=admin,
            )
    except IntegrityError:  # paired a moment ago by another request
        raise ValidationError({"mentee_email": _("This person already has a mentor.")}) from None


def end(admin, mentorship, on=None):
    """End a pairing: the mentor no longer sees the mentee, and reminders stop."""
    check_organisation(admin, mentorship.organisation)
    Mentorship.objects.filter(pk=mentorship.pk, ended_on__isnull=True).update(
        ended_on=on or timezone.localdate()
    )


def _with_progress(mentorships):
    return mentorships.annotate(
        courses_completed=Count(
            "mentee__enrolments", filter=Q(mentee__enrolments__completed_at__isnull=False)
        ),
        courses_in_progress=Count(
            "mentee__enrolments", filter=Q(mentee__enrolments__completed_at__isnull=True)
        ),
        last_progress=Max(
            Coalesce("mentee__enrolments__last_activity_at", "mentee__enrolments__enrolled_at")
        ),
    )


def mentorships_within(admin, organisation):
    """Pairings of ``organisation``'s subtree with each mentee's progress, for the
    administrator. One query (per page)."""
    check_organisation(admin, organisation)
    return _with_progress(
        Mentorship.objects.under(organisation)
        .select_related("mentor", "mentee", "organisation", "mentor__profile__organisation")
        .order_by("ended_on", "-started_on", "-pk")
    )


def mentees_of(mentor):
    """The mentor's active pairings, with each mentee's progress counts. One query."""
    return _with_progress(
        Mentorship.objects.active()
        .filter(mentor=mentor)
        .select_related("mentee", "organisation")
        .order_by("mentee__last_name", "mentee__first_name", "pk")
    )


def mentor_of(mentee):
    """The person's active pairing as a mentee, with the mentor, or None."""
    return Mentorship.objects.active().filter(mentee=mentee).select_related("mentor").first()


def mentorship_for_mentor(mentor, mentorship_id):
    """The active pairing ``mentorship_id`` of this mentor, or None for anything else
    (another mentor's pairing, an ended one, a made-up number)."""
    if not mentor.is_authenticated:
        return None
    return (
        Mentorship.objects.active()
        .filter(pk=mentorship_id, mentor=mentor)
        .select_related("mentee", "organisation")
        .first()
    )


@dataclass
class MenteeProgress:
    name: str
    organisation: str
    enrolments: list  # dicts of PROGRESS_FIELDS, with "pre" and "gain" added


def mentee_progress(mentorship):
    """The mentee's name and organisation, their enrolments' progress and their test
    results (best final test score; first pre-test and learning gain where both tests were
    taken). Two queries."""
    mentee = mentorship.mentee
    enrolments = list(lms_services.dashboard_enrolments(mentee).values(*PROGRESS_FIELDS))
    gains = {row["course"]: row for row in gain_by(Enrolment.objects.filter(user=mentee), "course")}
    for row in enrolments:
        gain = gains.get(row["course_id"], {})
        row["pre"], row["gain"] = whole_percent(gain.get("pre_avg")), whole_percent(gain.get("gain_avg"))
        row["post_test_score"] = whole_percent(row["post_test_score"])
    return MenteeProgress(
        # Never the email: the mentor sees a name and an organisation only.
        name=mentee.get_full_name() or _("Your mentee"),
        organisation=str(mentorship.organisation),
        enrolments=enrolments,
    )


def pairing_for_admin(admin, mentorship_id):
    """A pairing of the administrator's subtree, or None."""
    found = Mentorship.objects.select_related("organisation").filter(pk=mentorship_id).first()
    if found is None or not can_view_organisation(admin, found.organisation):
        return None
    return found
