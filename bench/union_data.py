"""A generated union of 600,000 members on PostgreSQL, for benchmarks.

    from bench import union_data
    union_data.use_database()                   # before importing models: django.setup() + migrate
    summary = union_data.ensure_union()         # builds it once (about a minute), reuses it after

The tree: the Central Committee, 20 member organisations, 22 district committees in each
and 9,000 primary organisations; 600,000 members with learner categories in the proportions
of the union's tables; two years (last year and this one, up to today) of training:
enrolments in 20 courses (60 % completed), webinar registrations (75 % attended), and 2,000
in-person events with their attendance. Everything is written by INSERT ... SELECT over
generate_series and COPY, so the row count costs seconds, not hours.

The data lives in its own database (``oqu_bench`` by default), never in the integration
tests' one. A marker table remembers what was built, so a second benchmark reuses it.
"""

import datetime
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://oqu:oqu-ci@127.0.0.1:5432")
DEFAULT_DATABASE = "oqu_bench"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, for paths of 4 characters
STEP = 4

# Learner categories by share of members, per mille (the union's tables: mostly
# rank-and-file members, then activists, audit and conciliation commissions, chairs).
CATEGORY_SHARES = [
    ("member", 700), ("activist", 100), ("audit_commission", 50), ("conciliation_commission", 40),
    ("primary_chair", 25), ("young_teacher", 40), ("personnel_reserve", 15), ("accountant", 10),
    ("safety_inspector", 8), ("legal_inspector", 7), ("district_chair", 5),
]
COURSES = 20
WEBINARS = 8
EVENTS = 2_000


