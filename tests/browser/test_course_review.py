"""A trainer builds a course in the admin and sends it for review once; a methodologist
approves it from her dashboard, or asks for changes that reach the trainer with her
comment. No superuser takes part. Admin screens at desktop size, in Russian and Kazakh."""

import re

import pytest

from demo.seed import seed_demo
from lms.models import CourseIndexPage, CoursePage, LearnerProfile, ModulePage
from quizzes.models import Quiz
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import log_in
from tests.quizzes.factories import bank, single

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRAINER, METHODOLOGIST = "trainer@example.org", "methodologist@example.org"
# Wagtail's English words that a Russian or Kazakh admin must never show.
ENGLISH = ("Moderators approval", "Save draft", "Dashboard", "Submit to", "Awaiting your review",
           "Oqu", "Wagtail CMS")


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def demo(db):
    seed_demo()
    questions = bank("Еңбек құқығы")
    for _number in range(3):
        single(questions)
    return CourseIndexPage.objects.get()


def speak(language, *emails):
    LearnerProfile.objects.filter(user__email__in=emails).update(language=language)


def no_english(page):
    text = page.locator("body").inner_text()
    assert not [word for word in ENGLISH if word in text], text[:3000]


def admin_page(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")  # Wagtail's Stimulus controllers are connected


def type_title(page, title):
    """Type the title as a person does; the slug follows it once Wagtail's scripts are
    connected, which may be a moment after the page has loaded."""
    for _attempt in range(5):
        page.locator("#id_title").fill("")
        page.locator("#id_title").press_sequentially(title)
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)
        if page.input_value("#id_slug"):
            return


def save_draft(page):
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")


def new_course(page, base, catalogue, title, expected_slug):
    admin_page(page, f"{base}/admin/pages/add/lms/coursepage/{catalogue.pk}/")
    type_title(page, title)
    page.locator("#id_summary").fill("Краткое описание курса.")
    assert page.input_value("#id_slug") == expected_slug
    save_draft(page)
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/.*"))
    course = CoursePage.objects.get(title=title)
    page.locator(".course-builder-panel a").click()
    page.wait_for_url(f"**/admin/courses/{course.pk}/builder/")
    return course


def add_module(page, title):
    page.locator("a[href*='/add/lms/modulepage/']").click()
    page.wait_for_load_state("networkidle")
    type_title(page, title)
    save_draft(page)
    page.wait_for_url("**/builder/")  # back to the builder once saved


def add_lesson(page, module, title):
    module = ModulePage.objects.get(title=module)
    page.locator(f"a[href*='/add/lms/lessonpage/{module.pk}/']").click()
    page.wait_for_load_state("networkidle")
    type_title(page, title)
    page.locator(".c-sf-add-button").first.click()
    page.locator("[role=option]").first.click()  # the first block: text
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("Текст урока.")
    save_draft(page)
    page.wait_for_url("**/builder/")


def set_up_test(page, builder, role):
    page.locator(f"a[href*='role={role}']").click()
    page.wait_for_load_state("networkidle")
    page.locator("select[name=banks]").select_option(label="Еңбек құқығы")
    page.locator("button[type=submit]:not([name])").filter(visible=True).last.click()
    page.wait_for_load_state("networkidle")
    admin_page(page, builder)


def decide(page, title, action):
    """In the dashboard's "awaiting your review", the course's row: its menu, then the action."""
    row = page.locator("tr", has_text=title)
    row.locator("[data-w-dropdown-target=toggle], .w-dropdown__toggle").first.click()
    row.locator(f"[data-workflow-action-url*='/{action}/']").first.click()


def test_a_trainer_builds_and_sends_a_course_once_and_a_methodologist_approves_it(
    desktop, chromium, live_server, demo
):
    base, page = live_server.url, desktop
    log_in(page, base, TRAINER)
    course = new_course(page, base, demo, "Основы трудового права", "osnovy-trudovogo-prava")
    builder = page.url
    add_module(page, "Модуль 1")
    add_module(page, "Модуль 2")
    add_lesson(page, "Модуль 1", "Урок 1")
    add_lesson(page, "Модуль 1", "Урок 2")
    add_lesson(page, "Модуль 2", "Урок 3")
    set_up_test(page, builder, "pre")
    set_up_test(page, builder, "post")
    assert set(Quiz.objects.filter(course=course).values_list("role", flat=True)) == {"pre", "post"}
    screenshot(page, "admin-course-builder-ru")
    no_english(page)

    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_load_state("networkidle")
    assert course.get_descendants(inclusive=True).live().count() == 0
    screenshot(page, "admin-course-submitted-ru")

    reviewer = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="ru-RU").new_page()
    log_in(reviewer, base, METHODOLOGIST)
    admin_page(reviewer, f"{base}/admin/")
    panel = reviewer.locator("section, .w-panel").filter(has_text="Основы трудового права").first
    assert panel.is_visible()
    screenshot(reviewer, "admin-dashboard-methodologist-ru")
    no_english(reviewer)
    decide(reviewer, "Основы трудового права", "approve")
    reviewer.wait_for_load_state("networkidle")
    reviewer.wait_for_timeout(1000)

    course.refresh_from_db()
    assert course.live and course.get_descendants().live().count() == 5

    member = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU").new_page()
    log_in(member, base, "member.ru@example.org")
    member.goto(f"{base}{demo.url}")
    assert "Основы трудового права" in member.locator("main").inner_text()


def test_a_methodologist_asks_for_changes_and_the_trainer_reads_her_comment_in_kazakh(
    desktop, chromium, live_server, demo
):
    base, page = live_server.url, desktop
    speak("kk", TRAINER, METHODOLOGIST)
    log_in(page, base, TRAINER)
    course = new_course(page, base, demo, "Еңбек құқығы негіздері", "engbek-quqyghy-negizderi")
    add_module(page, "1-модуль")
    add_lesson(page, "1-модуль", "1-сабақ")
    page.locator("form[action$='/submit/'] button").click()
    page.wait_for_load_state("networkidle")

    reviewer = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="kk-KZ").new_page()
    log_in(reviewer, base, METHODOLOGIST)
    admin_page(reviewer, f"{base}/admin/")
    screenshot(reviewer, "admin-dashboard-methodologist-kk")
    no_english(reviewer)
    decide(reviewer, "Еңбек құқығы негіздері", "reject")
    reviewer.locator("textarea[name=comment]").fill("1-сабаққа мысал қосыңыз.")
    send = reviewer.locator(".modal button[type=submit], dialog button[type=submit]")
    send.filter(visible=True).first.click()
    reviewer.wait_for_load_state("networkidle")
    reviewer.wait_for_timeout(1000)
    assert course.current_workflow_state.status == "needs_changes"

    admin_page(page, f"{base}/admin/courses/{course.pk}/builder/")
    assert "1-сабаққа мысал қосыңыз." in page.locator("main").inner_text()
    screenshot(page, "admin-course-changes-requested-kk")
    no_english(page)
    admin_page(page, f"{base}/admin/pages/{course.pk}/edit/")
    screenshot(page, "admin-course-editor-kk")
    no_english(page)
    assert not course.get_descendants(inclusive=True).live().exists()
