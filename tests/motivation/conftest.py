import pytest

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
