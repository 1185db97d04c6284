import pytest
from django.utils import translation

from lms.models import LearnerProfile


@pytest.fixture(autouse=True)
def english(settings, monkeypatch):
    """These tests read the interface's messages in English (the source language): the
    default language, the active one and new learners' chosen one are English."""
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(LearnerProfile._meta.get_field("language"), "default", "en")
    with translation.override("en"):
        yield
