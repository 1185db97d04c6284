"""A realistic union at full scale, generated into an empty PostgreSQL database.

``manage.py generate_union --members 600000`` builds what the union's tables describe: the
Central Committee, the 20 member organisations (members in the proportions of the seeds),
10 district committees in each and about 9,000 primary organisations; the members with the
learner categories of the coverage tables and their languages; and five years of training:
enrolments in the demo courses, lesson progress, pre- and post-test attempts, completions,
certificates, webinars with registrations and attendance, and in-person events with their
attendance.

The course, test, library and webinar pages are the demo ones (made through Wagtail, so
they are real pages with lessons and questions); everything counted in hundreds of
thousands is written with COPY and INSERT ... SELECT over the members' ids, in one
transaction, so a failure leaves the database as it was. Numbers come from fixed hashes of
the ids, not from a random generator: the same command gives the same union.
"""

import datetime
import math
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from content.models import WebinarIndexPage, WebinarPage
from lms.models import LearnerCategory, Organisation

from .banks import build_demo_tests
from .courses import build_courses
from .home import ensure_home_page, set_up_home_page
from .library import build_demo_library
from .union import MEMBER_ORGANISATIONS

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, for path steps of 4
STEP = 4
DISTRICTS_PER_REGION = 10
SCHOOLS = 9_000
YEARS = 5
CHUNK = 20_000  # members per statement, so the progress bar moves
COMPLETED_PER_MILLE = 450
EVENTS_PER_YEAR = 2_000
WEBINARS_PER_YEAR = 12

# Learner categories by share of members, per mille: mostly rank-and-file members, then
# activists, the audit and conciliation commissions and the chairs (the coverage tables'
# columns), and the smaller groups the catalogue targets.
CATEGORY_SHARES = [
    (LearnerCategory.MEMBER, 700), (LearnerCategory.ACTIVIST, 100),
    (LearnerCategory.AUDIT_COMMISSION, 50), (LearnerCategory.CONCILIATION_COMMISSION, 40),
    (LearnerCategory.PRIMARY_CHAIR, 25), (LearnerCategory.YOUNG_TEACHER, 40),
    (LearnerCategory.PERSONNEL_RESERVE, 15), (LearnerCategory.ACCOUNTANT, 10),
    (LearnerCategory.SAFETY_INSPECTOR, 8), (LearnerCategory.LEGAL_INSPECTOR, 7),
    (LearnerCategory.DISTRICT_CHAIR, 5),
]
NAMES = [  # (first name, family name), Kazakh and Russian, as the members' lists hold them
    ("Айгерім", "Сейтқалиқызы"), ("Нұрлан", "Оспанов"), ("Гүлнар", "Жұмабаева"),
    ("Ержан", "Әбдірахманов"), ("Әсел", "Құдайбергенова"), ("Дәурен", "Төлеубаев"),
    ("Жанар", "Ахметова"), ("Қанат", "Серікбаев"), ("Салтанат", "Нұрғалиева"),
    ("Бауыржан", "Жақсылықов"), ("Елена", "Кузнецова"), ("Ольга", "Иванова"),
    ("Сергей", "Петренко"), ("Наталья", "Сидоренко"), ("Ирина", "Ким"), ("Андрей", "Шевченко"),
]


class GeneratorError(Exception):
    pass


@dataclass
class Phase:
    """One step of the generation and the number of rows or members it goes through."""

    label: str
    total: int


@dataclass
class GeneratedUnion:
    members: int
    organisations: int
    districts: int
    schools: int
    enrolments: int
    completed: int
    lesson_progress: int
    attempts: int
    certificates: int
    webinars: int
    registrations: int
    attended: int
    events: int
    event_attendances: int
    years: tuple


class NoProgress:
    """The progress interface ``generate_union`` reports to (a tqdm bar in the command)."""

    def start(self, phase):
        pass

    def advance(self, count):
        pass

    def finish(self, phase):
        pass


