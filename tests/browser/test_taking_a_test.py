import pytest

from lms import services as lms_services
from lms.models import LearnerCategory
from quizzes.models import Attempt
from quizzes.question_types.builtin import QuestionKind
from tests.browser.conftest import screenshot
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    # Autosave: the answers are on the server before any button is pressed.
    phone.locator(".autosave-status").filter(has_text="✓").wait_for()
    phone.reload()
    assert phone.get_by_label("Келісім комиссиясы").is_checked()
    assert phone.locator("input[type=text]").input_value() == "Медиация"
    phone.locator("button[name=action][value=submit]").click()

    assert "100%" in phone.locator(".score").inner_text()
    assert Attempt.objects.get(user=learner).score == 100
    screenshot(phone, "test-result-kk")
