import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API keeps an event loop running in this thread for the session;
    # the ORM calls made between page actions (and pytest-django's own set-up and
    # tear-down) are plain synchronous code, so Django may allow them meanwhile.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone(chromium):
    """A fresh browser page at a phone's size; each test gets its own cookies."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def open_menu(page):
    """On a phone the header's links and the language switch are behind its Menu button."""
    button = page.locator(".menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def wait_until(page, expression, timeout=15):
    """Wait until ``expression`` is true on the page. Playwright's ``wait_for_function``
    polls a string with eval, which the site's Content Security Policy refuses; a plain
    ``evaluate`` is not subject to it."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {expression}")
        page.wait_for_timeout(100)
