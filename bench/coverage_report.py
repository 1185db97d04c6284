"""How long the coverage report takes over a 600,000-member union on PostgreSQL.

    .venv/bin/python bench/coverage_report.py [--members 600000] [--runs 7] [--fresh] [--explain]

Generates the union once into the ``oqu_union`` database (``manage.py generate_union``
through bench/union_data.py; --fresh rebuilds it), then times
``reports.services.coverage.coverage_report`` — the two queries behind the coverage page and
its exports — for the whole union and for one member organisation, this year and last year,
and prints the median of several runs.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import union_data  # noqa: E402
from bench.timing import timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=600_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's plan of the query")
    args = parser.parse_args()

    union_data.use_database(fresh=args.fresh)
    summary = union_data.ensure_union(args.members)

    from django.db import connection

    from lms.models import Organisation, User
    from reports.services.coverage import coverage_report

    print(f"PostgreSQL {connection.cursor().connection.info.server_version}")
    print(f"union: {summary.members:,} members, {summary.organisations:,} organisations "
          f"({summary.schools:,} primary), {summary.enrolments:,} enrolments "
          f"({summary.completed:,} completed), {summary.registrations:,} webinar registrations, "
          f"{summary.events:,} events with {summary.event_attendances:,} attendances")
    superuser = User(username="bench-admin", is_superuser=True, is_active=True)
    root = Organisation.get_first_root_node()
    region = root.get_children().first()
    for year in reversed(summary.years[-2:]):
        for label, organisation in (("whole union", root), (f"one region ({region.name})", region)):
            def run(o=organisation, y=year):
                return coverage_report(superuser, o, y)

            report, timings = timed(run, args.runs)
            print(f"coverage {year}, {label}: median {statistics.median(timings) * 1000:.0f} ms, "
                  f"max {max(timings) * 1000:.0f} ms over {args.runs} runs; "
                  f"{report.total.trained:,} trained = {report.total.percent}% of {report.total.members:,}, "
                  f"{len(report.by_organisation)} rows")
    if args.explain:
        from reports.services.coverage import YEARS_SHOWN, coverage_sql

        last = summary.years[-1]
        sql, params = coverage_sql(root, last - YEARS_SHOWN + 1, last)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
