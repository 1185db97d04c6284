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
def english(english):
    """These tests read the interface's messages in English (tests/conftest.py)."""
    return english
