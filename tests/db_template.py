"""The test database, copied from a migrated template instead of migrated in every run.

Migrating an empty database takes about 18 seconds of CPU, and every pytest process (each
xdist worker, each run of one file) used to pay it before its first database test. The
first process to need the database now migrates it as pytest-django would and keeps a copy
in ``var/test-db/<key>.sqlite3``; every later one, and the other worker of the same run,
copies that file into its in-memory database with SQLite's backup API, in milliseconds.

The key covers everything that decides what migrating writes: the installed packages and
their versions (third-party migrations and post_migrate handlers), and every Python file of
our own apps (migrations, and the post_migrate handlers that set up roles and moderation
with the code they call). Change any of them and the next run migrates again.

Only the common case takes this path: one SQLite database tested in memory, with
migrations, no --reuse-db and no test asking for a serialized rollback. Anything else gets
pytest-django's own set-up unchanged (tests/conftest.py).
"""

import fcntl
import hashlib
import os
import sqlite3
from contextlib import closing, contextmanager
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import setup_databases


def template_dir():
    return Path(settings.VAR_DIR) / "test-db"


def applies(items, use_migrations, keepdb):
    """Whether this session's test database may come from the template."""
    if len(settings.DATABASES) != 1 or not use_migrations or keepdb:
        return False
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return False
    if not connection.creation.is_in_memory_db(connection.creation._get_test_db_name()):
        return False
    return not any(
        (marker := item.get_closest_marker("django_db")) and marker.kwargs.get("serialized_rollback")
        for item in items
    )


def _own_sources():
    """Every Python file of the installed apps that live in this repository (not of those
    installed into a virtualenv inside it)."""
    root = Path(settings.BASE_DIR).resolve()
    for app in apps.get_app_configs():
        path = Path(app.path).resolve()
        if path.is_relative_to(root) and "site-packages" not in path.parts:
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


def template_key(sources=None):
    """What migrating depends on: the database engine, the installed packages and our own
    apps' code (``sources``: every Python file of them unless given)."""
    digest = hashlib.sha256(settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"].encode())
    for name, version in sorted(
        (dist.metadata["Name"] or "", dist.version) for dist in metadata.distributions()
    ):
        digest.update(f"{name}=={version}\n".encode())
    for source in _own_sources() if sources is None else sources:
        digest.update(str(source).encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


@contextmanager
def _locked(directory):
    """One process at a time checks for the template and writes it: the other xdist worker
    (or another run in the same checkout) waits, then copies it."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _save(connection, path):
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    with closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    os.replace(partial, path)
    for stale in path.parent.glob("*.sqlite3"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _restore(connection, path):
    """Django's create_test_db for an in-memory SQLite database, with the template's rows
    copied in where it would run ``migrate``. Returns setup_databases' old configuration."""
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection.ensure_connection()
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
        source.backup(connection.connection)
    return [(connection, old_name, True)]


def create_test_database(verbosity=0):
    """The in-memory test database, migrated: copied from the template, or migrated by
    Django's own set-up and then kept as the template."""
    connection = connections[DEFAULT_DB_ALIAS]
    path = template_dir() / f"{template_key()}.sqlite3"
    with _locked(path.parent):
        if path.exists():
            return _restore(connection, path)
        old_config = setup_databases(
            verbosity=verbosity, interactive=False, aliases={DEFAULT_DB_ALIAS}, serialized_aliases=set()
        )
        _save(connection, path)
        return old_config
