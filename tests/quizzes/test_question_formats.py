"""What a learner sees of questions in Moodle's text formats: markdown rendered, HTML
cleaned, plain text escaped; and on the result page the feedback each answer earned and
the right answers as they were written (a range stays a range)."""

import pytest
from django.urls import reverse

from lms import services as lms_services
from quizzes import imports, services
from quizzes.formats import TextFormat, convert, to_html
from quizzes.models import Attempt
from tests.lms.factories import course, member
from tests.quizzes.factories import SHOW_EVERYTHING, bank, quiz
from tests.quizzes.test_gift_moodle_forms import EVERY_FORM

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize("text, text_format, shown", [
    ("Кто **первым**?\n\n- комиссия", TextFormat.MARKDOWN,
     "<p>Кто <strong>первым</strong>?</p>\n<ul>\n<li>комиссия</li>\n</ul>\n"),
    ("<p onclick=\"steal()\">Да <script>alert(1)</script><b>нет</b></p>", TextFormat.HTML,
     "<p>Да <b>нет</b></p>"),
    ("[ссылка](javascript:alert(1)) <img src=x onerror=alert(1)>", TextFormat.MARKDOWN,
     '<p>[ссылка](javascript:alert(1)) <img src="x"></p>\n'),
    ("2 < 3 & <b>4</b>\nвторая", TextFormat.PLAIN, "<p>2 &lt; 3 &amp; &lt;b&gt;4&lt;/b&gt;<br>\nвторая</p>"),
    ("Строка <i>одна</i>\nстрока две", TextFormat.MOODLE, "<p>Строка <i>одна</i><br>\nстрока две</p>"),
])
def test_each_format_is_shown_as_safe_html(text, text_format, shown):
    assert to_html(text, text_format) == shown


def test_an_answer_in_markdown_is_shown_without_a_paragraph_around_it():
    assert to_html("**да**", TextFormat.MARKDOWN, inline=True) == "<strong>да</strong>"


@pytest.mark.parametrize("text, source, target, converted", [
    ("<да> *", TextFormat.PLAIN, TextFormat.HTML, "&lt;да&gt; *"),
    ("<да> *", TextFormat.PLAIN, TextFormat.MARKDOWN, "\\<да\\> \\*"),
    ("**да**", TextFormat.MARKDOWN, TextFormat.HTML, "<strong>да</strong>"),
    ("<b>да</b> &amp; нет", TextFormat.HTML, TextFormat.PLAIN, "да & нет"),
    ("**да**", TextFormat.MARKDOWN, TextFormat.PLAIN, "**да**"),
])
def test_a_text_in_another_format_is_rewritten_to_show_the_same(text, source, target, converted):
    assert convert(text, source, target) == converted
    assert convert(text, source, source) == text


@pytest.fixture
def learner(union):
    user = member(union.school_a)
    user.profile.language = "en"
    user.profile.save()
    return user


@pytest.fixture
def every_form_test(catalogue, learner):
    questions = bank()
    imports.import_gift(questions, EVERY_FORM, language="ru")
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    count = questions.questions.count()
    return quiz(page, [questions], question_count=count, attempt_limit=1, **SHOW_EVERYTHING)


def test_the_attempt_page_renders_markdown_and_cleans_html_in_a_bounded_number_of_queries(
        client, learner, every_form_test, django_assert_max_num_queries):
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[every_form_test.pk]))
    attempt = Attempt.objects.get(user=learner)

    with django_assert_max_num_queries(14):
        html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()

    assert "Кто <strong>первым</strong> рассматривает спор?" in html
    assert "Выберите <em>верный</em> ответ." in html
    assert "Заголовок перед форматом" not in html and "::" not in html
    assert "<p>Выберите <b>верный</b> ответ.</p>" in html
    assert "Правда ли, что 2 &lt; 3 &amp; 3 &gt; 2?" in html
    assert "Строка одна<br>" in html
    assert "<span><strong>нет</strong></span>" in html  # an answer in markdown, inline


def answers_for(attempt):
    """A right answer to the short-answer, numeric and true/false questions, partly right
    or wrong ones to others."""
    given = {"Короткий": "посредничество", "Диапазон": "49", "Числа": "3.05", "Ложь": True,
             "Число": "39"}
    return {item.position: given.get(item.question.title)
            for item in attempt.items.select_related("question")}


def test_the_result_page_shows_the_feedback_each_answer_earned_and_ranges_as_ranges(
        client, learner, every_form_test, django_assert_max_num_queries):
    attempt = services.start_attempt(learner, every_form_test)
    services.save_answers(attempt, answers_for(attempt))
    services.submit_attempt(attempt)
    client.force_login(learner)

    with django_assert_max_num_queries(16):
        html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()

    assert "Почти: так говорят, но термин — медиация." in html  # the 50% short answer
    assert "Грубо, но близко." in html  # the 50% numeric answer
    assert "Подумайте ещё: это запрещено законом." in html  # true/false, answered wrong
    assert "Right answer: from 42 to 56" in html
    assert "Right answer: 3.14 ± 0.01" in html
    assert "49 ± 7" not in html
    assert "Right answer: медиация" in html
    assert "Закон о профсоюзах, статья 3." in html  # general feedback
