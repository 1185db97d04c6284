"""The union of ``manage.py generate_union`` in its own PostgreSQL database, for benchmarks.

    from bench import union_data
    union_data.use_database()                   # before importing models: django.setup() + migrate
    union = union_data.ensure_union()           # generates it once (about six minutes), reuses it after

The data lives in its own database (``oqu_union`` by default), never in the integration
tests' one; a second benchmark finds the union there and reuses it.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://oqu:oqu-ci@127.0.0.1:5432")
DEFAULT_DATABASE = "oqu_union"


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


def ensure_union(members=600_000):
    """The generated union's figures (``demo.generator.GeneratedUnion``): generated with a
    progress bar if the database holds no union yet."""
    from django.core.management import call_command

    from demo.generator import summary
    from lms.models import Organisation

    if not Organisation.objects.exists():
        call_command("generate_union", "--members", str(members))
    union = summary()
    if union.members != members:
        raise RuntimeError(f"The benchmark database holds a union of {union.members:,} members, "
                           f"not {members:,}: use --fresh.")
    return union
