"""Throughput and latency of the learner pages under concurrent load, beside a bare view.

    .venv/bin/python bench/pages.py [--database NAME] [--connections 50] [--duration 20] [--workers N]

Runs gunicorn on 127.0.0.1:8100 in production settings (PostgreSQL, Redis db 5, DEBUG off;
SECURE_SSL_REDIRECT off because nothing terminates TLS in front of it) with
``bench.settings``, which adds a bare Django view returning "ok" in front of the site's
URLs. Every request is first checked to answer 200 with the expected content. Then, for
each page, wrk (bench/wrk/rotate.lua) keeps ``--connections`` requests in flight for
``--duration`` seconds after a warm-up; logged-in pages rotate through 50 benchmark
learners, each with their own session, enrolment, finished lesson and open pre-test
attempt. The bare view runs first and again after each page, and a page's ratio is taken
against the bare runs around it, so that other work on the machine skews both alike.

Prints a Markdown table (requests/s, the bare view's beside it, the ratio, p50/p95/p99
latency, errors, SQL queries of one request, CPU time per request of the gunicorn workers
and the PostgreSQL backends) and the peak memory (VmHWM) of the gunicorn processes.

The database is ``oqu_pages`` (created, migrated and filled by ``manage.py seed_demo`` if
missing), or ``--database NAME``: an existing database that holds the demo content.
"""

import argparse
import datetime
import http.client
import io
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import union_data  # noqa: E402
from bench.processes import child_pids, memory_mib  # noqa: E402

DEFAULT_DATABASE = "oqu_pages"
HOST, PORT = "127.0.0.1", 8100
REDIS_URL = "redis://127.0.0.1:6379/5"
STATIC_ROOT = Path(tempfile.gettempdir()) / "oqu_pages_static"
LEARNERS = 50
LEARNER_PREFIX = "bench-pages-"
WRK_SCRIPT = ROOT / "bench" / "wrk" / "rotate.lua"
WRK_LINE = re.compile(r"^WRK_RESULT (.*)$", re.MULTILINE)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- Settings and data -----------------------------------------------------------------


