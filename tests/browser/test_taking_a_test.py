import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms import services as lms_services
from lms.models import LearnerCategory
from quizzes.models import Attempt, Option
from quizzes.question_types.builtin import QuestionKind
from tests.browser.conftest import screenshot, wait_until
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_WIDTH = 390
TOUCH = 44  # the smallest height of anything a finger presses, in CSS pixels


def saved_words(page):
    """The autosave status once saved: "Saved at 13:05" in the page's language."""
    words = page.locator(".autosave-status").get_attribute("data-saved")
    return re.compile("^" + re.escape(words).replace(re.escape("{time}"), r"\d\d:\d\d") + "$")


def test_member_takes_the_final_test_on_a_phone_in_kazakh(phone, live_server):
    from demo.home import ensure_home_page

    ensure_home_page()
    page = course(catalogue_page(), modules=1, lessons=1, language="kk")
    questions = bank("Еңбек құқығы")
    question(questions, text_kk="Жеке еңбек дауын алдымен кім қарайды?",
             options=[("Келісім комиссиясы", 1), ("Сот", 0), ("Әкім", 0)])
    question(questions, QuestionKind.TRUE_FALSE, text_kk="Кәсіподаққа мүше болу ерікті.",
             true_false_answer=True)
    question(questions, QuestionKind.SHORT_ANSWER, text_kk="Келіссөз арқылы шешу қалай аталады?",
             accepted_answers="медиация")
    test = quiz(page, [questions], question_count=3)
    learner = member(None, category=LearnerCategory.MEMBER)
    learner.profile.language = "kk"
    learner.profile.save()
    lms_services.enrol(learner, page)
    base = live_server.url

    phone.goto(f"{base}/accounts/login/")
    phone.fill("input[name=login]", learner.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{base}/tests/{test.pk}/")
    phone.locator("main form button[type=submit]").click()
    assert phone.locator("h1").inner_text() == "Қорытынды тест"
    for fieldset in phone.locator("fieldset.question").all():
        text = fieldset.locator(".question-text").inner_text()
        if "комиссия" in text or "дауын" in text:
            fieldset.get_by_label("Келісім комиссиясы").check()
        elif "ерікті" in text:
            fieldset.locator("input[value=true]").check()
        else:
            fieldset.locator("input[type=text]").fill("Медиация")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "test-taking-kk")
    # Autosave: the answers are on the server before any button is pressed, and it says so.
    expect(phone.locator(".autosave-status")).to_have_text(saved_words(phone))
    phone.reload()
    assert phone.get_by_label("Келісім комиссиясы").is_checked()
    assert phone.locator("input[type=text]").input_value() == "Медиация"
    phone.locator("button[name=action][value=submit]").click()

    assert "100%" in phone.locator(".score").inner_text()
    assert Attempt.objects.get(user=learner).score == 100
    screenshot(phone, "test-result-kk")


# Long texts on both sides of a matching question: a drop-down would cut them at 390 px.
LONG_PAIRS = [
    (("Работник не согласен с приказом о дисциплинарном взыскании и хочет его обжаловать",
      "Жұмыскер тәртіптік жаза туралы бұйрықпен келіспейді және оған шағымданғысы келеді"),
     ("Согласительная комиссия организации, а затем суд, если решение не устроило работника",
      "Ұйымның келісім комиссиясы, ал шешім жұмыскерді қанағаттандырмаса, сот")),
    (("Работодатель в одностороннем порядке меняет условия коллективного договора",
      "Жұмыс беруші ұжымдық шарттың талаптарын біржақты тәртіппен өзгертеді"),
     ("Профсоюзный комитет требует соблюдения договора и обращается в инспекцию труда",
      "Кәсіподақ комитеті шарттың сақталуын талап етіп, еңбек инспекциясына жүгінеді")),
]


