"""A file of the same questions in the other language fills in that language of the bank's
questions with the same ::title::, all or nothing, and says what it could not match."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from quizzes import gift, imports, scoring
from quizzes.models import Question
from tests.quizzes.factories import bank
from tests.quizzes.test_imports import trainer

pytestmark = pytest.mark.django_db

RUSSIAN = """::Комиссия::Кто первым рассматривает трудовой спор? {
=Согласительная комиссия#Верно.
~Суд#Нет, суд — позже.
####Статья 159.
}

::Ложь::Работодатель может запретить профсоюз. {FALSE#Это запрещено.#Верно.}

::Короткий::Как называется посредничество? {=медиация =%50%посредничество#Почти.}

::Пары::Сопоставьте. {=ТК -> Трудовой кодекс =КД -> Коллективный договор = -> Устав}

::Числа::Сколько часов в неделе? {#=40#Верно. =%50%36..39#Близко. ~#Нет.}

::Эссе::Опишите порядок заключения договора. {}

::Только по-русски::Вопрос без перевода. {T}
"""

KAZAKH = """::Комиссия::Жеке еңбек дауын алдымен кім қарайды? {
=Келісім комиссиясы#Дұрыс.
~Сот#Жоқ, сот — кейін.
####159-бап.
}

::Ложь::Жұмыс беруші кәсіподаққа тыйым сала ала ма? {F#Бұл заңмен тыйым салынған.#Дұрыс.}

::Короткий::Делдалдық қалай аталады? {=медиация =%50%делдалдық#Жақын.}

::Пары::Сәйкестендіріңіз. {=ЕК -> Еңбек кодексі =ҰШ -> Ұжымдық шарт = -> Жарғы}

::Числа::Аптасына неше сағат? {#=40#Дұрыс. =%50%36..39#Жақын. ~#Жоқ.}

::Эссе::Шарт жасасу тәртібін сипаттаңыз. {}

::Жаңа::Банкте жоқ сұрақ. {T}

Тақырыпсыз сұрақ. {T}
"""


def russian_bank():
    target = bank()
    imports.import_gift(target, RUSSIAN, language="ru")
    return target


def by_title(target):
    return {q.title: q for q in target.questions.prefetch_related("options")}


def test_the_kazakh_file_fills_in_the_kazakh_texts_of_the_questions_with_the_same_title():
    target = russian_bank()

    report = imports.translate_file(target, "kk.gift", KAZAKH.encode(), "kk")

    questions = by_title(target)
    first = questions["Комиссия"]
    assert (first.text_ru, first.text_kk) == (
        "Кто первым рассматривает трудовой спор?", "Жеке еңбек дауын алдымен кім қарайды?")
    assert first.feedback_kk == "159-бап."
    assert [(o.text_ru, o.text_kk, o.feedback_kk, o.fraction) for o in first.options.all()] == [
        ("Согласительная комиссия", "Келісім комиссиясы", "Дұрыс.", 1.0),
        ("Суд", "Сот", "Жоқ, сот — кейін.", 0.0)]
    false = questions["Ложь"]
    assert (false.wrong_feedback_kk, false.right_feedback_kk) == ("Бұл заңмен тыйым салынған.", "Дұрыс.")
    assert [(o.match_ru, o.match_kk) for o in questions["Пары"].options.all()] == [
        ("Трудовой кодекс", "Еңбек кодексі"), ("Коллективный договор", "Ұжымдық шарт"),
        ("Устав", "Жарғы")]
    assert [o.feedback_kk for o in questions["Числа"].options.all()] == ["Дұрыс.", "Жақын.", "Жоқ."]
    assert questions["Эссе"].text_kk == "Шарт жасасу тәртібін сипаттаңыз."
    assert {q.title for q in report.questions} == {
        "Комиссия", "Ложь", "Короткий", "Пары", "Числа", "Эссе"}
    assert target.questions.count() == 7  # nothing added


def test_the_report_names_titles_without_a_match_and_questions_left_without_a_translation():
    target = russian_bank()

    report = imports.translate_file(target, "kk.gift", KAZAKH.encode(), "kk")

    assert [message for _line, message in report.warnings] == [
        "the bank has no question titled «Жаңа»: it was skipped",
        "the question has no ::title:: to find it by in the bank: it was skipped",
    ]
    assert [line for line, _message in report.warnings] == [17, 19]
    assert [q.title for q in report.untranslated] == ["Только по-русски"]


def test_a_short_answer_in_either_language_earns_its_credit():
    target = russian_bank()
    imports.translate_file(target, "kk.gift", KAZAKH.encode(), "kk")
    question = by_title(target)["Короткий"]

    assert scoring.score_answer(question, "делдалдық") == 0.5
    assert scoring.score_answer(question, "посредничество") == 0.5
    assert scoring.score_answer(question, "медиация") == 1.0


@pytest.mark.parametrize("broken, fragment", [
    ("::Ложь::Жұмыс беруші кәсіподаққа тыйым сала ала ма? {T}", "has the other answer"),
    ("::Ложь::Жұмыс беруші кәсіподаққа тыйым сала ала ма? {=иә ~жоқ}", "is of another kind"),
    ("::Короткий::Делдалдық қалай аталады? {=медиация}", "has 2 answers, this file 1"),
    ("::Короткий::Делдалдық қалай аталады? {=медиация =%40%делдалдық}", "earns 50% in the bank, 40% here"),
    ("::Числа::Аптасына неше сағат? {#=41 =%50%36..39 ~#Жоқ.}", "has another number in the bank"),
    ("::Комиссия::Қайталанған атау. {=a ~b}", "is also used on line 1"),
])
def test_a_question_that_does_not_fit_refuses_the_whole_file_naming_its_line(broken, fragment):
    target = russian_bank()
    good = "::Комиссия::Жеке еңбек дауын алдымен кім қарайды? {=Келісім комиссиясы ~Сот}\n\n"

    with pytest.raises(gift.GiftError) as raised:
        imports.translate_file(target, "kk.gift", (good + broken + "\n").encode(), "kk")

    (line, message), *_rest = raised.value.errors
    assert line == 3
    assert fragment in message
    assert not Question.objects.exclude(text_kk="").exists()  # not even the question that fits


def test_two_questions_of_the_bank_with_one_title_cannot_be_told_apart():
    target = russian_bank()
    imports.import_gift(target, "::Ложь::Ещё один вопрос с этим названием. {T}", language="ru")

    with pytest.raises(gift.GiftError) as raised:
        imports.translate_file(target, "kk.gift", KAZAKH.encode(), "kk")

    assert raised.value.errors == [
        (7, "2 questions of the bank are titled «Ложь»: give them different titles")]


def test_a_translation_in_another_format_is_stored_in_the_format_of_the_bank_question():
    target = bank()
    imports.import_gift(target, "::Разметка::[markdown]Кто **первым** рассматривает спор? {T}", "ru")

    imports.translate_file(target, "kk.gift",
                           "::Разметка::[html]Дауды <b>алдымен</b> кім қарайды? {T}".encode(), "kk")

    question = target.questions.get()
    assert question.text_format == "markdown"
    with translation.override("kk"):
        assert "<b>алдымен</b>" in question.text_html


def upload(text, name="kk.gift"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_the_admin_screen_offers_the_other_language_and_reports_what_it_did(client, english):
    target = russian_bank()
    client.force_login(trainer())

    response = client.post(reverse("quizzes_import"), {
        "bank": target.pk, "language": "kk", "purpose": "translation", "file": upload(KAZAKH)},
        HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown[0] == "The Kazakh text was added to 6 questions."
    assert "Line 17: the bank has no question titled «Жаңа»: it was skipped" in shown
    assert shown[-1] == "1 question of the bank got no Kazakh text: «Только по-русски»"
    assert Question.objects.filter(bank=target).exclude(text_kk="").count() == 6


def test_the_admin_shows_the_errors_of_a_translation_and_stores_nothing(client):
    target = russian_bank()
    client.force_login(trainer())

    response = client.post(reverse("quizzes_import"), {
        "bank": target.pk, "language": "kk", "purpose": "translation",
        "file": upload("::Ложь::Жұмыс беруші кәсіподаққа тыйым сала ала ма? {T}\n")})

    assert response.status_code == 200
    assert [line for line, _message in response.context["problems"]] == [1]
    assert not Question.objects.exclude(text_kk="").exists()


def test_the_import_screen_names_the_choice_of_the_other_language(client, english):
    client.force_login(trainer())

    html = client.get(reverse("quizzes_import"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'name="purpose"' in html
    assert "this file is the Kazakh or Russian version of the questions already in the bank" in html