def use_database(name=DEFAULT_DATABASE, *, fresh=False, migrate=True):
    """Point Django at the benchmark database on the local PostgreSQL (created if missing,
    dropped first with ``fresh``), set Django up and migrate. Call before importing models."""
    import psycopg

    with psycopg.connect(f"{SERVER_URL}/postgres", autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            server.execute(f'CREATE DATABASE "{name}"')
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{SERVER_URL}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


@dataclass
class UnionSummary:
    members: int
    organisations: int
    schools: int
    enrolments: int
    completed: int
    registrations: int
    events: int
    attendances: int
    first_user_id: int
    root_id: int
    region_ids: list
    course_ids: list
    years: tuple
    seconds: float


def _path(*steps):
    out = ""
    for step in steps:
        digits = ""
        for _ in range(STEP):
            step, rest = divmod(step, len(ALPHABET))
            digits = ALPHABET[rest] + digits
        out += digits
    return out


def _organisations(members, regions, districts_per_region, schools):
    """Rows (id, path, depth, numchild, kind, name_ru, name_kk, member_count), ids from 1,
    schools last and numbered contiguously; each school's members come from ``members``."""
    districts = regions * districts_per_region
    per_school, extra = divmod(members, schools)
    school_members = [per_school + (1 if i < extra else 0) for i in range(schools)]
    per_district, extra_schools = divmod(schools, districts)
    rows, next_id = [], 1
    root_id, next_id = next_id, next_id + 1
    region_rows, district_rows, school_rows = [], [], []
    school_index = 0
    for r in range(1, regions + 1):
        region_id, next_id = next_id, next_id + 1
        region_members, region_districts = 0, []
        for d in range(1, districts_per_region + 1):
            district_number = (r - 1) * districts_per_region + d - 1
            count = per_district + (1 if district_number < extra_schools else 0)
            district_id, next_id = next_id, next_id + 1
            district_members = 0
            for s in range(1, count + 1):
                school_rows.append([None, _path(1, r, d, s), 4, 0, "primary",
                                    f"Школа № {s}, район {district_number + 1}",
                                    f"№ {s} мектеп, {district_number + 1} аудан",
                                    school_members[school_index]])
                district_members += school_members[school_index]
                school_index += 1
            region_districts.append([district_id, _path(1, r, d), 3, count, "district",
                                     f"Районный комитет № {district_number + 1}",
                                     f"№ {district_number + 1} аудандық комитет", district_members])
            region_members += district_members
        region_rows.append([region_id, _path(1, r), 2, districts_per_region, "member",
                            f"Областная организация № {r}", f"№ {r} облыстық ұйым", region_members])
        district_rows.extend(region_districts)
    rows.append([root_id, _path(1), 1, regions, "central", "Центральный комитет", "Орталық комитет", members])
    rows.extend(region_rows)
    rows.extend(district_rows)
    for row in school_rows:
        row[0], next_id = next_id, next_id + 1
    rows.extend(school_rows)
    return rows


def _category_case(expression):
    whens, bound = [], 0
    for category, share in CATEGORY_SHARES:
        bound += share
        whens.append(f"WHEN ({expression}) %% 1000 < {bound} THEN '{category}'")  # %% for the driver
    return "CASE " + " ".join(whens) + " ELSE 'member' END"


def _pages(years):
    """Course and webinar pages through Wagtail (few, so the ORM is fast enough)."""
    from content.models import WebinarIndexPage, WebinarPage
    from lms.demo import ensure_home_page
    from lms.models import CourseIndexPage, CoursePage

    home = ensure_home_page()
    catalogue = home.add_child(instance=CourseIndexPage(title="Курсы", slug="bench-courses"))
    courses = [
        catalogue.add_child(instance=CoursePage(title=f"Курс {n}", slug=f"bench-course-{n}", summary="—"))
        for n in range(1, COURSES + 1)
    ]
    index = home.add_child(instance=WebinarIndexPage(title="Вебинары", slug="bench-webinars"))
    first = datetime.datetime(years[0], 2, 1, 10, tzinfo=datetime.UTC)
    span = (datetime.datetime.now(datetime.UTC) - first) / WEBINARS
    webinars = [
        index.add_child(instance=WebinarPage(title=f"Вебинар {n}", slug=f"bench-webinar-{n}",
                                             speaker="Тренер", starts_at=first + span * n))
        for n in range(WEBINARS)
    ]
    return [page.pk for page in courses], [page.pk for page in webinars]


def build_union(members=600_000, *, regions=20, districts_per_region=22, schools=9_000, log=print):
    """Generate the union into the (empty) current database. Returns a UnionSummary."""
    from django.db import connection, transaction

    from lms.models import Organisation

    if Organisation.objects.exists():
        raise RuntimeError("The database already holds organisations: use use_database(fresh=True).")
    started = time.perf_counter()
    today = datetime.date.today()
    years = (today.year - 1, today.year)
    span_start = datetime.datetime(years[0], 1, 1, tzinfo=datetime.UTC)
    span_seconds = int((datetime.datetime.now(datetime.UTC) - span_start).total_seconds())

    course_ids, webinar_ids = _pages(years)
    with transaction.atomic(), connection.cursor() as cursor:
        organisations = _organisations(members, regions, districts_per_region, schools)
        with cursor.copy("COPY lms_organisation (id, path, depth, numchild, kind, name_ru, name_kk, "
                         "member_count) FROM STDIN") as copy:
            for row in organisations:
                copy.write_row(row)
        cursor.execute("SELECT setval(pg_get_serial_sequence('lms_organisation', 'id'), %s)",
                       [len(organisations)])
        first_school = len(organisations) - schools + 1
        log(f"  organisations: {len(organisations):,} ({time.perf_counter() - started:.1f} s)")

        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM lms_user")
        base = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO lms_user (id, password, is_superuser, username, first_name, last_name, email, "
            "is_staff, is_active, date_joined) "
            "SELECT %s + g, '!', false, 'bench' || g, 'Айгерім', 'Сейтқалиқызы ' || g, "
            "'bench' || g || '@example.org', false, true, now() FROM generate_series(1, %s::bigint) g",
            [base, members],
        )
        cursor.execute("SELECT setval(pg_get_serial_sequence('lms_user', 'id'), %s)", [base + members])
        # Members fill the schools in order, so that each school holds its member_count.
        cursor.execute(
            "INSERT INTO lms_learnerprofile (user_id, organisation_id, category, position, phone, language) "
            f"SELECT %s + g, %s + ((g - 1) * %s / %s), {_category_case('g * 7919')}, '', '', 'ru' "
            "FROM generate_series(1, %s::bigint) g",
            [base, first_school, schools, members, members],
        )
        log(f"  members: {members:,} ({time.perf_counter() - started:.1f} s)")

        # Two users in three are enrolled in one course, every fifth in a second one; 60 %
        # complete it 1-40 days after enrolling (if that moment has passed).
        cursor.execute(
            "INSERT INTO lms_enrolment "
            "(user_id, course_id, source, enrolled_at, completed_at, last_activity_at) "
            "SELECT user_id, course_id, 'self', enrolled_at, "
            "CASE WHEN done AND finished < now() THEN finished END, "
            "CASE WHEN done AND finished < now() THEN finished ELSE enrolled_at END "
            "FROM (SELECT %s + g AS user_id, (%s::bigint[])[1 + (g + k) %% %s] AS course_id, "
            "  %s::timestamptz + ((g * 7919 + k * 104729) %% %s) * interval '1 second' AS enrolled_at, "
            "  (g * 31 + k) %% 10 < 6 AS done, "
            "  %s::timestamptz + ((g * 7919 + k * 104729) %% %s) * interval '1 second' "
            "    + (1 + (g + k) %% 40) * interval '1 day' AS finished "
            "  FROM generate_series(1, %s::bigint) g CROSS JOIN generate_series(0, 1) k "
            "  WHERE (k = 0 AND g %% 3 <> 0) OR (k = 1 AND g %% 5 = 0)) e",
            [base, course_ids, len(course_ids), span_start, span_seconds, span_start, span_seconds, members],
        )
        log(f"  enrolments ({time.perf_counter() - started:.1f} s)")

        cursor.execute(
            "INSERT INTO content_webinarregistration (webinar_id, user_id, registered_at, attended_at) "
            "SELECT w.page_ptr_id, %s + g, w.starts_at - interval '3 days', "
            "CASE WHEN g %% 4 <> 0 THEN w.starts_at END "
            "FROM generate_series(1, %s::bigint) g JOIN content_webinarpage w "
            "ON w.page_ptr_id = (%s::bigint[])[1 + (g / 6) %% %s] WHERE g %% 6 = 1",
            [base, members, webinar_ids, len(webinar_ids)],
        )
        first_district = 2 + regions
        districts = regions * districts_per_region
        cursor.execute(
            "INSERT INTO reports_trainingevent "
            "(kind, title, date, tier, organisation_id, trainer_name, place, created_at) "
            "SELECT (ARRAY['seminar','training','round_table','experience_exchange','conference',"
            "'offsite_seminar'])[1 + n %% 6], 'Семинар ' || n, "
            "(%s::date + ((n * 7919) %% %s) * interval '1 day')::date, "
            "(ARRAY['district','regional','centre'])[1 + n %% 3], %s + (n %% %s), "
            "'Тренер ' || (n %% 50), '', now() "
            "FROM generate_series(1, %s::bigint) n",
            [datetime.date(years[0], 1, 1), max((today - datetime.date(years[0], 1, 1)).days, 1),
             first_district, districts, EVENTS],
        )
        cursor.execute("SELECT MIN(id) FROM reports_trainingevent")
        first_event = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO reports_eventattendance (event_id, user_id, recorded_at) "
            "SELECT %s + ((g * 31) %% %s), %s + g, now() "
            "FROM generate_series(1, %s::bigint) g WHERE g %% 5 = 2",
            [first_event, EVENTS, base, members],
        )
        log(f"  webinars and events ({time.perf_counter() - started:.1f} s)")
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_union (members integer PRIMARY KEY, built_at timestamptz, "
            "first_user_id bigint, course_ids bigint[], years integer[], seconds real)"
        )
        cursor.execute(
            "INSERT INTO bench_union VALUES (%s, now(), %s, %s, %s, %s)",
            [members, base + 1, course_ids, list(years), time.perf_counter() - started],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    summary = summarise(members)
    log(f"  built in {summary.seconds:.1f} s")
    return summary


def summarise(members):
    """What is in the database (counts by the database itself)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT first_user_id, course_ids, years, seconds FROM bench_union WHERE members = %s",
                       [members])
        first_user_id, course_ids, years, seconds = cursor.fetchone()

        def count(sql):
            cursor.execute(sql)
            return cursor.fetchone()[0]

        return UnionSummary(
            members=count("SELECT COUNT(*) FROM lms_learnerprofile WHERE organisation_id IS NOT NULL"),
            organisations=count("SELECT COUNT(*) FROM lms_organisation"),
            schools=count("SELECT COUNT(*) FROM lms_organisation WHERE kind = 'primary'"),
            enrolments=count("SELECT COUNT(*) FROM lms_enrolment"),
            completed=count("SELECT COUNT(*) FROM lms_enrolment WHERE completed_at IS NOT NULL"),
            registrations=count("SELECT COUNT(*) FROM content_webinarregistration"),
            events=count("SELECT COUNT(*) FROM reports_trainingevent"),
            attendances=count("SELECT COUNT(*) FROM reports_eventattendance"),
            first_user_id=first_user_id,
            root_id=count("SELECT id FROM lms_organisation WHERE depth = 1"),
            region_ids=[row[0] for row in _rows(cursor, "SELECT id FROM lms_organisation WHERE depth = 2 "
                                                        "ORDER BY path")],
            course_ids=list(course_ids),
            years=tuple(years),
            seconds=seconds,
        )


def _rows(cursor, sql):
    cursor.execute(sql)
    return cursor.fetchall()


def ensure_union(members=600_000, *, log=print, **options):
    """The generated union in the current database: built once, then reused."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_union') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("SELECT 1 FROM bench_union WHERE members = %s", [members])
            if cursor.fetchone():
                return summarise(members)
            raise RuntimeError("The benchmark database holds another union: use use_database(fresh=True).")
    log(f"Generating a union of {members:,} members...")
    return build_union(members, log=log, **options)
