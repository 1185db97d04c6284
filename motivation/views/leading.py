"""My organisation: the chair of a primary organisation (or an administrator above it)
sees her members' training this year and acts on it (``services.leading``)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import CoursePage, LearnerCategory, Organisation
from lms.periods import this_year
from lms.permissions import chaired_organisation

from ..services import leading as service
from ..services import mentoring

MEMBERS_PER_PAGE = 50


def _led_organisation(request):
    """The organisation in ``?org=`` (a chair's own by default), if the user leads it."""
    raw = request.GET.get("org", "")
    if raw:
        organisation = Organisation.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    else:
        organisation = chaired_organisation(request.user)
    try:
        service.check_leads(request.user, organisation)
    except PermissionDenied:
        raise Http404 from None
    return organisation


def _ids(request):
    return request.POST.getlist("members")


def _back(organisation, status, page=None):
    query = {"org": organisation.pk, "status": status}
    if page:
        query["page"] = page
    return redirect(f"{reverse('motivation:my_organisation')}?{urlencode(query)}")


def _date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def _course(request):
    raw = request.POST.get("course", "")
    return CoursePage.objects.live().filter(pk=int(raw)).first() if raw.isdigit() else None


def _act(request, organisation):
    """Carry out the action the pressed button names; returns nothing, tells by messages."""
    user, post = request.user, request.POST
    if post.get("remind"):
        try:
            notice = service.remind(user, organisation, post["remind"])
        except service.NoticeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("%(name)s is reminded to go on with “%(course)s”.")
                             % {"name": notice.member.display_name, "course": notice.course.title})
        return
    action = post.get("action", "")
    if action in ("enrol", "enrol_category"):
        course = _course(request)
        if course is None:
            messages.error(request, _("Choose a course."))
        elif action == "enrol":
            if not _ids(request):
                messages.error(request, _("Tick the members to enrol."))
                return
            result = service.enrol_members(user, organisation, _ids(request), course)
            messages.success(request, _(
                "Enrolled in “%(course)s”: %(enrolled)d; already enrolled: %(already)d; "
                "not yet allowed (a prerequisite): %(refused)d."
            ) % {"course": course.title, "enrolled": result.enrolled, "already": result.already,
                 "refused": result.refused})
        else:
            category = post.get("category", "")
            try:
                service.enrol_category(user, organisation, course, category)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("All members of the category “%(category)s” are being "
                                            "enrolled in “%(course)s”.")
                                 % {"category": LearnerCategory(category).label, "course": course.title})
    elif action == "invite":
        raw = post.get("webinar", "")
        webinar = service.upcoming_webinars().filter(pk=int(raw)).first() if raw.isdigit() else None
        if webinar is None or not _ids(request):
            messages.error(request, _("Choose a webinar and tick the members to invite."))
            return
        try:
            invited = service.invite(user, organisation, _ids(request), webinar)
        except service.NoticeRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, ngettext(
                "%(count)d member is invited to “%(title)s”.",
                "%(count)d members are invited to “%(title)s”.", invited,
            ) % {"count": invited, "title": webinar.title})
    elif action == "seminar":
        try:
            service.record_seminar(
                user, organisation, title=post.get("title", ""), date=_date(post.get("date")),
                trainer_name=post.get("trainer", ""), user_ids=_ids(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The seminar is recorded; it counts in the coverage."))
    elif action == "pair":
        try:
            mentoring.pair(user, mentor_email=post.get("mentor_email", ""),
                           mentee_email=post.get("mentee_email", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The mentor and the mentee are paired."))


@login_required
def my_organisation(request):
    organisation = _led_organisation(request)
    status = request.GET.get("status", "all")
    if status not in service.STATUSES:
        status = "all"
    if request.method == "POST":
        _act(request, organisation)
        return _back(organisation, status, request.GET.get("page"))
    year = this_year()
    everyone = service.members(organisation, year)
    listing = Paginator(service.with_status(everyone, status), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "motivation/my_organisation.html", {
        "organisation": organisation,
        "year": year,
        "status": status,
        "counts": service.status_counts(everyone),
        "line": service.coverage_line(organisation, year),
        "listing": listing,
        "courses": CoursePage.objects.live().order_by("title").only("pk", "title", "language"),
        "webinars": service.upcoming_webinars().only("pk", "title", "starts_at"),
        "categories": LearnerCategory.choices,
        "today": datetime.date.today().isoformat(),
    })