def server_environment():
    """Environment of the production settings, for this process and gunicorn alike: the
    sessions made here are signed with the server's SECRET_KEY and stored where it looks."""
    return {
        "LMS_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": HOST,
        # Plain HTTP on 127.0.0.1 with no TLS proxy, as docker/compose.yml does for local use.
        "SECURE_SSL_REDIRECT": "false",
        # Production serves static files through whitenoise's manifest: collectstatic puts it here.
        "STATIC_ROOT": str(STATIC_ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "LOG_LEVEL": "WARNING",
    }


def database_exists(name):
    """Whether the local PostgreSQL server has a database ``name``."""
    import psycopg

    with psycopg.connect(f"{union_data.SERVER_URL}/postgres", autocommit=True) as server:
        return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def has_demo_content():
    """The catalogue and at least one pre-test, as ``seed_demo`` makes them."""
    from lms.models import CourseIndexPage
    from quizzes.models import Quiz

    return CourseIndexPage.objects.live().exists() and Quiz.objects.filter(role=Quiz.Role.PRE).exists()


def open_database(name, *, given):
    """Set Django up on ``name``: a given database must exist and hold the demo content; the
    default one is created, migrated and seeded when it does not. Returns True if seeded."""
    from django.core.management import call_command

    if given and not database_exists(name):
        raise SystemExit(f"There is no database {name!r}.")
    union_data.use_database(name)
    if has_demo_content():
        return False
    if given:
        raise SystemExit(f"Database {name!r} holds no demo content: run `manage.py seed_demo` on it.")
    call_command("seed_demo", stdout=io.StringIO())
    return True


def collect_static():
    """Production pages need whitenoise's manifest of static files; unchanged files are skipped."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


# --- Learners --------------------------------------------------------------------------


@dataclass
class Learner:
    user: object
    course: object
    lesson: object
    attempt: object
    session_key: str = ""

    @property
    def cookie(self):
        from django.conf import settings

        return f"{settings.SESSION_COOKIE_NAME}={self.session_key}"


def open_pre_tests():
    """Pre-tests with questions and no time limit, of live courses with lessons that a new
    learner may enrol in (no prerequisites, no deadline passed), in catalogue order."""
    from django.db.models import Q
    from django.utils import timezone

    from quizzes.models import Quiz

    tests = (
        Quiz.objects.filter(role=Quiz.Role.PRE, time_limit_minutes__isnull=True, course__live=True,
                            banks__questions__isnull=False, course__prerequisites__isnull=True)
        .filter(Q(course__deadline__isnull=True) | Q(course__deadline__gte=timezone.localdate()))
        .select_related("course").distinct().order_by("course__path")
    )
    tests = [quiz for quiz in tests if quiz.course.lessons().exists()]
    if not tests:
        raise SystemExit("No course has a pre-test a new learner could take: is the demo content there?")
    return tests


def learner_user(number, organisation, language):
    """Benchmark learner ``number``, signed up as a member of ``organisation`` the first time.
    No usable password: sessions are made directly, so no PBKDF2 hash is ever computed."""
    from lms import services
    from lms.models import LearnerCategory, User

    username = f"{LEARNER_PREFIX}{number:02d}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User.objects.create_user(username, f"{username}@example.org")
    profile = services.complete_signup(user, first_name="Оқушы", last_name=f"№ {number}",
                                       category=LearnerCategory.MEMBER, language=language)
    services.choose_organisation(profile, organisation)
    return user


def prepare_learner(number, quiz, organisation):
    """Learner ``number`` enrolled in the quiz's course, with its first lesson done and an
    attempt at the pre-test in progress. Safe to run again: everything found is reused."""
    from lms import services
    from quizzes import services as quiz_services

    course = quiz.course
    user = learner_user(number, organisation, course.language)
    enrolment = services.enrol(user, course)
    services.complete_lesson(enrolment, course.lessons().first())
    lesson = services.course_progress(course, enrolment).next_lesson or course.lessons().first()
    return Learner(user, course, lesson, quiz_services.start_attempt(user, quiz))


def prepare_learners(count=LEARNERS):
    """``count`` learners spread over the open pre-tests and over primary organisations."""
    from lms.models import Organisation, OrganisationKind

    tests = open_pre_tests()
    schools = list(Organisation.objects.filter(kind=OrganisationKind.PRIMARY_ORGANISATION)
                   .order_by("path")[:count])
    if not schools:
        raise SystemExit("The database has no primary organisation for the learners.")
    return [prepare_learner(n + 1, tests[n % len(tests)], schools[n % len(schools)])
            for n in range(count)]


def log_in(learners):
    """A new session for each learner through Django's own login (signals included)."""
    from django.conf import settings
    from django.test import Client

    for learner in learners:
        client = Client()
        client.force_login(learner.user, backend=MODEL_BACKEND)
        learner.session_key = client.cookies[settings.SESSION_COOKIE_NAME].value


def log_out(learners):
    """Delete the sessions ``log_in`` made."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for learner in learners:
        if learner.session_key:
            store(session_key=learner.session_key).delete()


# --- Pages -----------------------------------------------------------------------------


@dataclass
class Target:
    """One request of a page: the path, the Cookie header ("" when anonymous) and texts the
    answer must contain."""

    path: str
    cookie: str
    expected: list


@dataclass
class Page:
    """A page measured: its key for ``--pages``, its name in the table, its requests."""

    key: str
    name: str
    targets: list


def _logged_in(learners, path_of, *texts_of):
    from django.urls import reverse

    logout = reverse("account_logout")
    return [Target(path_of(learner), learner.cookie, [logout, *(text(learner) for text in texts_of)])
            for learner in learners]


def _anonymous(paths_and_texts):
    from django.urls import reverse

    login = reverse("account_login")
    return [Target(path, "", [login, *texts]) for path, texts in paths_and_texts]


def benchmark_pages(learners):
    """The pages measured, each with the requests wrk rotates through."""
    from django.urls import reverse
    from django.utils.html import escape

    from lms.models import CourseIndexPage

    catalogue = CourseIndexPage.objects.live().first().url
    courses = {learner.course.pk: learner.course for learner in learners}.values()

    def link(learner):
        return f'href="{learner.course.url}"'

    def course_title(learner):
        return escape(learner.course.title)

    def lesson_title(learner):
        return escape(learner.lesson.title)

    def attempt(learner):
        return reverse("quizzes:take", args=[learner.attempt.pk])

    return [
        Page("bare", "bare Django view", [Target(reverse("bench_bare"), "", ["ok"])]),
        Page("catalogue", "catalogue, anonymous",
             _anonymous([(catalogue, [f'href="{course.url}"' for course in courses])])),
        Page("catalogue-user", "catalogue, logged in", _logged_in(learners, lambda _: catalogue, link)),
        Page("course", "course page, anonymous",
             _anonymous([(course.url, [escape(course.title)]) for course in courses])),
        Page("course-user", "course page, logged in",
             _logged_in(learners, lambda learner: learner.course.url, course_title)),
        Page("lesson", "lesson page, logged in",
             _logged_in(learners, lambda learner: learner.lesson.url, lesson_title)),
        Page("dashboard", "My learning (/learning/), logged in",
             _logged_in(learners, lambda _: reverse("lms:dashboard"), link)),
        Page("test", "test taking (own pre-test attempt), logged in",
             _logged_in(learners, attempt, lambda _: 'name="positions"')),
    ]


def count_queries(page):
    """SQL queries of the page's first request, in this process with the server's settings,
    after one request to warm the caches."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    target = page.targets[0]
    client = Client(HTTP_HOST=HOST)
    headers = {"Cookie": target.cookie} if target.cookie else {}
    client.get(target.path, headers=headers)
    with CaptureQueriesContext(connection) as captured:
        client.get(target.path, headers=headers)
    return len(captured.captured_queries)


def fetch(target):
    """One plain request to the server: (status, body)."""
    connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        connection.request("GET", target.path, headers={"Cookie": target.cookie} if target.cookie else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def check_page(page):
    """Every request of the page answers 200 with the expected content: the benchmark never
    measures a redirect to the login page or an error page."""
    for target in page.targets:
        status, body = fetch(target)
        missing = [text for text in target.expected if text not in body]
        if status != 200 or missing:
            raise SystemExit(f"{page.name}: GET {target.path} answered {status}"
                             + (f", without {missing}" if missing else ""))


# --- Load ------------------------------------------------------------------------------


@dataclass
class LoadResult:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non2xx: int
    socket_errors: int
    web_cpu_ms: float = 0.0
    database_cpu_ms: float = 0.0
    bare_per_second: float | None = None  # the bare view's, measured around this run

    @property
    def per_second(self):
        return self.requests / self.seconds

    @property
    def errors(self):
        return self.non2xx + self.socket_errors


def parse_wrk(output):
    """The result line that bench/wrk/rotate.lua prints, as a LoadResult."""
    found = WRK_LINE.search(output)
    if found is None:
        raise ValueError(f"wrk printed no result line:\n{output}")
    values = {key: int(value) for key, value in (item.split("=") for item in found.group(1).split())}
    return LoadResult(
        requests=values["requests"], seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000, p95_ms=values["p95_us"] / 1000,
        p99_ms=values["p99_us"] / 1000, max_ms=values["max_us"] / 1000, non2xx=values["non2xx"],
        socket_errors=sum(values[key] for key in ("connect", "read", "write", "timeout")),
    )


def run_wrk(targets_file, seconds, args):
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds}s",
               "--timeout", "10s", "-s", str(WRK_SCRIPT), f"http://{HOST}:{PORT}", "--", str(targets_file)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(finished.stdout)


def process_cpu_seconds(pid):
    """User and system CPU time a process has used so far, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_backend_pids():
    """PostgreSQL backends connected to the benchmark database, found by their process title
    ("postgres: 15/main: oqu oqu_pages 127.0.0.1(...) idle")."""
    from django.conf import settings

    marker = f" {settings.DATABASES['default']['NAME']} ".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            title = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue
        if title.startswith(b"postgres:") and marker in title:
            pids.append(int(entry.name))
    return pids


class CpuMeter:
    """CPU time spent by a changing set of processes while a block runs. The processes are
    sampled twice a second, so one that ends in between (a database connection closed
    after CONN_MAX_AGE) still counts up to its last sample."""

    def __init__(self, find_pids):
        self.find_pids = find_pids
        self.first, self.last = {}, {}
        self.stopped = threading.Event()
        self.sampler = threading.Thread(target=self._run, daemon=True)

    def _sample(self, starting=False):
        for pid in self.find_pids():
            used = process_cpu_seconds(pid)
            if used is not None:
                self.first.setdefault(pid, used if starting else 0.0)
                self.last[pid] = used

    def _run(self):
        while not self.stopped.wait(0.5):
            self._sample()

    def __enter__(self):
        self._sample(starting=True)
        self.sampler.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.sampler.join()
        self._sample()

    @property
    def seconds(self):
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


def write_targets(page, directory):
    """The page's requests as wrk's script reads them: path, tab, Cookie header."""
    path = Path(directory) / f"{page.key}.tsv"
    path.write_text("".join(f"{t.path}\t{t.cookie}\n" for t in page.targets))
    return path


def measure(page, args, directory, server):
    """Warm the page up, then load it for ``--duration`` seconds, counting the CPU time the
    gunicorn workers and the PostgreSQL backends spend on it."""
    targets_file = write_targets(page, directory)
    if args.warmup:
        run_wrk(targets_file, args.warmup, args)
    with CpuMeter(lambda: child_pids(server.pid)) as web, CpuMeter(database_backend_pids) as database:
        result = run_wrk(targets_file, args.duration, args)
    requests = max(result.requests, 1)
    result.web_cpu_ms = web.seconds * 1000 / requests
    result.database_cpu_ms = database.seconds * 1000 / requests
    return result


def measure_all(pages, args, server):
    """The bare view first, then each page followed by a shorter run of the bare view: a
    page's ratio is taken against the bare runs just before and just after it, so that a
    machine whose speed drifts (other work on it) still gives comparable ratios."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="oqu_pages_") as directory:
        bare, *others = pages
        results[bare.key] = before = measure(bare, args, directory, server)
        bare_file = write_targets(bare, directory)
        for page in others:
            results[page.key] = result = measure(page, args, directory, server)
            after = run_wrk(bare_file, bare_seconds(args), args)
            result.bare_per_second = (before.per_second + after.per_second) / 2
            before = after
            print(f"  {page.name}: {result.per_second:.0f} requests/s, bare view beside it "
                  f"{result.bare_per_second:.0f}", flush=True)
    return results


# --- Server ----------------------------------------------------------------------------


def port_is_free():
    with socket.socket() as probe:
        return probe.connect_ex((HOST, PORT)) != 0


def gunicorn_command(args):
    """gunicorn with sync workers (gthread when ``--threads`` > 1), as docker/ runs it."""
    return [str(ROOT / ".venv/bin/gunicorn"), "lms.wsgi:application", "--bind", f"{HOST}:{PORT}",
            "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning"]


def start_gunicorn(command):
    """Start gunicorn in its own session (Ctrl-C reaches this script, which stops it) and
    wait until the bare view answers."""
    if not port_is_free():
        raise SystemExit(f"Something already listens on {HOST}:{PORT}.")
    server = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}.")
        try:
            if fetch(Target("/bench/bare/", "", []))[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(server)
    raise SystemExit("gunicorn did not answer within a minute.")


def stop_gunicorn(server):
    """SIGTERM: gunicorn finishes the requests in progress and stops its workers."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Memory:
    master: tuple
    workers: dict = field(default_factory=dict)


def server_memory(server):
    return Memory(memory_mib(server.pid), {pid: memory_mib(pid) for pid in child_pids(server.pid)})


# --- Report ----------------------------------------------------------------------------


def _ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(pages, results, queries):
    lines = ["| page | requests/s | bare view beside it, requests/s | ratio to bare view | p50 ms | p95 ms "
             "| p99 ms | errors | SQL queries | CPU ms/request: gunicorn + PostgreSQL |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for page in pages:
        result = results[page.key]
        bare = result.bare_per_second or result.per_second
        lines.append(f"| {page.name} | {result.per_second:.0f} | {bare:.0f} | "
                     f"{result.per_second / bare:.2f} | "
                     f"{_ms(result.p50_ms)} | {_ms(result.p95_ms)} | {_ms(result.p99_ms)} | "
                     f"{result.errors} of {result.requests} | {queries[page.key]} | "
                     f"{result.web_cpu_ms:.1f} + {result.database_cpu_ms:.1f} |")
    return "\n".join(lines)


def memory_report(memory):
    workers = sorted(memory.workers.values())
    lines = [f"peak memory (VmHWM): master {memory.master[0]:.0f} MiB; workers "
             + ", ".join(f"{peak:.0f}" for peak, _ in workers) + " MiB"]
    if workers:
        lines.append(f"resident now (VmRSS): master {memory.master[1]:.0f} MiB; workers "
                     + ", ".join(f"{now:.0f}" for _, now in workers) + " MiB; largest worker peak "
                     f"{max(peak for peak, _ in workers):.0f} MiB")
    return "\n".join(lines)


def bare_seconds(args):
    """How long the bare view runs after each page."""
    return max(args.duration // 2, 5)


def load_line(args):
    return (f"load: wrk, {args.wrk_threads} thread(s), {args.connections} connections, each sending its "
            f"next request when the last is answered; {args.duration} s per page after {args.warmup} s "
            f"of warm-up, the bare view for {bare_seconds(args)} s after each page; {LEARNERS} learners "
            "rotated on logged-in pages")


def context_lines(args, command, database, seeded, load_before):
    import gunicorn
    from django.db import connection

    version = connection.cursor().connection.info.server_version
    threads = f"gthread, {args.threads} threads each" if args.threads > 1 else "sync"
    return [
        f"date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"command: {shlex.join(sys.orig_argv)}",
        f"server: gunicorn {gunicorn.__version__}, {args.workers} workers ({threads}) on "
        f"{HOST}:{PORT}: `{shlex.join(command[1:])}`",
        f"settings: bench.settings (lms.settings + bare view), LMS_ENV=production, DEBUG off, "
        f"SECURE_SSL_REDIRECT=false; PostgreSQL {version // 10000}.{version % 10000} database "
        f"{database}{' (seeded now)' if seeded else ''}; Redis {REDIS_URL}",
        load_line(args),
        f"machine: {os.cpu_count()} CPUs shared by wrk, gunicorn, PostgreSQL, Redis and any other work; "
        f"load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after",
    ]


# --- Main ------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="an existing database with the demo content "
                        f"(default: {DEFAULT_DATABASE}, created and seeded if missing)")
    parser.add_argument("--connections", type=int, default=50, help="requests kept in flight by wrk")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before each page's run")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn workers (default: 2 × CPUs + 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (more than 1: gthread)")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--pages", nargs="+", metavar="PAGE",
                        help="measure only these pages (the bare view is always measured): bare, catalogue, "
                             "catalogue-user, course, course-user, lesson, dashboard, test")
    return parser.parse_args()


def stop_on_sigterm():
    """``kill`` of this script unwinds like Ctrl-C, so gunicorn and the sessions are cleaned up."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def run_load(args, pages, command):
    """Start gunicorn, check every page, load each, read memory; always stop gunicorn."""
    server = start_gunicorn(command)
    try:
        for page in pages:
            check_page(page)
        return measure_all(pages, args, server), server_memory(server)
    finally:
        stop_gunicorn(server)


def main():
    args = parse_args()
    stop_on_sigterm()
    os.environ.update(server_environment())
    database = args.database or DEFAULT_DATABASE
    print(f"Preparing {database} ...", flush=True)
    load_before = os.getloadavg()[0]
    seeded = open_database(database, given=bool(args.database))
    collect_static()
    learners = prepare_learners()
    log_in(learners)
    try:
        pages = [page for page in benchmark_pages(learners)
                 if not args.pages or page.key == "bare" or page.key in args.pages]
        queries = {page.key: count_queries(page) for page in pages}
        command = gunicorn_command(args)
        results, memory = run_load(args, pages, command)
    finally:
        log_out(learners)
    print()
    print("\n".join(context_lines(args, command, database, seeded, load_before)))
    print()
    print(table(pages, results, queries))
    print()
    print(memory_report(memory))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted.")
