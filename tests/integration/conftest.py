import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """Use the database in DATABASE_URL itself, migrated, instead of a throw-away test
    database: the Celery worker started by .ci/run must see the rows the tests commit."""
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0, interactive=False)
