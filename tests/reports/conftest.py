import pytest

from tests.content.factories import webinar_list_page
from tests.reports.factories import webinar_page


@pytest.fixture
def webinars(db):
    return webinar_list_page()


@pytest.fixture
def a_webinar(webinars):
    """One past webinar; registrations carry their own attendance times."""
    return webinar_page(webinars)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The factories give every user a password; hashing it properly takes a third of a
    second, which only slows these tests down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
