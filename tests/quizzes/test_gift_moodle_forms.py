"""Every answer form of Moodle's GIFT documentation, in a bank: imported, scored as Moodle
scores it, exported and imported again to the same meaning (kinds, texts, answers, credits,
feedback, ranges, titles and formats)."""

import pytest

from quizzes import gift, imports, scoring
from quizzes.formats import TextFormat
from tests.quizzes.factories import bank

pytestmark = pytest.mark.django_db

EVERY_FORM = r"""// Every answer form of Moodle's GIFT format.
$CATEGORY: $course$/Трудовое право

::Комиссия::Кто первым рассматривает индивидуальный трудовой спор? {
=Согласительная комиссия#Верно: сначала комиссия.
~Суд#Нет, суд — позже.
~Аким
####Статья 159 Трудового кодекса.
}

::Пропуск::Коллективный договор {~отменяет =дополняет ~заменяет} трудовой договор.

::Частично::Кто подписывает коллективный договор? {
~Только работодатель
~%50%Профком#Наполовину: и профком, и работодатель.
=Работодатель и представители работников#Верно.
}

::Несколько::Что входит в коллективный договор? {
~%50%Оплата труда#Да.
~%50%Режим отдыха#Да.
~%-100%Взыскания#Нет.
~Погода
}

::Да-нет::Членство в профсоюзе добровольное. {T}

::Ложь::Работодатель может запретить профсоюз. {FALSE
#Подумайте ещё: это запрещено законом.#Верно, не может.####Закон о профсоюзах, статья 3.}

::Короткий::Как называется посредничество в споре? {
=медиация#Верно.
=%50%посредничество#Почти: так говорят, но термин — медиация.
=%0%*#Нет.
}

::Звезда::Назовите орган профсоюза, начинающийся с «проф». {=проф* =%50%комитет}

::Пары::Сопоставьте документы. {
=ТК РК -> Трудовой кодекс
=КД -> Коллективный договор
= -> Устав
}

::Число::Сколько часов в рабочей неделе? {#40}

::Допуск::Чему равно число пи (до сотых)? {#3.14:0.01}

::Диапазон::Назовите возраст от 42 до 56 лет. {#42..56}

::Числа::Чему равно число пи? {#
=%100%3.14:0.01#Верно.
=%50%3.1:0.1#Грубо, но близко.
~#Совсем не то.
}

::Эссе::Опишите порядок заключения коллективного договора. {####Упомяните стороны и сроки.}

::Вступление::Прочитайте статьи 156–160 Трудового кодекса.

::Разметка::[markdown]Кто **первым** рассматривает спор?{
=Комиссия#*Верно*.
~Суд
}

[markdown]::Заголовок перед форматом::Выберите _верный_ ответ. {=да ~нет}

::HTML::[html]<p>Выберите <b>верный</b> ответ.</p>{=[plain]<да> ~[markdown]**нет**#[html]<i>Нет.</i>}

::Текст::[plain]Правда ли, что 2 < 3 & 3 > 2? {T}

::Мудл::[moodle]Строка одна\nстрока две {T}

::Знаки::Знаки \= \{ \} \~ \# \: \\ пишутся с чертой. {=\= ~\#}
"""


def import_every_form(target=None):
    target = target or bank()
    report = imports.import_gift(target, EVERY_FORM, language="ru")
    return target, report, {q.title: q for q in target.questions.prefetch_related("options")}


def option(question, text):
    return next(o for o in question.options.all() if o.text_ru == text)