def tree_path(*steps):
    """The treebeard materialised path of the node reached by ``steps`` (1-based)."""
    out = ""
    for step in steps:
        digits = ""
        for _ in range(STEP):
            step, rest = divmod(step, len(ALPHABET))
            digits = ALPHABET[rest] + digits
        out += digits
    return out


def shares(total, weights):
    """``total`` split in proportion to ``weights`` by largest remainder: sums exactly."""
    if not any(weights):
        weights = [1] * len(weights)
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def organisation_rows(members, schools):
    """(id, path, depth, numchild, kind, name_ru, name_kk, member_count) of the whole tree,
    schools last and numbered in order, and each school's member count in that order."""
    region_members = shares(members, [row[2] for row in MEMBER_ORGANISATIONS])
    regions = len(MEMBER_ORGANISATIONS)
    region_schools = [DISTRICTS_PER_REGION + extra for extra in
                      shares(schools - DISTRICTS_PER_REGION * regions, region_members)]
    tree, school_rows, school_members = [], [], []
    region_rows, district_rows = [], []
    next_id = 2
    for r, ((name_ru, name_kk, _count, city, _district), r_members, r_schools) in enumerate(
        zip(MEMBER_ORGANISATIONS, region_members, region_schools, strict=True), start=1
    ):
        region_id, next_id = next_id, next_id + 1
        region_rows.append([region_id, tree_path(1, r), 2, DISTRICTS_PER_REGION, "member",
                            name_ru, name_kk, r_members])
        district_schools = shares(r_schools, [1] * DISTRICTS_PER_REGION)
        district_members = shares(r_members, district_schools)
        for d, (d_schools, d_members) in enumerate(zip(district_schools, district_members,
                                                       strict=True), start=1):
            district_rows.append([None, tree_path(1, r, d), 3, d_schools, "district",
                                  f"{city[0]}: районный комитет № {d}",
                                  f"{city[1]}: № {d} аудандық комитет", d_members])
            for s, s_members in enumerate(shares(d_members, [1] * d_schools), start=1):
                school_rows.append([None, tree_path(1, r, d, s), 4, 0, "primary",
                                    f"Школа № {s}, {city[0]}, район {d}",
                                    f"№ {s} мектеп, {city[1]}, {d} аудан", s_members])
                school_members.append(s_members)
    tree.append([1, tree_path(1), 1, len(MEMBER_ORGANISATIONS), "central",
                 "Центральный комитет", "Орталық комитет", members])
    tree.extend(region_rows)
    for row in district_rows + school_rows:
        row[0], next_id = next_id, next_id + 1
    tree.extend(district_rows)
    tree.extend(school_rows)
    return tree, school_members


def _category(n):
    bound = (n * 7919) % 1000
    for category, share in CATEGORY_SHARES:
        if bound < share:
            return category
        bound -= share
    return LearnerCategory.MEMBER


def _copy(cursor, sql, rows, progress):
    with cursor.copy(sql) as copy:
        for count, row in enumerate(rows, start=1):
            copy.write_row(row)
            if count % CHUNK == 0:
                progress.advance(CHUNK)
    progress.advance(count % CHUNK)


def _chunked(cursor, sql, params, first, last, progress):
    """Run ``sql`` (with %(lo)s and %(hi)s) over member ids first..last in chunks."""
    for lo in range(first, last + 1, CHUNK):
        hi = min(lo + CHUNK - 1, last)
        cursor.execute(sql, {**params, "lo": lo, "hi": hi})
        progress.advance(hi - lo + 1)


def _count(cursor, sql, params=None):
    cursor.execute(sql, params or {})
    return cursor.fetchone()[0]


