import pytest
from django.utils import translation

from lms.models import LearnerProfile
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


@pytest.fixture(autouse=True)
def english(settings, monkeypatch):
    """These tests read the interface's messages in English (the source language): the
    default language, the active one and new learners' chosen one are English."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(LearnerProfile._meta.get_field("language"), "default", "en")
    with translation.override("en"):
        yield
