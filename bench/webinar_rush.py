"""The minute a webinar starts: many learners log in, open the webinar page, register and
get the join link, against gunicorn on 127.0.0.1 with the current database and Redis.

    DATABASE_URL=postgres://... REDIS_URL=redis://... DEBUG=false \\
        .venv/bin/python bench/webinar_rush.py --learners 5000 --concurrency 50

Creates the learners (one password hash, copied) and a webinar starting in ten minutes,
starts gunicorn (2 workers x 8 threads) unless --url is given, runs every learner's visit
through a thread pool, and prints requests, errors, latency and the registrations recorded.
Exits non-zero on any error or missing registration. Its learners and webinar are removed
at the end. ``run()`` is used by the integration test in a shortened form.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOIN_URL = "https://bbb.example.org/b/rush-room"


@dataclass
class Outcome:
    latencies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    joined: int = 0


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, workers=2, threads=8):
    # Every simulated learner comes from 127.0.0.1: lift the per-address login limits (the
    # per-account ones stay), as for a school district behind one NAT address.
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOGIN_RATE_PER_IP": "100000/m/ip",
           "LOGIN_FAILED_RATE_PER_IP": "100000/m/ip"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "lms.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def set_up(learners, password):
    """Learners of one school and a webinar starting in ten minutes; returns (users, webinar)."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from wagtail.models import Site

    from content.models import WebinarIndexPage, WebinarPage
    from lms.models import Organisation, OrganisationKind, User

    stamp = int(time.time())
    school = Organisation.add_root(kind=OrganisationKind.PRIMARY_ORGANISATION, name_ru=f"Школа {stamp}",
                                   name_kk=f"Мектеп {stamp}", member_count=learners)
    hashed = make_password(password)
    users = User.objects.bulk_create([
        User(username=f"rush{stamp}-{n}", email=f"rush{stamp}-{n}@example.org", password=hashed,
             first_name="Оқушы", last_name=str(n))
        for n in range(learners)
    ])
    users = list(User.objects.filter(username__startswith=f"rush{stamp}-"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    from lms.models import LearnerProfile

    LearnerProfile.objects.bulk_create(
        [LearnerProfile(user=user, organisation=school) for user in users], ignore_conflicts=True
    )
    home = Site.objects.get(is_default_site=True).root_page
    index = WebinarIndexPage.objects.first() or home.add_child(
        instance=WebinarIndexPage(title="Вебинары", slug=f"webinars-{stamp}")
    )
    webinar = index.add_child(instance=WebinarPage(
        title=f"Вебинар {stamp}", slug=f"rush-{stamp}", speaker="Спикер",
        starts_at=timezone.now() + datetime.timedelta(minutes=10), duration_minutes=60, join_url=JOIN_URL,
    ))
    return users, webinar, school


def visit(base, email, password, webinar_path, register_path):
    """One learner: log in, open the webinar page, register, find the join link."""
    import requests

    session = requests.Session()
    timings = []

    def timed(method, path, **kwargs):
        started = time.perf_counter()
        response = session.request(method, base + path, timeout=60, allow_redirects=True, **kwargs)
        timings.append(time.perf_counter() - started)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code}")
        return response

    login = timed("GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    landed = timed("POST", "/accounts/login/", data={"csrfmiddlewaretoken": token, "login": email,
                                                      "password": password},
                   headers={"Referer": base + "/accounts/login/"})
    if "/accounts/login/" in landed.url:
        reason = re.search(r'<ul class="errorlist[^>]*>(.*?)</ul>', landed.text, re.S)
        why = reason.group(1).strip() if reason else landed.status_code
        raise RuntimeError(f"login refused for {email}: {why}")
    page = timed("GET", webinar_path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    after = timed("POST", register_path, data={"csrfmiddlewaretoken": token},
                  headers={"Referer": base + webinar_path})
    return timings, JOIN_URL in after.text


def run(learners=100, concurrency=20, url=None, log=print):
    """Run the rush; returns (outcome, registrations recorded, seconds)."""
    from django.urls import reverse

    from content.models import WebinarRegistration
    from lms.models import User

    password = "rush-password-2026"
    users, webinar, school = set_up(learners, password)
    server = None
    try:
        if url is None:
            port = _free_port()
            server = start_gunicorn(port)
            url = f"http://127.0.0.1:{port}"
        register_path = reverse("content:register", args=[webinar.pk])
        outcome = Outcome()
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            futures = [pool.submit(visit, url, user.email, password, webinar.url, register_path)
                       for user in users]
            for future in futures:
                try:
                    timings, joined = future.result()
                    outcome.latencies += timings
                    outcome.joined += joined
                except Exception as error:  # counted and reported, not hidden
                    outcome.errors.append(str(error))
        elapsed = time.perf_counter() - started
        recorded = WebinarRegistration.objects.filter(webinar=webinar).count()
        return outcome, recorded, elapsed
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        WebinarRegistration.objects.filter(webinar=webinar).delete()
        webinar.delete()
        User.objects.filter(pk__in=[user.pk for user in users]).delete()
        school.delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--url", help="an already running server instead of starting gunicorn")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    import django

    django.setup()
    outcome, recorded, elapsed = run(args.learners, args.concurrency, args.url)
    latencies = sorted(outcome.latencies)
    print(f"{args.learners} learners, {args.concurrency} at a time: {len(latencies)} requests "
          f"in {elapsed:.1f} s ({len(latencies) / elapsed:.0f} req/s)")
    if latencies:
        print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")
    print(f"errors: {len(outcome.errors)}; registrations recorded: {recorded}; "
          f"join link seen: {outcome.joined}")
    for error in outcome.errors[:10]:
        print("  ", error)
    sys.exit(0 if not outcome.errors and recorded == args.learners else 1)


if __name__ == "__main__":
    main()
