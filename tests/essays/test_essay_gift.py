"""Essays in GIFT files: ``::title:: text {}`` imports as an essay and exports back the
same way, through the GIFT syntax the essays app registers."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essays import services
from lms.roles import Role
from quizzes import gift, imports
from quizzes.models import Attempt
from tests.content.factories import with_role
from tests.lms.factories import course, member
from tests.quizzes.factories import SHOW_EVERYTHING, bank, quiz, single

from .factories import learn

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

WITH_AN_ESSAY = """::Эссе::Опишите порядок заключения коллективного договора. {}

::Рас па::Кәсіподаққа мүше болу ерікті. {T}

Почему профсоюзу нужен устав? {####Упомяните регистрацию и права членов.}
"""


def test_a_gift_file_with_essays_is_imported_not_refused():
    target = bank()

    created = imports.import_gift(target, WITH_AN_ESSAY, language="ru").questions

    assert [q.kind for q in created] == ["essay", "true_false", "essay"]
    assert (created[0].title, created[0].text_ru) == (
        "Эссе", "Опишите порядок заключения коллективного договора.")
    assert created[2].feedback_ru == "Упомяните регистрацию и права членов."
    assert not created[0].options.exists()


def test_an_essay_is_exported_as_an_empty_block_and_imports_back_the_same():
    source, copy = bank("source"), bank("copy")
    imports.import_gift(source, WITH_AN_ESSAY, language="ru")

    exported = imports.export_gift(source, language="ru")
    imports.import_gift(copy, exported, language="ru")

    assert "::Эссе::Опишите порядок заключения коллективного договора. {}" in exported
    assert "Почему профсоюзу нужен устав? {####Упомяните регистрацию и права членов.}" in exported

    def shape(b):
        return [(q.kind, q.title, q.text_ru, q.feedback_ru) for q in b.questions.order_by("pk")]
    assert shape(copy) == shape(source)


def test_a_description_without_an_answer_block_is_skipped_with_a_warning_and_the_rest_imported():
    target = bank()

    report = imports.import_gift(target, "Просто текст без вопроса.\n\nВопрос {T}")

    assert report.warnings == [(1, gift.DESCRIPTION)]
    assert [q.kind for q in target.questions.all()] == ["true_false"]


def test_the_plain_gift_reader_without_the_registry_still_knows_only_moodles_gradable_kinds():
    with pytest.raises(gift.GiftError):
        gift.parse("Опишите. {}")


MOODLE_EXPORT_WITH_ONE_ESSAY = """// question: 0  name: Switch category to $course$/top/Default for Профсоюз
$CATEGORY: $course$/top/Default for Профсоюз


// question: 1234  name: Договор
// [id:essay-1] [tag:договор]
::Договор::[html]<p dir\\="ltr" style\\="text-align\\: left;">Опишите порядок заключения
<b>коллективного договора</b>.</p>{####[html]<p>Стороны, сроки, регистрация.</p>}


// question: 1235  name: Вступление
::Вступление::[html]<p>Прочитайте главу 12.</p>


"""


def test_a_moodle_export_with_one_essay_and_a_description_comes_in_through_the_admin(client):
    target = bank()
    client.force_login(with_role(Role.TRAINER))

    response = client.post(reverse("quizzes_import"), {
        "bank": target.pk, "language": "ru",
        "file": SimpleUploadedFile("moodle.txt", MOODLE_EXPORT_WITH_ONE_ESSAY.encode("utf-8"))})

    assert response.status_code == 302, response.context and response.context["problems"]
    (essay_question,) = target.questions.all()
    assert (essay_question.kind, essay_question.title, essay_question.text_format) == (
        "essay", "Договор", "html")
    assert essay_question.feedback_ru == "<p>Стороны, сроки, регистрация.</p>"
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Line 12: " + gift.DESCRIPTION in shown


def test_an_essay_from_gift_is_answered_graded_in_the_queue_and_completes_the_course(
        client, catalogue, union):
    questions = bank()
    imports.import_gift(questions, MOODLE_EXPORT_WITH_ONE_ESSAY, language="ru")
    single(questions)
    page = course(catalogue, modules=1, lessons=1)
    test = quiz(page, [questions], question_count=2, pass_mark=70, **SHOW_EVERYTHING)
    learner = member(union.school_a)
    enrolment = learn(learner, page)

    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[test.pk]))
    attempt = Attempt.objects.get(user=learner)
    take = reverse("quizzes:take", args=[attempt.pk])
    page_html = client.get(take).content.decode()
    assert "<b>коллективного договора</b>" in page_html  # the HTML of the question, cleaned
    assert 'style="' not in page_html.split("question-text")[1].split("</div>")[0]
    form = {"positions": ["1", "2"], "action": "submit", "confirmed": "1"}
    for item in attempt.items.select_related("question"):
        if item.question.kind == "essay":
            form[f"q{item.position}"] = "Сначала переговоры, затем подпись и регистрация."
        else:
            right = next(n for n, pk in enumerate(item.option_order)
                         if item.question.options.get(pk=pk).fraction == 1)
            form[f"q{item.position}"] = str(right)
    client.post(take, form)
    attempt.refresh_from_db()
    assert attempt.awaits_grading

    client.force_login(with_role(Role.TRAINER))
    waiting = services.waiting_essays().get()
    assert str(waiting.pk) in client.get(reverse("essays_queue")).content.decode()
    grade_page = client.get(reverse("essays_grade", args=[waiting.pk])).content.decode()
    assert "<b>коллективного договора</b>" in grade_page
    client.post(reverse("essays_grade", args=[waiting.pk]), {"marks": "8", "comment": "Хорошо."})

    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert (attempt.score, attempt.passed) == (90, True)
    assert enrolment.completed_at is not None
