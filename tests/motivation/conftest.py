import pytest

from tests.content.factories import webinar_list_page
from tests.lms.factories import administrator


@pytest.fixture
def webinars(db):
    return webinar_list_page()


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


@pytest.fixture
def admin_b(union):
    return administrator(union.region_b)


