"""The test database copied from a migrated template (tests/db_template.py) is the one
migrating would give, and the template is made again when what migrating runs changes."""

import shutil
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lms.roles import Role
from tests import db_template


def test_the_test_database_has_every_migration_applied_and_the_roles_set_up(db):
    executor = MigrationExecutor(connection)

    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    # Rows written by post_migrate handlers (lms.receivers.set_up_roles) are there too.
    assert {role.value for role in Role} <= set(Group.objects.values_list("name", flat=True))


def test_the_key_covers_our_migrations_and_post_migrate_handlers():
    sources = list(db_template._own_sources())
    root = Path(__file__).resolve().parents[1]

    assert root / "lms" / "migrations" / "0001_initial.py" in sources
    assert root / "lms" / "receivers.py" in sources
    assert root / "lms" / "roles.py" in sources
    assert not any("site-packages" in source.parts for source in sources)


def test_the_key_changes_when_a_source_changes(tmp_path):
    source = tmp_path / "receivers.py"
    shutil.copy(Path(__file__).resolve().parents[1] / "lms" / "receivers.py", source)
    before = db_template.template_key([source])

    assert db_template.template_key([source]) == before
    source.write_text(source.read_text() + "\n# changed\n")
    assert db_template.template_key([source]) != before