def timed_test_with_every_aid(language):
    """A 30-minute test of five questions on one page, a long matching one among them."""
    from demo.home import ensure_home_page

    ensure_home_page()
    page = course(catalogue_page(), modules=1, lessons=1, language=language)
    questions = bank("Еңбек даулары")
    question(questions, text_ru="Кто первым рассматривает индивидуальный трудовой спор?",
             text_kk="Жеке еңбек дауын алдымен кім қарайды?",
             options=[("Согласительная комиссия", 1), ("Суд", 0), ("Аким", 0)])
    question(questions, QuestionKind.TRUE_FALSE, text_ru="Членство в профсоюзе добровольно.",
             text_kk="Кәсіподаққа мүше болу ерікті.", true_false_answer=True)
    matching = question(questions, QuestionKind.MATCHING, text_ru="Сопоставьте случай и путь.",
                        text_kk="Жағдай мен жолды сәйкестендіріңіз.",
                        options=[(left[0], right[0]) for left, right in LONG_PAIRS])
    for option, (left, right) in zip(matching.options.order_by("sort_order"), LONG_PAIRS, strict=True):
        Option.objects.filter(pk=option.pk).update(text_kk=left[1], match_kk=right[1])
    question(questions, QuestionKind.SHORT_ANSWER, text_ru="Как называется посредничество?",
             text_kk="Делдалдық қалай аталады?", accepted_answers="медиация")
    question(questions, QuestionKind.NUMERIC, text_ru="Сколько дней на рассмотрение спора?",
             text_kk="Дауды қарауға неше күн беріледі?", numeric_answer=10)
    test = quiz(page, [questions], question_count=5, time_limit_minutes=30)
    learner = member(None, category=LearnerCategory.MEMBER)
    learner.profile.language = language
    learner.profile.save()
    lms_services.enrol(learner, page)
    return test, learner


def answer(fieldset):
    """Answers a question whatever its kind: the first choice of every group, or a word."""
    for name in sorted(set(fieldset.locator("input[type=radio]").evaluate_all(
            "inputs => inputs.map(input => input.name)"))):
        fieldset.locator(f"input[type=radio][name='{name}']").first.check()
    for box in fieldset.locator("input[type=checkbox]").all()[:1]:
        box.check()
    for text in fieldset.locator("input[type=text], textarea").all():
        text.fill("10")


