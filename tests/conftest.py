import os
import shutil

import pytest
from django.core.cache import cache
from django.test.utils import teardown_databases
from django.utils import translation
from django.utils.translation import trans_real

from lms.models import LearnerProfile
from tests import db_template
from tests.lms.factories import UnionTree, catalogue_page


def pytest_collection_modifyitems(config, items):
    """Integration tests need the real services; browser tests need Debian's Chromium.
    Without them those tests are skipped with the reason, never silently passed.
    Integration tests never run in an xdist worker: they share one real database, which
    the Celery worker reads by name (.ci/run runs them with -p no:xdist)."""
    has_services = os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith(
        ("postgres", "postgresql")
    )
    has_chromium = shutil.which("chromium") or os.path.exists("/usr/bin/chromium")
    in_xdist_worker = hasattr(config, "workerinput")
    for item in items:
        if "integration" in item.keywords and not has_services:
            item.add_marker(
                pytest.mark.skip(reason="needs PostgreSQL, Redis and a worker: run .ci/run")
            )
        elif "integration" in item.keywords and in_xdist_worker:
            item.add_marker(
                pytest.mark.skip(reason="runs serially against the real services: -p no:xdist")
            )
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(pytest.mark.skip(reason="needs /usr/bin/chromium (apt-get install chromium)"))


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_use_migrations,
    django_db_keepdb, django_db_modify_db_settings,
):
    """pytest-django's test database, copied from a migrated template where it can be
    (tests/db_template.py); otherwise pytest-django's own set-up."""
    if not db_template.applies(request.session.items, django_db_use_migrations, django_db_keepdb):
        request.getfixturevalue("django_db_setup")
        yield
        return
    with django_db_blocker.unblock():
        old_config = db_template.create_test_database(verbosity=request.config.option.verbose)
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def english(settings, monkeypatch):
    """Tests that read the interface's messages in English (the source language) ask for
    this: the default language, the active one and new learners' chosen one are English."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(LearnerProfile._meta.get_field("language"), "default", "en")
    with translation.override("en"):
        yield
    # A catalogue loaded meanwhile falls back to English, not to Russian, and Django keeps it
    # for the process: drop them all, as Django's own test signals do for LOCALE_PATHS.
    trans_real._translations = {}


@pytest.fixture(autouse=True)
def fast_password_hashing(request, settings):
    """The factories give every user a password; hashing it properly takes a third of a
    second, which only slows the tests down. Integration tests keep the real hasher: their
    servers (gunicorn, the worker) run in other processes with the project's settings."""
    if request.node.get_closest_marker("integration") is None:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def union(db):
    """Central Committee with two regions (A and B), each with a district and two schools."""
    return UnionTree.build()


@pytest.fixture
def catalogue(db):
    return catalogue_page()
