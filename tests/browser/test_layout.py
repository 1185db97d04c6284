"""The frame of every page on a teacher's phone (390×844), in Kazakh and in Russian: a
one-row header with a Menu, tap targets of full size (WCAG 2.2: never under 24×24 px, the
main actions at least 44 px tall), a skip link, nothing wider than the screen, and a login
with a wrong password that says so where the focus is."""

import pytest

from demo.seed import seed_demo
from demo.union import DEMO_PASSWORD
from lms.models import CoursePage
from tests.browser.conftest import open_menu, screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390

# Every visible control with its size; "primary" for the buttons and the header's controls.
# A link inside a sentence is exempt (WCAG 2.5.8 "inline"): the line's height bounds it;
# so is what is hidden from everyone (a form's default button for the Enter key).
TARGETS = """() => {
  const primary = ".button, button[type=submit]:not(.link), .site-header a, .site-header button, .skip-link";
  const found = [];
  for (const el of document.querySelectorAll("a[href], button, summary, select, input:not([type=hidden])")) {
    // A radio or a box inside its label is tapped through the whole label.
    const box = (el.matches("input") && el.closest("label") || el).getBoundingClientRect();
    if (!box.width || !box.height || el.closest(".visually-hidden, [aria-hidden=true]")) continue;
    const style = getComputedStyle(el);
    const own = (el.innerText || "").trim();
    const inSentence = (el.parentElement.innerText || "").trim() !== own;
    if (el.tagName === "A" && style.display === "inline" && inSentence) continue;
    found.push({what: `${el.tagName.toLowerCase()} "${own.slice(0, 40)}"`, width: box.width,
                height: box.height, primary: el.matches(primary)});
  }
  return found;
}"""


def too_small(page):
    return [
        f"{target['what']} {target['width']:.0f}×{target['height']:.0f}"
        for target in page.evaluate(TARGETS)
        if min(target["width"], target["height"]) < 24 or (target["primary"] and target["height"] < 44)
    ]


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_learner_pages_have_a_one_row_header_full_size_targets_and_fit_the_phone(
    phone, live_server, language
):
    seed_demo()
    base = live_server.url
    log_in(phone, base, f"member.{language}@example.org")
    course = CoursePage.objects.get(slug=f"union-basics-{language}")
    pages = {"home": "/", "catalogue": "/learning/catalogue/", "course": course.url,
             "my-learning": "/learning/", "profile": "/me/", "organisation": "/me/organisation/"}

    for name, path in pages.items():
        phone.goto(base + path)

        assert phone.locator("html").get_attribute("lang") == language, name
        assert phone.locator(".site-header").bounding_box()["height"] <= 64, name
        assert phone.locator(".site-nav").is_hidden(), name  # behind the Menu button
        assert too_small(phone) == [], name
        assert fits(phone), name
        screenshot(phone, f"layout-{name}-{language}")

        open_menu(phone)
        assert phone.locator(".menu-button").get_attribute("aria-expanded") == "true"
        assert phone.locator(".site-nav").is_visible() and phone.locator(".language-switch").is_visible()
        assert too_small(phone) == [], f"{name} with the menu open"
        assert fits(phone), name
    screenshot(phone, f"layout-menu-{language}")

    phone.keyboard.press("Escape")
    assert phone.locator(".menu-button").get_attribute("aria-expanded") == "false"
    assert phone.locator(".site-nav").is_hidden()


def test_the_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_content(phone, live_server):
    seed_demo()
    log_in(phone, live_server.url, "member.kk@example.org")
    phone.goto(f"{live_server.url}/learning/")

    phone.keyboard.press("Tab")
    skip = phone.locator(".skip-link")
    assert phone.evaluate("document.activeElement.className") == "skip-link"
    assert skip.is_visible() and skip.bounding_box()["height"] >= 44
    phone.keyboard.press("Enter")

    assert phone.evaluate("document.activeElement.id") == "content"
    assert phone.evaluate("document.activeElement.tagName") == "MAIN"


@pytest.mark.parametrize("locale, language", [("kk-KZ", "kk"), ("ru-RU", "ru")])
def test_a_wrong_password_is_summed_up_at_the_top_and_takes_the_focus(
    chromium, live_server, locale, language
):
    seed_demo()
    context = chromium.new_context(viewport={"width": PHONE_WIDTH, "height": 844}, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert too_small(page) == []  # the "forgot password" link too
    page.fill("input[name=login]", f"member.{language}@example.org")
    page.fill("input[name=password]", DEMO_PASSWORD + "-wrong")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('role')]")
    assert focused == ["error-summary", "alert"]
    assert page.locator("html").get_attribute("lang") == language
    assert fits(page)
    screenshot(page, f"login-error-{language}")
    # Its error links to the field to correct.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_login"
    context.close()
