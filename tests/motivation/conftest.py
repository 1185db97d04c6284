import pytest
from django.utils import translation

from lms.models import LearnerProfile
from tests.content.factories import webinar_list_page
from tests.lms.factories import administrator


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def webinars(db):
    return webinar_list_page()


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


@pytest.fixture
def admin_b(union):
    return administrator(union.region_b)


@pytest.fixture
def english(settings, monkeypatch):
    """These tests read the interface's messages in English (the source language): the
    default language, the active one and new learners' chosen one are English."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(LearnerProfile._meta.get_field("language"), "default", "en")
    with translation.override("en"):
        yield
