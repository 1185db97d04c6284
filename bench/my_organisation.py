"""How long "My organisation" takes for the chair of a school of 1,500 members on PostgreSQL.

    .venv/bin/python bench/my_organisation.py [--members 1500] [--others 20000] [--runs 15] [--keep]

Creates a scratch database (``oqu_my_organisation``, dropped first if it exists, and dropped
at the end unless --keep), migrates it and fills it: a school of ``--members`` members with
a year and a half of training (completed courses, webinars attended, the school's seminars,
courses in progress, some stalled) and ``--others`` members of another school beside it.
Then times the services behind the page (a page of 50 members, the tab counts, the
coverage line, the printable summary for this year) and, if the lead's view exists at
``motivation:my_organisation``, the whole page through Django's test client signed in as
the school's chair; prints the median and the maximum of ``--runs`` runs.
"""

import argparse
import datetime
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import union_data  # noqa: E402
from bench.timing import timed  # noqa: E402

DATABASE = "oqu_my_organisation"


def report(label, timings, extra=""):
    print(f"{label}: median {statistics.median(timings) * 1000:.1f} ms, "
          f"max {max(timings) * 1000:.1f} ms over {len(timings)} runs{extra}")


def crowd(organisation, size, prefix, rng):
    from lms.models import LearnerCategory, LearnerProfile, User

    categories = [LearnerCategory.MEMBER] * 6 + [LearnerCategory.YOUNG_TEACHER] * 2 + [
        value for value in LearnerCategory.values
        if value not in (LearnerCategory.MEMBER, LearnerCategory.PRIMARY_CHAIR)]
    users = User.objects.bulk_create([
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org", password="!",
             first_name=rng.choice(["Айгерім", "Гүлнар", "Ержан", "Мария", "Асель"]),
             last_name=f"{rng.choice(['Ахметова', 'Иванова', 'Сейтқали', 'Омаров'])} {n}")
        for n in range(size)
    ], batch_size=2000)
    LearnerProfile.objects.bulk_create([
        LearnerProfile(user=user, organisation=organisation, category=rng.choice(categories))
        for user in users
    ], batch_size=2000)
    return users


def training(users, courses, webinars, events, rng, now):
    """Per member: 40% completed a course or two this year, 10% last year; 25% in a course
    now, half of those stalled; 25% attended a webinar; the school's seminars."""
    from content.models import WebinarRegistration
    from lms.models import Enrolment
    from reports.models import EventAttendance

    enrolments, registrations, attendances = [], [], []
    this_year = now.replace(month=1, day=1)
    for user in users:
        chosen = rng.sample(courses, 3)
        if rng.random() < 0.4:
            for course in chosen[:rng.choice((1, 1, 2))]:
                done = this_year + (now - this_year) * rng.random()
                enrolments.append(Enrolment(user=user, course=course, completed_at=done,
                                            enrolled_at=done - datetime.timedelta(days=10),
                                            last_activity_at=done))
        elif rng.random() < 0.15:
            done = this_year - datetime.timedelta(days=rng.randint(1, 300))
            enrolments.append(Enrolment(user=user, course=chosen[0], completed_at=done,
                                        enrolled_at=done - datetime.timedelta(days=10),
                                        last_activity_at=done))
        if rng.random() < 0.25:
            seen = now - datetime.timedelta(days=rng.choice((2, 5, 40, 90)))
            enrolments.append(Enrolment(user=user, course=chosen[2], enrolled_at=seen,
                                        last_activity_at=seen))
        if rng.random() < 0.25:
            webinar = rng.choice(webinars)
            registrations.append(WebinarRegistration(
                webinar=webinar, user=user, registered_at=webinar.starts_at,
                attended_at=webinar.starts_at))
        for event in events:
            if rng.random() < 0.08:
                attendances.append(EventAttendance(event=event, user=user))
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    WebinarRegistration.objects.bulk_create(registrations, batch_size=2000)
    EventAttendance.objects.bulk_create(attendances, batch_size=2000)
    return len(enrolments), len(registrations), len(attendances)


