"""A bank imported from GIFT in Russian, then its Kazakh file as the other language: a
learner on a phone reads its markdown and HTML questions rendered, in their language."""

import pytest

from lms import services as lms_services
from lms.models import LearnerCategory
from quizzes import imports
from tests.browser.conftest import screenshot
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUSSIAN = """::Комиссия::[markdown]Кто **первым** рассматривает индивидуальный трудовой спор?
- работник подаёт заявление;
- спор рассматривают в срок.{
=Согласительная комиссия
~**Суд**
~Аким
}

::Договор::[html]<p>Коллективный договор <em>дополняет</em> трудовой договор.</p>{T}
"""

KAZAKH = """::Комиссия::[markdown]Жеке еңбек дауын **алдымен** кім қарайды?
- қызметкер өтініш береді;
- дау мерзімінде қаралады.{
=Келісім комиссиясы
~**Сот**
~Әкім
}

::Договор::[html]<p>Ұжымдық шарт еңбек шартын <em>толықтырады</em>.</p>{T}
"""

WORDS = {
    "ru": ("Кто", "первым", "Суд", "дополняет"),
    "kk": ("Жеке", "алдымен", "Сот", "толықтырады"),
}


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_learner_reads_markdown_and_html_questions_rendered_in_their_language(
        phone, live_server, language):
    from demo.home import ensure_home_page

    ensure_home_page()
    page = course(catalogue_page(), modules=1, lessons=1, language=language)
    questions = bank()
    imports.import_gift(questions, RUSSIAN, language="ru")
    imports.translate_file(questions, "kk.gift", KAZAKH.encode(), "kk")
    test = quiz(page, [questions], question_count=2)
    learner = member(None, category=LearnerCategory.MEMBER)
    learner.profile.language = language
    learner.profile.save()
    lms_services.enrol(learner, page)

    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("input[name=login]", learner.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{live_server.url}/tests/{test.pk}/")
    phone.locator("main form button[type=submit]").click()
    phone.locator("fieldset.question").first.wait_for()

    main = phone.locator("main").inner_text()
    lead, bold, option, emphasis = WORDS[language]
    assert lead in main and "**" not in main and "<p>" not in main and "::" not in main
    assert phone.locator(".question-text strong").inner_text() == bold
    assert phone.locator(".question-text li").count() == 2
    assert phone.locator(".choice strong").inner_text() == option
    assert phone.locator(".question-text em").inner_text() == emphasis
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, f"gift-markdown-question-{language}")