def heights(page, selector):
    return page.locator(selector).evaluate_all(
        "elements => elements.map(e => e.getBoundingClientRect().height)")


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_test_screen_helps_on_a_phone(phone, live_server, language):
    test, learner = timed_test_with_every_aid(language)
    violations = []  # the page's scripts and styles are files, as the policy demands
    phone.on("console", lambda message: violations.append(message.text)
             if "Content Security Policy" in message.text else None)
    base = live_server.url
    phone.goto(f"{base}/accounts/login/")
    phone.fill("input[name=login]", learner.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{base}/tests/{test.pk}/")
    phone.locator("main form button[type=submit]").click()
    assert phone.locator("html").get_attribute("lang") == language

    # The time left counts down from the server's 30 minutes.
    expect(phone.locator(".countdown-clock")).to_have_text(re.compile(r"^(30:00|29:[0-5]\d)$"))
    assert phone.locator(".countdown-clock").get_attribute("role") == "timer"
    nav = phone.locator(".question-nav")
    answered_word, unanswered_word = nav.get_attribute("data-answered"), nav.get_attribute("data-unanswered")
    items = nav.locator(".question-nav-item")
    assert items.count() == 5
    assert set(nav.locator(".state").all_inner_texts()) == {unanswered_word}

    # Answering two questions: the navigator follows and the autosave says when it saved.
    matching = phone.locator("fieldset.question").filter(has=phone.locator(".match-row"))
    matching_number = int(matching.get_attribute("data-position"))
    other = 1 if matching_number != 1 else 2
    answer(phone.locator(f"#question-{other}"))
    answer(matching)
    expect(phone.locator(".autosave-status")).to_have_text(saved_words(phone))
    for number in (other, matching_number):
        item = nav.locator(f".question-nav-item[data-position='{number}']")
        expect(item).to_have_class(re.compile(r"\banswered\b"))
        expect(item.locator(".state")).to_have_text(answered_word)
    # Offline, the status says the answer is not saved; back online, it saves again.
    status = phone.locator(".autosave-status")
    phone.context.set_offline(True)
    matching.locator("input[type=radio]").last.check()
    expect(status).to_have_text(status.get_attribute("data-failed"))
    phone.context.set_offline(False)
    expect(status).to_have_text(saved_words(phone))
    count = nav.locator(".question-nav-count")
    expect(count).to_have_text(count.get_attribute("data-template").replace("{answered}", "2"))
    # Long matching answers wrap instead of being cut.
    for label in matching.locator(".match-row label").all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert min(heights(phone, ".question-nav-item")) >= TOUCH
    assert min(heights(phone, ".take-actions button")) >= TOUCH
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, f"test-screen-{language}")

    # The navigator jumps to a question, below the bar that stays in view.
    last = max({1, 2, 3, 4, 5} - {other, matching_number})
    nav.locator(f".question-nav-item[data-position='{last}']").click()
    wait_until(phone, f"location.hash === '#question-{last}'")
    top = phone.locator(f"#question-{last}").bounding_box()["y"]
    bar = phone.locator(".take-bar").bounding_box()
    assert bar["y"] + bar["height"] <= top < 844

    # Submitting with three unanswered: a question first; "back" lands on the first gap.
    phone.locator("button[name=action][value=submit]").click()
    dialog = phone.locator("dialog.submit-confirm")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#submit-confirm-text")).to_have_text(
        dialog.get_attribute("data-template").replace("{missing}", "3"))
    assert min(heights(phone, "dialog.submit-confirm button")) >= TOUCH
    screenshot(phone, f"test-screen-{language}-confirm")
    dialog.locator("[data-cancel]").click()
    expect(dialog).to_be_hidden()
    first_gap = min({1, 2, 3, 4, 5} - {other, matching_number})
    focused = phone.evaluate("document.activeElement.closest('fieldset.question').id")
    assert focused == f"question-{first_gap}"
    assert Attempt.objects.get(user=learner).submitted_at is None

    phone.locator("button[name=action][value=submit]").click()
    dialog.locator("[data-confirm]").click()
    phone.wait_for_url(re.compile(r"/result/$"))
    assert Attempt.objects.get(user=learner).submitted_at is not None
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    assert violations == []


def test_the_countdown_warns_at_a_minute_and_submits_when_the_time_is_up(phone, live_server):
    test, learner = timed_test_with_every_aid("ru")
    base = live_server.url
    phone.goto(f"{base}/accounts/login/")
    phone.fill("input[name=login]", learner.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{base}/tests/{test.pk}/")
    phone.locator("main form button[type=submit]").click()
    attempt = Attempt.objects.get(user=learner)
    countdown = phone.locator(".countdown")

    # A minute and two seconds left: screen readers hear "1 minute left" once it is crossed.
    Attempt.objects.filter(pk=attempt.pk).update(expires_at=timezone.now() + timedelta(seconds=62))
    phone.reload()
    expect(phone.locator(".countdown-clock")).to_have_text(re.compile(r"^01:0[0-2]$"))
    assert phone.locator(".countdown-announcer").inner_text() == ""
    expect(phone.locator(".countdown-announcer")).to_have_text(countdown.get_attribute("data-one"))
    assert phone.locator(".countdown-announcer").get_attribute("aria-live") == "polite"

    # Three seconds left, nothing answered: the page submits by itself, without a question.
    Attempt.objects.filter(pk=attempt.pk).update(expires_at=timezone.now() + timedelta(seconds=3))
    phone.reload()
    phone.wait_for_url(re.compile(r"/result/$"))
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
