"""A chair of a primary organisation leads her members' training on a phone, in Kazakh and
in Russian: she opens My organisation, sees the untrained, enrols two of them in a course,
reminds a stalled member (a second reminder the same week is refused with a clear message),
records the school's own seminar with attendance, and the coverage line follows."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from demo.home import ensure_home_page
from lms.models import Enrolment, LearnerCategory
from motivation.models import MemberNotice
from reports.models import EventAttendance
from tests.browser.conftest import open_menu, screenshot
from tests.lms.factories import PASSWORD, UnionTree, catalogue_page, course, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def _school(language):
    ensure_home_page()  # a transactional test starts from a flushed database
    tree = UnionTree.build()
    catalogue = catalogue_page()
    page = course(catalogue, modules=1, lessons=1, title="Ұжымдық шарт / Коллективный договор")
    chair = member(tree.school_a, category=LearnerCategory.PRIMARY_CHAIR,
                   first_name="Ерлан", last_name="Жұмабеков")
    chair.profile.language = language
    chair.profile.save()
    untrained = [member(tree.school_a, first_name=first, last_name=last)
                 for first, last in (("Айгүл", "Сейітова"), ("Дәулет", "Омаров"), ("Сая", "Бекова"))]
    stalled = member(tree.school_a, first_name="Ольга", last_name="Ким")
    Enrolment.objects.create(user=stalled, course=page,
                             enrolled_at=timezone.now() - datetime.timedelta(days=30))
    return chair, page, untrained, stalled


def _log_in(phone, base, user):
    phone.goto(f"{base}/accounts/login/")
    phone.fill("input[name=login]", user.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{base}/")


def _trained(phone):
    return int(phone.locator(".coverage-line").get_attribute("data-trained"))


def _messages(phone):
    return phone.locator(".messages").inner_text()


def _small_targets(phone):
    """Links and buttons in the page's content smaller than 44 px in height."""
    return phone.evaluate("""() => [...document.querySelectorAll(
          'main a[href], main button, main select, main label.choice, '
          + 'main input:not([type=hidden]):not([type=checkbox])')]
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
        .map(e => (e.innerText || e.name || e.tagName).trim().slice(0, 30))""")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_chair_leads_her_schools_training_on_a_phone(phone, live_server, language):
    chair, page, untrained, stalled = _school(language)
    base = live_server.url
    with translation.override(language):
        words = {key: _(key) for key in (
            "My organisation", "Untrained", "Enrol the ticked", "Remind", "Record the seminar")}
    _log_in(phone, base, chair)

    # My organisation from the menu; the untrained are listed.
    open_menu(phone)
    phone.locator("header a", has_text=words["My organisation"]).click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == language
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    phone.locator(".tabs a", has_text=words["Untrained"]).click()
    phone.wait_for_load_state()
    names = phone.locator(".member .name").all_inner_texts()
    assert {"Айгүл Сейітова", "Дәулет Омаров", "Сая Бекова"} <= set(names)
    assert _small_targets(phone) == []
    screenshot(phone, f"my-organisation-untrained-{language}")
    trained_before = _trained(phone)

    # Two of them enrolled in a course.
    for person in untrained[:2]:
        phone.locator(f"input[name=members][value='{person.pk}']").check()
    phone.select_option("#enrol-course", str(page.pk))
    phone.locator("button[value=enrol]").click()
    phone.wait_for_load_state()
    assert set(Enrolment.objects.filter(course=page).values_list("user_id", flat=True)) == {
        untrained[0].pk, untrained[1].pk, stalled.pk}
    assert page.title in _messages(phone)

    # The stalled member reminded; a second reminder the same week refused, saying why.
    phone.goto(f"{base}/motivation/organisation/?status=stalled")
    phone.locator(f"button[name=remind][value='{stalled.pk}']").click()
    phone.wait_for_load_state()
    assert "Ким" in _messages(phone)
    phone.locator(f"button[name=remind][value='{stalled.pk}']").click()
    phone.wait_for_load_state()
    assert phone.locator(".messages .error").count() == 1
    assert MemberNotice.objects.filter(member=stalled).count() == 1
    screenshot(phone, f"my-organisation-reminded-{language}")

    # The school's own seminar with two participants: the coverage line counts them.
    phone.goto(f"{base}/motivation/organisation/?status=untrained")
    for person in untrained[1:]:
        phone.locator(f"input[name=members][value='{person.pk}']").check()
    phone.fill("#seminar-title", "Еңбек кодексі / Трудовой кодекс")
    phone.fill("#seminar-trainer", "Гүлнар Әбдірахманова")
    phone.locator("button[value=seminar]").click()
    phone.wait_for_load_state()
    assert EventAttendance.objects.filter(event__organisation=chair.profile.organisation).count() == 2
    assert _trained(phone) == trained_before + 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, f"my-organisation-seminar-{language}")
