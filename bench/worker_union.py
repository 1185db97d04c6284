"""A real Celery worker on the generated union: the reminder sweep, a certificate redraw, and
the worker's peak memory.

    .venv/bin/python bench/worker_union.py [--members 600000] [--redraw-seconds 60]

Needs the local PostgreSQL and Redis (db 6 is used). Generates the union once into
``oqu_union`` (``manage.py generate_union``), starts ``celery worker --concurrency 2`` on it
and measures:

- the reminder sweep as beat starts it: ``sweep_reminders`` plans the chunks, the worker
  processes run them (emails go to Django's dummy backend), timed until the queue is empty
  and no task is running; twice: the first finds everything due at once, the second nothing
  new (every later quarter-hour);
- a redraw of every certificate of the course with the most of them (the admin's "redraw
  after a template change" job), stopped after ``--redraw-seconds``: certificates drawn and
  stored per second by one worker process;
- the peak resident memory (VmHWM) of the worker's parent and child processes.

Reminders the sweep created are deleted at the end, so the run can be repeated.
"""

import argparse
import datetime
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import union_data  # noqa: E402
from bench.processes import child_pids, memory_mib  # noqa: E402

ROOT = union_data.ROOT
REDIS_URL = "redis://127.0.0.1:6379/6"


def start_worker(env, logfile):
    worker = subprocess.Popen(  # nosec B603: our own command line
        [str(ROOT / ".venv/bin/celery"), "-A", "lms", "worker", "--concurrency", "2", "--loglevel", "WARNING",
         "--hostname", "bench@%h", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT,
    )
    from lms.celery_app import app

    for _ in range(60):
        if app.control.ping(timeout=1):
            return worker
        if worker.poll() is not None:
            raise RuntimeError(f"The worker exited with {worker.returncode}: see {logfile.name}")
    raise RuntimeError("The worker did not answer a ping in a minute.")


def wait_until_idle(app, redis, started, limit=1800):
    """Seconds from ``started`` until the queue is empty and no task runs (checked twice)."""
    idle_checks = 0
    while time.perf_counter() - started < limit:
        active = app.control.inspect(timeout=1).active() or {}
        busy = redis.llen("celery") or any(active.values())
        idle_checks = 0 if busy else idle_checks + 1
        if idle_checks == 2:
            return time.perf_counter() - started
        time.sleep(0.5)
    raise RuntimeError("The worker was still busy after half an hour.")


def sweep(app, redis):
    from notifications.models import Reminder
    from notifications.tasks import sweep_reminders

    started = time.perf_counter()
    chunks = sweep_reminders.delay().get(timeout=120)
    seconds = wait_until_idle(app, redis, started)
    emailed = Reminder.objects.filter(emailed_at__isnull=False).count()
    return seconds, chunks, Reminder.objects.count(), emailed


def redraw(seconds):
    from django.db.models import Count

    from certificates import services
    from certificates.models import Rerender
    from lms.models import CoursePage, User

    course = CoursePage.objects.annotate(n=Count("enrolments__certificates")).order_by("-n").first()
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench-admin", "bench-admin@example.org", None)
    job = services.request_redraw(course, by=admin)
    started = time.perf_counter()
    time.sleep(seconds)
    job.refresh_from_db()
    elapsed = time.perf_counter() - started
    Rerender.objects.filter(pk=job.pk).update(status=Rerender.Status.DONE, finished_at=datetime.datetime.now(
        datetime.UTC))
    return course, job.total, job.processed, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=600_000)
    parser.add_argument("--redraw-seconds", type=int, default=60)
    args = parser.parse_args()

    private = tempfile.mkdtemp(prefix="oqu-bench-private-")
    os.environ.update({"REDIS_URL": REDIS_URL, "DEBUG": "false", "EMAIL_URL": "dummymail://",
                       "PRIVATE_MEDIA_ROOT": private, "LOG_LEVEL": "WARNING"})
    union_data.use_database()
    union = union_data.ensure_union(args.members)

    import redis as redis_client

    from lms.celery_app import app
    from notifications.models import Reminder

    redis = redis_client.Redis.from_url(REDIS_URL)
    redis.flushdb()
    log = tempfile.NamedTemporaryFile("w", prefix="oqu-bench-worker-", suffix=".log", delete=False)  # noqa: SIM115
    worker = start_worker(dict(os.environ), log)
    try:
        print(f"date: {datetime.date.today()}; command: {' '.join(sys.argv)}")
        print(f"union: {union.members:,} members, {union.enrolments:,} enrolments, "
              f"{union.certificates:,} certificates")
        Reminder.objects.all().delete()
        for label in ("first reminder sweep (everything due)", "second reminder sweep (nothing new)"):
            seconds, chunks, reminders, emailed = sweep(app, redis)
            print(f"{label}, on the worker: {seconds:.1f} s for {chunks} chunks; {reminders:,} reminders "
                  f"stored, {emailed:,} emails built and handed to the dummy backend")
        course, total, processed, elapsed = redraw(args.redraw_seconds)
        print(f"certificate redraw of '{course.title}' ({total:,} certificates): {processed:,} drawn and "
              f"stored in {elapsed:.0f} s = {processed / elapsed:.1f} per second on one worker process")
        pids = [worker.pid, *child_pids(worker.pid)]
        roles = ["parent" if pid == worker.pid else "child" for pid in pids]
        print("peak memory (VmHWM): " + ", ".join(
            f"{role} {pid} {memory_mib(pid)[0]:.0f} MiB" for role, pid in zip(roles, pids, strict=True)))
    finally:
        worker.send_signal(signal.SIGQUIT)  # cold shutdown: do not wait for the redraw to finish
        worker.wait(timeout=60)
        Reminder.objects.all().delete()
        print(f"worker log: {log.name}; PDFs drawn into {private} (delete it when done)")


if __name__ == "__main__":
    main()