def test_every_form_is_imported_and_a_description_is_skipped_with_a_warning():
    target, report, by_title = import_every_form()

    description = EVERY_FORM.splitlines().index("::Вступление::Прочитайте статьи 156–160 Трудового кодекса.")
    assert report.warnings == [(description + 1, gift.DESCRIPTION)]
    assert len(by_title) == len(report.questions) == 20
    assert {q.kind for q in by_title.values()} == {
        "single", "multiple", "true_false", "short_answer", "matching", "numeric", "essay"}
    assert all("::" not in q.text_ru for q in by_title.values())
    assert by_title["Пропуск"].text_ru == "Коллективный договор _____ трудовой договор."
    assert by_title["Комиссия"].feedback_ru == "Статья 159 Трудового кодекса."
    assert option(by_title["Комиссия"], "Суд").feedback_ru == "Нет, суд — позже."


@pytest.mark.parametrize("title, answer, credit", [
    ("Комиссия", "Согласительная комиссия", 1.0),
    ("Комиссия", "Суд", 0.0),
    ("Частично", "Профком", 0.5),
    ("Частично", "Работодатель и представители работников", 1.0),
    ("Частично", "Только работодатель", 0.0),
])
def test_single_choice_earns_the_credit_of_the_answer_chosen(title, answer, credit):
    _bank, _report, by_title = import_every_form()
    question = by_title[title]

    assert scoring.score_answer(question, option(question, answer).pk) == credit


@pytest.mark.parametrize("chosen, credit", [
    (["Оплата труда", "Режим отдыха"], 1.0),
    (["Оплата труда"], 0.5),
    (["Оплата труда", "Взыскания"], 0.0),
    (["Оплата труда", "Режим отдыха", "Погода"], 0.5),
])
def test_multiple_choice_adds_the_credits_of_the_answers_chosen(chosen, credit):
    _bank, _report, by_title = import_every_form()
    question = by_title["Несколько"]

    assert scoring.score_answer(question, [option(question, text).pk for text in chosen]) == credit


def test_true_false_keeps_the_right_answer_and_both_feedbacks():
    _bank, _report, by_title = import_every_form()
    question = by_title["Ложь"]

    assert question.true_false_answer is False
    assert (question.wrong_feedback_ru, question.right_feedback_ru) == (
        "Подумайте ещё: это запрещено законом.", "Верно, не может.")
    assert question.feedback_ru == "Закон о профсоюзах, статья 3."
    assert (scoring.score_answer(question, False), scoring.score_answer(question, True)) == (1.0, 0.0)
    assert scoring.score_answer(by_title["Да-нет"], True) == 1.0


@pytest.mark.parametrize("title, answer, credit", [
    ("Короткий", "Медиация", 1.0),
    ("Короткий", "  посредничество ", 0.5),
    ("Короткий", "арбитраж", 0.0),
    ("Звезда", "Профком", 1.0),
    ("Звезда", "комитет", 0.5),
    ("Звезда", "местком", 0.0),
])
def test_short_answers_earn_the_credit_of_the_first_answer_they_match(title, answer, credit):
    _bank, _report, by_title = import_every_form()

    assert scoring.score_answer(by_title[title], answer) == credit


def test_matching_scores_the_pairs_and_offers_the_distractor_as_an_answer():
    _bank, _report, by_title = import_every_form()
    question = by_title["Пары"]
    options = list(question.options.all())
    first, second, distractor = options

    assert (distractor.text_ru, distractor.match_ru) == ("", "Устав")
    assert scoring.score_answer(question, {str(first.pk): first.pk, str(second.pk): second.pk}) == 1.0
    assert scoring.score_answer(question, {str(first.pk): distractor.pk, str(second.pk): second.pk}) == 0.5
    assert question.question_type.is_answered(question, {str(first.pk): first.pk, str(second.pk): 0})


@pytest.mark.parametrize("title, answer, credit", [
    ("Число", "40", 1.0),
    ("Число", "41", 0.0),
    ("Допуск", "3,15", 1.0),
    ("Допуск", "3.16", 0.0),
    ("Диапазон", "42", 1.0),
    ("Диапазон", "56", 1.0),
    ("Диапазон", "49", 1.0),
    ("Диапазон", "57", 0.0),
    ("Числа", "3.141", 1.0),
    ("Числа", "3.05", 0.5),
    ("Числа", "2", 0.0),
    ("Числа", "не знаю", 0.0),
])
def test_numeric_answers_earn_the_credit_of_the_first_answer_that_holds_them(title, answer, credit):
    _bank, _report, by_title = import_every_form()

    assert scoring.score_answer(by_title[title], answer) == credit


