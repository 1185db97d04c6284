import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.roles import Role
from quizzes import gift, imports
from quizzes.models import Question
from quizzes.question_types.builtin import QuestionKind
from tests.lms.factories import UserFactory, member
from tests.quizzes.factories import bank

pytestmark = pytest.mark.django_db

KAZAKH_BANK = """// Еңбек құқығы
::Келісім::Жеке еңбек дауын алдымен кім қарайды? {
=Келісім комиссиясы
~Сот#Алдымен келісім комиссиясына жүгінеді.
~Әкім
}

::Көп жауап::Ұжымдық шартқа не кіреді? {~%50%Еңбекақы ~%50%Демалыс ~%-100%Жаза}

::Рас па::Кәсіподаққа мүше болу ерікті. {T}

::Сәйкестік::Сәйкестендіріңіз {=ЕК -> Еңбек кодексі =ҰШ -> Ұжымдық шарт}

::Қысқа::Дауды келіссөз арқылы шешу қалай аталады? {=медиация =келіссөз}

::Сан::Қалыпты жұмыс аптасы неше сағат? {#40}
"""


def test_a_gift_file_with_every_kind_is_imported_in_kazakh():
    target = bank()

    created = imports.import_gift(target, KAZAKH_BANK, language="kk").questions

    assert [q.kind for q in created] == [
        QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE,
        QuestionKind.MATCHING, QuestionKind.SHORT_ANSWER, QuestionKind.NUMERIC,
    ]
    first = created[0]
    assert first.text_kk == "Жеке еңбек дауын алдымен кім қарайды?" and first.text_ru == ""
    assert [(o.text_kk, o.fraction) for o in first.options.order_by("sort_order")] == [
        ("Келісім комиссиясы", 1.0), ("Сот", 0.0), ("Әкім", 0.0)]
    assert [(o.number, o.tolerance, o.number_to, o.fraction) for o in created[5].options.all()] == [
        (40, 0, None, 1.0)]


def test_a_file_with_one_broken_question_stores_nothing_and_names_the_line():
    target = bank()
    broken = KAZAKH_BANK + "\n::Қате::Жауапсыз сұрақ {=бір ~екі\n"

    with pytest.raises(gift.GiftError) as raised:
        imports.import_gift(target, broken, language="kk")

    assert raised.value.errors[0][0] == 18
    assert not Question.objects.exists()


def test_a_cp1251_file_is_refused_with_a_clear_message():
    with pytest.raises(gift.GiftError) as raised:
        imports.decode("Вопрос {T}".encode("cp1251"))

    assert "UTF-8" in raised.value.errors[0][1]


def test_export_writes_gift_that_imports_back_the_same_questions():
    source, copy = bank("source"), bank("copy")
    imports.import_gift(source, KAZAKH_BANK, language="kk")

    imports.import_gift(copy, imports.export_gift(source, language="kk"), language="kk")

    def shape(b):
        return [(q.kind, q.text_kk, q.true_false_answer, q.numeric_answer, q.accepted_answers,
                 [(o.text_kk, o.match_kk, o.fraction) for o in q.options.order_by("sort_order")])
                for q in b.questions.order_by("pk")]
    assert shape(copy) == shape(source)


def trainer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=Role.TRAINER))
    return user


def upload(text, name="bank.gift"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def test_a_trainer_imports_a_file_in_the_admin(client):
    target = bank()
    client.force_login(trainer())

    response = client.post(reverse("quizzes_import"), {
        "bank": target.pk, "language": "kk", "file": upload(KAZAKH_BANK)})

    assert response.status_code == 302
    assert target.questions.count() == 6


def test_the_admin_shows_the_lines_of_a_broken_file_and_imports_nothing(client):
    target = bank()
    client.force_login(trainer())

    response = client.post(reverse("quizzes_import"), {
        "bank": target.pk, "language": "ru", "file": upload("Вопрос {=a\n\nДругой {#1,5}\n")})

    assert response.status_code == 200
    assert [line for line, _message in response.context["problems"]] == [1, 3]
    assert not target.questions.exists()


def test_a_wrong_file_type_is_refused(client):
    client.force_login(trainer())

    response = client.post(reverse("quizzes_import"), {
        "bank": bank().pk, "language": "ru", "file": upload("x", name="bank.svg")})

    assert "file" in response.context["form"].errors


def test_members_cannot_import_or_export(client, union):
    target = bank()
    client.force_login(member(union.school_a))

    assert client.get(reverse("quizzes_import")).status_code in (302, 403)
    assert client.get(reverse("quizzes_export", args=[target.pk])).status_code in (302, 403)
