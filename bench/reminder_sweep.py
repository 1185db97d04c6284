"""How long the reminder sweep takes over a 600,000-member union on PostgreSQL.

    .venv/bin/python bench/reminder_sweep.py [--members 600000] [--fresh]

Uses the union of ``manage.py generate_union`` (bench/union_data.py, database ``oqu_union``). Runs every chunk
of every trigger in this one process, as the workers would between them, twice: the first
sweep finds everything due (and claims and renders every email; the email backend is
Django's dummy one, so nothing is sent), the second finds nothing new, which is what every
later quarter-hour looks like. Prints the wall time and the time spent in PostgreSQL.
Reminder rows it creates are deleted at the end, so the run can be repeated.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import union_data  # noqa: E402


class QueryClock:
    """Sums the time spent executing SQL on a connection (Django's execute_wrapper)."""

    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def sweep(services, plan, now):
    clock = QueryClock()
    from django.db import connection

    started = time.perf_counter()
    claimed = emailed = 0
    with connection.execute_wrapper(clock):
        for name, low, high in plan:
            found, sent = services.process_chunk(name, low, high, now)
            claimed += found
            emailed += sent
    return time.perf_counter() - started, clock, claimed, emailed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=600_000)
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    args = parser.parse_args()

    union_data.use_database(fresh=args.fresh)
    summary = union_data.ensure_union(args.members)

    from django.conf import settings
    from django.utils import timezone

    from notifications import services
    from notifications.models import Reminder

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    Reminder.objects.all().delete()
    plan = services.sweep_plan()
    print(f"union: {summary.members:,} members, {summary.enrolments:,} enrolments; "
          f"{len(plan)} chunks of up to {services.CHUNK:,} rows")
    now = timezone.now()
    try:
        for label in ("first sweep (everything due)", "second sweep (nothing new)"):
            wall, clock, claimed, emailed = sweep(services, plan, now)
            print(f"{label}: {wall:.1f} s wall, {clock.seconds:.1f} s in PostgreSQL "
                  f"({clock.queries:,} queries); {claimed:,} reminders claimed, {emailed:,} emails")
    finally:
        Reminder.objects.all().delete()


if __name__ == "__main__":
    main()
