import pytest


@pytest.fixture(autouse=True)
def english(english):
    """These tests read the interface's messages in English (tests/conftest.py)."""
    return english
