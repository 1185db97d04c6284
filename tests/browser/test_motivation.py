from io import StringIO

import pytest
from django.core.management import call_command

from lms.models import User
from motivation.models import Mentorship, NeedsSurvey, SurveyResponse, TrainingPlan
from motivation.services.badges import points
from tests.browser.conftest import open_menu, screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def switch_to(page, language):
    open_menu(page)
    page.locator(f"button[name=language][value={language}]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def test_a_kazakh_member_opens_achievements_and_answers_the_needs_survey(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "member.kk@example.org")

    phone.goto(f"{base}/learning/")
    phone.locator("main a[href='/motivation/']").click()
    phone.wait_for_url(f"{base}/motivation/")
    assert phone.locator("html").get_attribute("lang") == "kk"
    assert phone.locator(".badge-card.locked h3", has_text="Алғашқы қадам").count() == 1
    # No course finished yet; the in-person seminars she attended count.
    expected = points(User.objects.get(email="member.kk@example.org")).total
    assert expected > 0 and phone.locator("[data-points]").get_attribute("data-points") == str(expected)
    assert "Ерлан Жұмабеков" in phone.locator(".mentoring").inner_text()
    assert fits(phone)
    screenshot(phone, "motivation-achievements-kk")

    phone.locator(".survey-invite a.button").click()
    phone.locator("input[name=topics]").nth(1).check()
    phone.locator("input[name=topics]").nth(3).check()
    phone.locator("input[name=preferred_format][value=webinar]").check()
    phone.locator("input[name=preferred_time][value=evenings]").check()
    phone.fill("textarea[name=comment]", "Қазақ тілінде вебинарлар керек.")
    assert fits(phone)
    screenshot(phone, "motivation-survey-kk")
    phone.locator("main form button[type=submit]").click()

    phone.wait_for_url(f"{base}/motivation/")
    assert phone.locator(".messages .success").count() == 1
    assert phone.locator(".survey-invite").count() == 0
    answer = SurveyResponse.objects.get(user__email="member.kk@example.org")
    assert (answer.preferred_format, answer.topics.count()) == ("webinar", 2)


def test_a_russian_member_shares_a_badge(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "member.ru@example.org")

    phone.goto(f"{base}/motivation/")
    assert phone.locator("html").get_attribute("lang") == "ru"
    earned = phone.locator(".badge-card.earned", has_text="Первый шаг")
    assert earned.count() == 1
    earned.locator("summary").click()
    link = earned.locator("input[readonly]").input_value()
    assert "/motivation/badges/" in link
    assert fits(phone)
    screenshot(phone, "motivation-achievements-ru")

    open_menu(phone)
    phone.locator(".site-header button.link").click()  # log out: the page is public
    phone.goto(link)
    assert phone.locator("h1").inner_text() == "Первый шаг"
    assert "Ольга Петренко" in phone.locator(".badge-public").inner_text()
    assert "member.ru@example.org" not in phone.content()
    assert fits(phone)
    screenshot(phone, "motivation-badge-public-ru")


def test_an_administrator_reads_the_plan_report_in_kazakh_and_russian(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "admin.abai@example.org")
    plan = TrainingPlan.objects.get(organisation__name_ru__startswith="Абай")

    phone.goto(f"{base}/motivation/plans/")
    assert phone.locator("html").get_attribute("lang") == "kk"
    phone.locator(f"a[href='/motivation/plans/{plan.pk}/']").click()
    phone.wait_for_url(f"{base}/motivation/plans/{plan.pk}/")
    assert phone.locator("[data-approved=yes]").count() == 1
    assert "Абай облыстық ұйымы" in phone.locator("main .lead").first.inner_text()
    chart = phone.locator("svg.chart[data-chart='plan-months']")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and chart.locator("rect.bar").count() == 24  # planned and actual, 12 months
    assert phone.locator("#plan-months tbody tr").count() == 12
    assert int(phone.locator("[data-figure=planned]").inner_text()) == sum(
        plan.items.values_list("planned_participants", flat=True))
    assert phone.locator(".hint .wanted li").count() >= 3  # the survey's most wanted topics
    assert fits(phone)
    screenshot(phone, "motivation-plan-kk")

    switch_to(phone, "ru")
    assert "Абайская областная организация" in phone.locator("main .lead").first.inner_text()
    assert "Исполнительный комитет" in phone.locator(".approval").inner_text()
    assert fits(phone)
    screenshot(phone, "motivation-plan-ru")

    phone.goto(f"{base}/motivation/budgets/")
    assert phone.locator("#budget-shares li[data-organisation]").count() == 4
    assert phone.locator("#budget-shares .flag").count() >= 2  # the region (7%), a committee (4%)
    assert fits(phone)
    screenshot(phone, "motivation-budgets-ru")

    phone.goto(f"{base}/motivation/surveys/{NeedsSurvey.objects.get().pk}/results/")
    assert phone.locator("#survey-topics tbody tr").count() >= 3
    assert fits(phone)
    screenshot(phone, "motivation-survey-results-ru")


def test_a_mentor_follows_a_mentee_on_a_phone_in_kazakh(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "chair@example.org")
    pairing = Mentorship.objects.get(mentor__email="chair@example.org")

    phone.goto(f"{base}/motivation/")
    phone.locator(".mentoring a").click()
    phone.locator(f"a[href='/motivation/mentees/{pairing.pk}/']").click()
    assert phone.locator("h1").inner_text() == "Айгерім Сейтқалиқызы"
    assert phone.locator(".mentee-enrolment").count() >= 1
    assert "member.kk@example.org" not in phone.content()
    assert fits(phone)
    screenshot(phone, "motivation-mentee-kk")

    phone.goto(f"{base}/motivation/leaderboard/")
    assert phone.locator(".leaderboard li.mine").count() == 1
    assert fits(phone)
    screenshot(phone, "motivation-leaderboard-kk")
