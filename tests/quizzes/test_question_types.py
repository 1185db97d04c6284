"""The question-type registry: a kind registered from outside quizzes (here, by the test
itself) is offered in the admin, taken and scored in an attempt, and read from GIFT and
table files, with no edit to quizzes."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from lms import services as lms_services
from lms.roles import Role
from quizzes import gift, imports, question_types
from quizzes.models import Attempt, Question
from quizzes.question_types.builtin import QuestionKind
from tests.content.factories import with_role
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = pytest.mark.django_db


def _read_keyword(parsed, block):
    parsed.accepted = [gift.plain(block[1:])]


class Keyword(question_types.QuestionType):
    """Right when the answer holds the keyword; written ``{?keyword}`` in GIFT."""

    kind = "keyword"
    label = "Keyword"
    answer_template = "quizzes/question_types/short_answer_answer.html"
    review_template = "quizzes/question_types/short_answer_review.html"
    gift_syntax = gift.Syntax(
        "keyword", reads=lambda block: block.startswith("?"), read=_read_keyword,
        write=lambda parsed: "?" + gift.escaped(parsed.accepted[0]),
    )
    in_tables = True

    def score(self, question, answer):
        return 1.0 if question.accepted_list()[0].casefold() in str(answer).casefold() else 0.0

    def read_table_row(self, parsed, options, answer):
        if not answer:
            raise ValueError('column "answer": give the keyword')
        parsed.accepted = [answer]


@pytest.fixture
def keyword():
    question_types.register(Keyword())
    yield
    question_types.unregister(Keyword.kind)


def test_the_built_in_kinds_and_the_essay_are_registered(english):
    kinds = [question_type.kind for question_type in question_types.registered()]

    assert kinds[:6] == ["single", "multiple", "true_false", "matching", "short_answer", "numeric"]
    assert "essay" in kinds
    assert question_types.get(QuestionKind.NUMERIC).label == "Numeric"
    with pytest.raises(question_types.UnknownKind):
        question_types.get("keyword")


def test_a_kind_is_registered_once_and_fits_the_database_column(keyword):
    with pytest.raises(ImproperlyConfigured):
        question_types.register(Keyword())

    too_long = type("TooLong", (Keyword,), {"kind": "k" * 17})
    with pytest.raises(ImproperlyConfigured):
        question_types.register(too_long())


def test_a_registered_kind_is_offered_in_the_admin_and_validated_by_the_model(client, keyword):
    client.force_login(with_role(Role.TRAINER))

    html = client.get(reverse("wagtailsnippets_quizzes_question:add")).content.decode()

    kinds = re.findall(r'<option value="([a-z_]+)"', html.split('name="kind"', 1)[1].split("</select>")[0])
    assert kinds == [t.kind for t in question_types.registered()]
    assert "keyword" in kinds
    Question(bank=bank(), kind="keyword", text_ru="Слово?").full_clean()
    with pytest.raises(ValidationError):
        Question(bank=bank(), kind="nonsense", text_ru="Слово?").full_clean()


def test_a_registered_kind_is_taken_and_scored_in_an_attempt(client, catalogue, union, keyword):
    learner = member(union.school_a)
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    questions = bank()
    question(questions, "keyword", accepted_answers="медиация")
    test = quiz(page, [questions], question_count=1)
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[test.pk]))
    attempt = Attempt.objects.get(user=learner)

    form = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    client.post(reverse("quizzes:take", args=[attempt.pk]),
                {"positions": ["1"], "q1": "Поможет медиация", "action": "submit"})

    assert 'type="text" name="q1"' in form
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)


def test_a_registered_kind_is_read_from_gift_and_tables_and_written_back(keyword):
    source, copy = bank("source"), bank("copy")

    imported = imports.import_gift(source, "::Слово::Как называется посредничество? {?медиация}\n\n"
                                           "Верно? {T}").questions
    from_table = imports.import_file(
        source, "bank.csv", "kind;question;answer\nkeyword;Способ решения спора?;переговоры\n".encode()
    ).questions
    exported = imports.export_gift(source)
    imports.import_gift(copy, exported)

    assert [q.kind for q in imported] == ["keyword", "true_false"]
    assert imported[0].accepted_list() == ["медиация"]
    assert [(q.kind, q.accepted_list()) for q in from_table] == [("keyword", ["переговоры"])]
    assert "{?медиация}" in exported
    assert [(q.kind, q.text_ru, q.accepted_answers) for q in copy.questions.order_by("pk")] == [
        (q.kind, q.text_ru, q.accepted_answers) for q in source.questions.order_by("pk")]


def test_without_its_type_the_kind_is_refused_in_files():
    with pytest.raises(gift.GiftError):
        imports.import_gift(bank(), "Как называется посредничество? {?медиация}")
    with pytest.raises(gift.GiftError) as raised:
        imports.import_file(bank(), "bank.csv", "kind;question;answer\nkeyword;Спор?;x\n".encode())

    assert 'column "kind": "keyword" is not one of' in raised.value.errors[0][1]