def build(members, others, seed=24):
    """The union's tree down to two schools, the courses, webinars and seminars, and the
    members with their training. Returns (school, chair)."""
    from django.utils import timezone

    from lms import services
    from lms.models import LearnerCategory, OrganisationKind
    from reports.models import EventKind, TrainingEvent
    from tests.content.factories import webinar, webinar_list_page
    from tests.lms.factories import catalogue_page, course, member

    rng = random.Random(seed)
    now = timezone.now()
    add = services.add_organisation
    root = add(None, kind=OrganisationKind.CENTRAL_COMMITTEE, name_ru="ЦК", name_kk="ОК",
               member_count=600_000)
    region = add(root, kind=OrganisationKind.MEMBER_ORGANISATION, name_ru="Алматинская",
                 name_kk="Алматы облысы", member_count=40_000)
    district = add(region, kind=OrganisationKind.DISTRICT_COMMITTEE, name_ru="Горком",
                   name_kk="Қалалық", member_count=20_000)
    school = add(district, kind=OrganisationKind.PRIMARY_ORGANISATION, name_ru="Школа № 24",
                 name_kk="№ 24 мектеп", member_count=members + 50)
    neighbour = add(district, kind=OrganisationKind.PRIMARY_ORGANISATION, name_ru="Колледж",
                    name_kk="Колледж", member_count=others)

    catalogue = catalogue_page()
    courses = [course(catalogue, modules=1, lessons=1) for _ in range(12)]
    index = webinar_list_page()
    webinars = [webinar(index, starts_in=-datetime.timedelta(days=days)) for days in (10, 60, 150, 250)]
    today = timezone.localdate()
    events = [
        TrainingEvent.objects.create(organisation=organisation, kind=EventKind.SEMINAR,
                                     title=f"Семинар {n}", trainer_name="Гүлнар Әбдірахманова",
                                     date=today - datetime.timedelta(days=30 * n))
        for organisation in (school, neighbour) for n in range(1, 7)
    ]

    chair = member(school, category=LearnerCategory.PRIMARY_CHAIR, last_name="Председатель")
    figures = training(crowd(school, members - 1, "m", rng), courses, webinars, events[:6], rng, now)
    training(crowd(neighbour, others, "n", rng), courses, webinars, events[6:], rng, now)
    print(f"school: {members:,} members, {figures[0]:,} enrolments, {figures[1]:,} webinars "
          f"attended, {figures[2]:,} seminar attendances; {others:,} members in another school")
    return school, chair


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1500)
    parser.add_argument("--others", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database at the end")
    args = parser.parse_args()

    union_data.use_database(DATABASE, fresh=True)
    try:
        run(args)
    finally:
        if not args.keep:
            drop()


def run(args):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from motivation.services import leading, leading_summary

    settings.ALLOWED_HOSTS = ["*"]
    print(f"PostgreSQL {connection.cursor().connection.info.server_version}")
    school, chair = build(args.members, args.others)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    year = timezone.localdate().year

    def page():
        return list(leading.with_status(leading.members(school, year), "all")[:50])

    def counts():
        return leading.status_counts(leading.members(school, year))

    def line():
        return leading.coverage_line(school, year)

    def summary():
        return leading_summary.summary(chair, school)

    for label, function in (("members page of 50", page), ("status counts", counts),
                            ("coverage line", line), ("summary (this year)", summary)):
        with CaptureQueriesContext(connection) as queries:
            result, timings = timed(function, args.runs)
        extra = f"; {len(queries) // (args.runs + 1)} queries"
        if label == "status counts":
            extra += f"; {result}"
        if label == "coverage line":
            extra += f"; {result.trained:,} trained = {result.percent}% of {result.members:,}"
        report(label, timings, extra)

    summary_view(chair, args.runs)

    try:
        url = reverse("motivation:my_organisation")
    except NoReverseMatch:
        print("whole page: motivation:my_organisation does not exist yet, skipped")
        return
    client = Client()
    client.force_login(chair)
    for status in ("all", "stalled"):
        def whole(s=status):
            response = client.get(url, {"status": s})
            assert response.status_code == 200, response.status_code
            return response
        with CaptureQueriesContext(connection) as queries:
            response, timings = timed(whole, args.runs)
        report(f"whole page ({url}?status={status}) as the chair", timings,
               f"; {len(queries) // (args.runs + 1)} queries, {len(response.content) // 1024} KiB")


def summary_view(chair, runs):
    """The printable summary and its XLSX through the view (by its URL if the lead has
    added it, else called with a request of Django's RequestFactory)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import Client, RequestFactory
    from django.urls import NoReverseMatch, reverse

    from motivation.views.leading_summary import summary_page

    try:
        url = reverse("motivation:organisation_summary")
    except NoReverseMatch:
        url = None
    client = Client()
    client.force_login(chair)
    for query in ({}, {"export": "xlsx"}):
        if url:
            def view(q=query):
                return client.get(url, q)
        else:
            def view(q=query):
                request = RequestFactory().get("/motivation/organisation/summary/", q)
                request.user = chair
                request.session = import_module(settings.SESSION_ENGINE).SessionStore()
                request._messages = FallbackStorage(request)
                return summary_page(request)
        response, timings = timed(view, runs)
        assert response.status_code == 200, response.status_code
        report(f"summary view{' XLSX' if query else ''} ({'by URL' if url else 'called directly'})",
               timings, f"; {len(response.content) // 1024} KiB")


def drop():
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{union_data.SERVER_URL}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    print(f"dropped the database {DATABASE}")


if __name__ == "__main__":
    main()