def _content(years_from):
    """The demo courses with their tests, the library and the demo webinars, and past
    webinars spread over the years. Returns (courses, webinars) as lists of ids."""
    set_up_home_page()
    courses = build_courses()
    build_demo_tests()
    build_demo_library()
    index = WebinarIndexPage.objects.child_of(ensure_home_page()).get(slug="webinars")
    now = timezone.now()
    first = datetime.datetime(years_from, 1, 20, 5, tzinfo=datetime.UTC)
    count = max(int((now - first).days / 365 * WEBINARS_PER_YEAR), 1)
    step = (now - first) / count
    for n in range(count):
        if not WebinarPage.objects.filter(slug=f"archive-{n + 1}").exists():
            index.add_child(instance=WebinarPage(
                title=f"Вебинар-архив № {n + 1}: права педагога", slug=f"archive-{n + 1}",
                speaker="Методический совет", starts_at=first + step * n, duration_minutes=90,
                capacity=5_000, language="ru" if n % 2 else "kk",
            ))
    webinars = list(WebinarPage.objects.filter(starts_at__lt=now).values_list("pk", flat=True))
    return [course.pk for course in courses.values()], webinars


def generate_union(members, enrolments=None, *, schools=SCHOOLS, progress=None):
    """Generate the union into the current, empty PostgreSQL database."""
    if connection.vendor != "postgresql":
        raise GeneratorError("generate_union needs PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
    if members < 1:
        raise GeneratorError("--members must be at least 1.")
    if Organisation.objects.exists():
        raise GeneratorError("The database already holds organisations: generate into an empty database "
                             "(create a new one and run `manage.py migrate` first).")
    enrolments = members * 5 // 3 if enrolments is None else enrolments
    schools = max(min(schools, members // 20), DISTRICTS_PER_REGION * len(MEMBER_ORGANISATIONS))
    progress = progress or NoProgress()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Check foreign keys statement by statement, inside the phases the progress bar
            # shows, rather than millions of them at once at the commit.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        union = _generate(members, enrolments, schools, progress)
    progress.start(phase := Phase("statistics for the query planner", 1))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    progress.advance(1)
    progress.finish(phase)
    return union


def _generate(members, enrolments, schools, progress):
    today = timezone.localdate()
    years = tuple(range(today.year - YEARS + 1, today.year + 1))
    start = datetime.datetime(years[0], 1, 1, tzinfo=datetime.UTC)
    span = int((timezone.now() - start).total_seconds())
    progress.start(phase := Phase("courses, tests, library and webinars", 1))
    course_ids, webinar_ids = _content(years[0])
    progress.advance(1)
    progress.finish(phase)
    with connection.cursor() as cursor:
        base = _count(cursor, "SELECT COALESCE(MAX(id), 0) FROM lms_user")
        first, last = base + 1, base + members
        params = {"base": base, "start": start, "span": span, "members": members,
                  "enrolments": enrolments, "courses": course_ids}
        tree, school_members = _organisations(cursor, members, schools, progress)
        _members(cursor, params, tree, school_members, progress)
        phases = [
            ("enrolments", _ENROLMENTS), ("lesson progress", _LESSON_PROGRESS),
            ("pre-test attempts", _PRE_ATTEMPTS), ("post-test attempts", _POST_ATTEMPTS),
            ("final scores", _FINAL_SCORES), ("course certificates", _COURSE_CERTIFICATES),
        ]
        params.update(_course_facts(cursor, course_ids))
        for label, sql in phases:
            progress.start(phase := Phase(label, members))
            _chunked(cursor, sql, params, first, last, progress)
            progress.finish(phase)
        _webinars_and_events(cursor, {**params, "webinars": webinar_ids, "years": years,
                                      "first": first, "last": last}, progress)
        _fix_sequences(cursor)
    return summary()


def _organisations(cursor, members, schools, progress):
    tree, school_members = organisation_rows(members, schools)
    progress.start(phase := Phase("organisations", len(tree)))
    _copy(cursor, "COPY lms_organisation (id, path, depth, numchild, kind, name_ru, name_kk, "
                  "member_count) FROM STDIN", tree, progress)
    progress.finish(phase)
    return tree, school_members


def _members(cursor, params, tree, school_members, progress):
    """Users and their learner profiles; each school gets exactly its member_count."""
    base, members = params["base"], params["members"]
    joined = params["start"]
    progress.start(phase := Phase("members", members))

    def users():
        for n in range(1, members + 1):
            first_name, family = NAMES[(n * 31) % len(NAMES)]
            yield (base + n, "!", False, f"member{n}", first_name, family, f"member{n}@union.example.org",
                   False, True, joined)

    _copy(cursor, "COPY lms_user (id, password, is_superuser, username, first_name, last_name, email, "
                  "is_staff, is_active, date_joined) FROM STDIN", users(), progress)
    progress.finish(phase)

    school_ids = [row[0] for row in tree if row[2] == 4]
    progress.start(phase := Phase("learner profiles", members))

    def profiles():
        n = 0
        for school_id, count in zip(school_ids, school_members, strict=True):
            for _ in range(count):
                n += 1
                yield (base + n, school_id, _category(n), "", "", "", "kk" if n % 20 < 11 else "ru")

    _copy(cursor, "COPY lms_learnerprofile (user_id, organisation_id, category, claimed_category, "
                  "position, phone, language) FROM STDIN", profiles(), progress)
    progress.finish(phase)


def _course_facts(cursor, course_ids):
    """Per course (in the order of ``course_ids``): its pre- and post-test, pass mark, hours
    and title; and the (course, lesson) pairs of the live lessons."""
    cursor.execute(
        "SELECT c.page_ptr_id, p.title, COALESCE(c.estimated_hours, 1), "
        "  (SELECT id FROM quizzes_quiz q WHERE q.course_id = c.page_ptr_id AND q.role = 'pre'), "
        "  (SELECT id FROM quizzes_quiz q WHERE q.course_id = c.page_ptr_id AND q.role = 'post'), "
        "  (SELECT pass_mark FROM quizzes_quiz q WHERE q.course_id = c.page_ptr_id AND q.role = 'post') "
        "FROM lms_coursepage c JOIN wagtailcore_page p ON p.id = c.page_ptr_id WHERE c.page_ptr_id = ANY(%s)",
        [course_ids],
    )
    facts = {row[0]: row[1:] for row in cursor.fetchall()}
    cursor.execute(
        "SELECT c.id, l.id FROM wagtailcore_page c JOIN wagtailcore_page l "
        "ON l.path LIKE c.path || '%%' AND l.live "
        "JOIN lms_lessonpage lp ON lp.page_ptr_id = l.id WHERE c.id = ANY(%s) ORDER BY l.path",
        [course_ids],
    )
    lessons = cursor.fetchall()
    return {
        "titles": [facts[c][0] for c in course_ids],
        "hours": [facts[c][1] for c in course_ids],
        "pre": [facts[c][2] for c in course_ids],
        "post": [facts[c][3] for c in course_ids],
        "pass_mark": [facts[c][4] or 70 for c in course_ids],
        "lesson_course": [c for c, _lesson in lessons],
        "lesson_id": [lesson for _c, lesson in lessons],
    }


# Member n (id base + n) takes floor(E*n/N) - floor(E*(n-1)/N) courses, so the enrolments
# sum to E exactly; the k-th is course (7n + k) mod C. It starts at a point of the five years
# given by a hash; COMPLETED_PER_MILLE of them end 1-40 days later if that moment has passed.
_ENROLMENTS = f"""
INSERT INTO lms_enrolment (user_id, course_id, source, enrolled_at, completed_at, last_activity_at)
SELECT user_id, course_id, CASE WHEN n %% 4 = 0 THEN 'bulk' ELSE 'self' END, enrolled_at,
       CASE WHEN done AND finished < now() THEN finished END,
       CASE WHEN done AND finished < now() THEN finished
            ELSE LEAST(enrolled_at + interval '2 days', now()) END
FROM (
  SELECT u AS user_id, n,
         (%(courses)s::int[])[1 + (7 * n + k) %% cardinality(%(courses)s::int[])] AS course_id,
         %(start)s::timestamptz + ((n * 2654435761 + k * 104729) %% %(span)s) * interval '1 second'
           AS enrolled_at,
         (n * 31 + k * 17) %% 1000 < {COMPLETED_PER_MILLE} AS done,
         %(start)s::timestamptz + ((n * 2654435761 + k * 104729) %% %(span)s) * interval '1 second'
           + (1 + (n + k) %% 40) * interval '1 day' AS finished
  FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) u,
       LATERAL (SELECT u - %(base)s AS n) m,
       LATERAL generate_series(0, LEAST(
         (%(enrolments)s::bigint * n) / %(members)s - (%(enrolments)s::bigint * (n - 1)) / %(members)s,
         cardinality(%(courses)s::int[])) - 1) k
) e
"""

# Completed enrolments have every live lesson done; half of the others the first lesson.
_LESSON_PROGRESS = """
INSERT INTO lms_lessonprogress (enrolment_id, lesson_id, completed_at)
SELECT e.id, cl.lesson_id, COALESCE(e.completed_at, e.last_activity_at)
FROM lms_enrolment e
JOIN unnest(%(lesson_course)s::int[], %(lesson_id)s::int[]) WITH ORDINALITY AS cl(course_id, lesson_id, o)
  ON cl.course_id = e.course_id
WHERE e.user_id BETWEEN %(lo)s AND %(hi)s
  AND (e.completed_at IS NOT NULL OR (e.id %% 2 = 0 AND cl.o = (
       SELECT MIN(o2) FROM unnest(%(lesson_course)s::int[]) WITH ORDINALITY AS c2(course_id, o2)
       WHERE c2.course_id = e.course_id)))
"""

# Every enrolment in a course with a pre-test has one submitted pre-test attempt.
_PRE_ATTEMPTS = """
INSERT INTO quizzes_attempt (quiz_id, user_id, number, started_at, expires_at, submitted_at, score, passed)
SELECT f.pre, e.user_id, 1, e.enrolled_at + interval '10 minutes', NULL,
       e.enrolled_at + interval '25 minutes', 20 + (e.id * 37) %% 60, NULL
FROM lms_enrolment e
JOIN unnest(%(courses)s::int[], %(pre)s::bigint[]) AS f(course_id, pre) ON f.course_id = e.course_id
WHERE e.user_id BETWEEN %(lo)s AND %(hi)s AND f.pre IS NOT NULL
"""

# A completed enrolment passed the post-test at its last of one to three attempts (the demo
# tests allow three); of the others, a third never took it and the rest failed once or twice.
_POST_ATTEMPTS = """
INSERT INTO quizzes_attempt (quiz_id, user_id, number, started_at, expires_at, submitted_at, score, passed)
SELECT f.post, e.user_id, a.number, t.at, t.at + interval '30 minutes', t.at + interval '20 minutes',
       s.score, s.score >= f.pass_mark
FROM lms_enrolment e
JOIN unnest(%(courses)s::int[], %(post)s::bigint[], %(pass_mark)s::int[]) AS f(course_id, post, pass_mark)
  ON f.course_id = e.course_id
CROSS JOIN LATERAL generate_series(1, CASE WHEN e.completed_at IS NOT NULL THEN 1 + e.id %% 3
                                           ELSE e.id %% 3 END) AS a(number)
CROSS JOIN LATERAL (SELECT COALESCE(e.completed_at, e.last_activity_at)
                      - (1 + e.id %% 3 - a.number) * interval '1 day' - interval '20 minutes' AS at) t
CROSS JOIN LATERAL (SELECT CASE
    WHEN e.completed_at IS NOT NULL AND a.number = 1 + e.id %% 3
      THEN f.pass_mark + (e.id * 13 + a.number) %% (101 - f.pass_mark)
    ELSE 30 + (e.id * 13 + a.number) %% GREATEST(f.pass_mark - 30, 1) END AS score) s
WHERE e.user_id BETWEEN %(lo)s AND %(hi)s AND f.post IS NOT NULL
"""

# A completed enrolment keeps the score of its passed post-test, as completion stores it
# (the passing attempt's score above, computed the same way rather than looked up).
_FINAL_SCORES = """
UPDATE lms_enrolment e
SET final_score = f.pass_mark + (e.id * 13 + 1 + e.id %% 3) %% (101 - f.pass_mark)
FROM unnest(%(courses)s::int[], %(post)s::bigint[], %(pass_mark)s::int[]) AS f(course_id, post, pass_mark)
WHERE f.course_id = e.course_id AND f.post IS NOT NULL AND e.completed_at IS NOT NULL
  AND e.user_id BETWEEN %(lo)s AND %(hi)s
"""

# One certificate per completed enrolment, numbered from its id like the issuing task does
# ("2025-0001234"; past seven digits the whole id: lpad alone would cut it and repeat serials);
# the PDF is drawn when it is first downloaded.
_COURSE_CERTIFICATES = """
INSERT INTO certificates_certificate (id, serial, code, kind, user_id, enrolment_id, holder_name, title,
  hours, completed_on, score, language, pdf, issued_at, revoked_reason)
SELECT c.id, to_char(c.completed_at, 'YYYY') || '-' || lpad(c.id::text, greatest(7, length(c.id::text)), '0'),
       translate(upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)), '01', 'YZ'),
       'course', c.user_id, c.enrolment_id, u.first_name || ' ' || u.last_name, c.title, c.hours,
       c.completed_at::date, c.score, p.language, '', c.completed_at + interval '1 minute', ''
FROM (
  SELECT nextval(pg_get_serial_sequence('certificates_certificate', 'id')) AS id, e.id AS enrolment_id,
         e.user_id, e.completed_at, f.title, f.hours, e.final_score AS score
  FROM lms_enrolment e
  JOIN unnest(%(courses)s::int[], %(titles)s::text[], %(hours)s::int[])
    AS f(course_id, title, hours) ON f.course_id = e.course_id
  WHERE e.user_id BETWEEN %(lo)s AND %(hi)s AND e.completed_at IS NOT NULL
  ORDER BY e.id
) c
JOIN lms_user u ON u.id = c.user_id
JOIN lms_learnerprofile p ON p.user_id = c.user_id
"""


def _webinars_and_events(cursor, params, progress):
    """Every fourth member registered for a past webinar (three in four attended, a third of
    those asked for a certificate); a third of the members attended an in-person event."""
    years = params["years"]
    progress.start(phase := Phase("webinars and events", 4))
    cursor.execute(
        "INSERT INTO content_webinarregistration (webinar_id, user_id, registered_at, attended_at) "
        "SELECT w.page_ptr_id, u, w.starts_at - (1 + u %% 10) * interval '1 day', "
        "  CASE WHEN u %% 16 <> 1 THEN w.starts_at + interval '3 minutes' END "
        "FROM generate_series(%(first)s::bigint, %(last)s::bigint) u "
        "JOIN content_webinarpage w "
        "  ON w.page_ptr_id = (%(webinars)s::int[])[1 + (u / 4 * 13) %% cardinality(%(webinars)s::int[])] "
        "WHERE u %% 4 = 1",
        params,
    )
    progress.advance(1)
    cursor.execute(
        "INSERT INTO certificates_certificate (id, serial, code, kind, user_id, registration_id, "
        "  holder_name, "
        "  title, hours, completed_on, language, pdf, issued_at, revoked_reason) "
        "SELECT c.id, "
        "  to_char(c.attended_at, 'YYYY') || '-' || lpad(c.id::text, greatest(7, length(c.id::text)), '0'), "
        "  translate(upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)), '01', 'YZ'), "
        "  'webinar', "
        "  c.user_id, "
        "  c.registration_id, u.first_name || ' ' || u.last_name, c.title, 2, c.attended_at::date, "
        "  p.language, '', c.attended_at + interval '2 hours', '' "
        "FROM (SELECT nextval(pg_get_serial_sequence('certificates_certificate', 'id')) AS id, "
        "        r.id AS registration_id, r.user_id, r.attended_at, pg.title "
        "      FROM content_webinarregistration r JOIN wagtailcore_page pg ON pg.id = r.webinar_id "
        "      WHERE r.attended_at IS NOT NULL AND r.id %% 3 = 0 ORDER BY r.id) c "
        "JOIN lms_user u ON u.id = c.user_id JOIN lms_learnerprofile p ON p.user_id = c.user_id",
        params,
    )
    progress.advance(1)
    first_district = 2 + len(MEMBER_ORGANISATIONS)
    districts = len(MEMBER_ORGANISATIONS) * DISTRICTS_PER_REGION
    days = (timezone.localdate() - datetime.date(years[0], 1, 1)).days
    cursor.execute(
        "INSERT INTO reports_trainingevent (kind, title, date, tier, organisation_id, trainer_name, place, "
        "  created_at) "
        "SELECT (ARRAY['seminar','training','round_table','experience_exchange','conference',"
        "  'offsite_seminar'])[1 + n %% 6], 'Семинар № ' || n, "
        "  %(day_one)s::date + ((n * 7919) %% %(days)s)::int, "
        "  (ARRAY['district','regional','centre'])[1 + n %% 3], %(first_district)s + n %% %(districts)s, "
        "  'Тренер № ' || (1 + n %% 50), 'Актовый зал', now() "
        "FROM generate_series(1, %(events)s::bigint) n",
        {"day_one": datetime.date(years[0], 1, 1), "days": max(days, 1), "first_district": first_district,
         "districts": districts, "events": EVENTS_PER_YEAR * len(years)},
    )
    progress.advance(1)
    # A member attends an event of their own district committee.
    cursor.execute(
        "INSERT INTO reports_eventattendance (event_id, user_id, recorded_at) "
        "SELECT ev.id, p.user_id, ev.created_at "
        "FROM lms_learnerprofile p JOIN lms_organisation school ON school.id = p.organisation_id "
        "JOIN lms_organisation district ON district.path = substr(school.path, 1, 12) "
        "CROSS JOIN LATERAL (SELECT id, created_at FROM reports_trainingevent t "
        "  WHERE t.organisation_id = district.id ORDER BY t.id "
        "  OFFSET (p.user_id %% 7) LIMIT 1) ev "
        "WHERE p.user_id BETWEEN %(first)s AND %(last)s AND p.user_id %% 3 = 2",
        params,
    )
    progress.advance(1)
    progress.finish(phase)


def _fix_sequences(cursor):
    for table in ("lms_organisation", "lms_user"):
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")


def summary():
    """Counts by the database itself, and the five years they span."""
    this_year = timezone.localdate().year
    with connection.cursor() as cursor:
        def count(sql):
            return _count(cursor, sql)

        return GeneratedUnion(
            members=count("SELECT COUNT(*) FROM lms_learnerprofile WHERE organisation_id IS NOT NULL"),
            organisations=count("SELECT COUNT(*) FROM lms_organisation"),
            districts=count("SELECT COUNT(*) FROM lms_organisation WHERE kind = 'district'"),
            schools=count("SELECT COUNT(*) FROM lms_organisation WHERE kind = 'primary'"),
            enrolments=count("SELECT COUNT(*) FROM lms_enrolment"),
            completed=count("SELECT COUNT(*) FROM lms_enrolment WHERE completed_at IS NOT NULL"),
            lesson_progress=count("SELECT COUNT(*) FROM lms_lessonprogress"),
            attempts=count("SELECT COUNT(*) FROM quizzes_attempt"),
            certificates=count("SELECT COUNT(*) FROM certificates_certificate"),
            webinars=count("SELECT COUNT(*) FROM content_webinarpage"),
            registrations=count("SELECT COUNT(*) FROM content_webinarregistration"),
            attended=count("SELECT COUNT(*) FROM content_webinarregistration WHERE attended_at IS NOT NULL"),
            events=count("SELECT COUNT(*) FROM reports_trainingevent"),
            event_attendances=count("SELECT COUNT(*) FROM reports_eventattendance"),
            years=tuple(range(this_year - YEARS + 1, this_year + 1)),
        )