def test_a_numeric_range_is_kept_as_a_range():
    _bank, _report, by_title = import_every_form()

    (answer,) = by_title["Диапазон"].options.all()

    assert (answer.number, answer.number_to, answer.tolerance, answer.fraction) == (42, 56, 0, 1.0)


def test_formats_are_kept_and_the_title_never_stays_in_the_text():
    _bank, _report, by_title = import_every_form()

    assert by_title["Разметка"].text_format == TextFormat.MARKDOWN
    assert by_title["Разметка"].text_ru == "Кто **первым** рассматривает спор?"
    before = by_title["Заголовок перед форматом"]
    assert (before.text_format, before.text_ru) == (TextFormat.MARKDOWN, "Выберите _верный_ ответ.")
    assert by_title["Текст"].text_format == TextFormat.PLAIN
    assert by_title["Мудл"].text_format == TextFormat.MOODLE
    assert by_title["Число"].text_format == TextFormat.MOODLE  # Moodle's default
    html = by_title["HTML"]
    assert html.text_format == TextFormat.HTML
    # Answers written in another format than their question are kept in the question's.
    assert [o.text_ru for o in html.options.all()] == ["&lt;да&gt;", "<strong>нет</strong>"]
    assert option(html, "<strong>нет</strong>").feedback_ru == "<i>Нет.</i>"


def test_an_essay_comes_in_with_its_general_feedback_and_waits_for_a_person():
    _bank, _report, by_title = import_every_form()
    essay = by_title["Эссе"]

    assert (essay.kind, essay.feedback_ru) == ("essay", "Упомяните стороны и сроки.")
    assert scoring.score_answer(essay, "Сначала переговоры.") is None


def meaning(target):
    """What a bank says, whatever the ids: kinds, texts, answers, credits, feedback,
    numbers and ranges, titles and formats."""
    return [
        (q.title, q.kind, q.text_format, q.text_ru, q.feedback_ru, q.true_false_answer,
         q.right_feedback_ru, q.wrong_feedback_ru, q.accepted_answers, q.numeric_answer, q.tolerance,
         [(o.text_ru, o.match_ru, o.fraction, o.feedback_ru, o.number, o.tolerance, o.number_to)
          for o in q.options.all()])
        for q in target.questions.prefetch_related("options").order_by("pk")
    ]


def test_a_bank_with_every_form_round_trips_through_gift_to_the_same_meaning():
    source, _report, _by_title = import_every_form()

    exported = imports.export_gift(source, language="ru")
    copy = bank()  # the same title: the export names it in its $CATEGORY line
    again = imports.import_gift(copy, exported, language="ru")

    assert again.warnings == []
    assert meaning(copy) == meaning(source)
    assert imports.export_gift(copy, language="ru") == exported


def test_the_export_writes_ranges_feedback_and_formats_as_moodle_reads_them():
    source, _report, _by_title = import_every_form()

    exported = imports.export_gift(source, language="ru")

    assert "::Диапазон::Назовите возраст от 42 до 56 лет. {#42..56}" in exported
    assert "{FALSE#Подумайте ещё\\: это запрещено законом.#Верно, не может.####" in exported
    assert "\t#=3.14:0.01#Верно.\n\t=%50%3.1:0.1#Грубо, но близко.\n\t~#Совсем не то.\n" in exported
    assert "\t=%50%посредничество#Почти\\: так говорят, но термин — медиация.\n" in exported
    assert "\t= -> Устав\n" in exported
    assert "::Разметка::[markdown]Кто **первым** рассматривает спор? {" in exported
    assert "±" not in exported
