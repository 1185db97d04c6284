import io

import pytest
from openpyxl import Workbook

from quizzes import gift, imports
from quizzes.models import Question
from quizzes.question_types.builtin import QuestionKind
from tests.quizzes.factories import bank

pytestmark = pytest.mark.django_db

ROWS = [
    ["kind", "title", "question", "options", "answer", "feedback"],
    ["single", "КК", "Кто рассматривает спор первым?", "*Согласительная комиссия | Суд | Аким", "",
     "См. урок 2"],
    ["multiple", "", "Что входит в коллективный договор?", "*Оплата | *Отпуск | Наказание", "", ""],
    ["true_false", "", "Членство в профсоюзе добровольное.", "", "да", ""],
    ["matching", "", "Сопоставьте", "ТК = Трудовой кодекс | КД = Коллективный договор", "", ""],
    ["short_answer", "", "Как называется посредничество?", "", "медиация | медиатор", ""],
    ["numeric", "", "Сколько часов в рабочей неделе?", "", "40 ± 0,5", ""],
]


def csv_bytes(rows, delimiter=";"):
    return "\n".join(delimiter.join(row) for row in rows).encode("utf-8-sig")


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data", [("bank.csv", csv_bytes(ROWS)), ("bank.xlsx", xlsx_bytes(ROWS))])
def test_csv_and_xlsx_tables_are_imported_with_every_kind(name, data):
    target = bank()

    created = imports.import_file(target, name, data, language="ru").questions

    assert [q.kind for q in created] == [
        QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE,
        QuestionKind.MATCHING, QuestionKind.SHORT_ANSWER, QuestionKind.NUMERIC,
    ]
    assert [o.fraction for o in created[1].options.order_by("sort_order")] == [0.5, 0.5, -0.5]
    assert created[2].true_false_answer is True
    assert (created[5].numeric_answer, created[5].tolerance) == (40, 0.5)
    assert created[4].accepted_list() == ["медиация", "медиатор"]


def test_bad_rows_are_named_with_their_column_and_nothing_is_stored():
    target = bank()
    rows = ROWS + [["essay", "", "Опишите", "", "", ""], ["single", "", "Без верного", "a | b", "", ""]]

    with pytest.raises(gift.GiftError) as raised:
        imports.import_file(target, "bank.csv", csv_bytes(rows))

    assert [line for line, _ in raised.value.errors] == [8, 9]
    assert 'column "kind"' in raised.value.errors[0][1]
    assert 'column "options"' in raised.value.errors[1][1]
    assert not Question.objects.exists()


def test_a_damaged_xlsx_is_refused_plainly():
    with pytest.raises(gift.GiftError) as raised:
        imports.import_file(bank(), "bank.xlsx", b"PK\x03\x04 not really a workbook")

    assert "XLSX" in raised.value.errors[0][1]


def test_a_header_without_the_question_column_is_refused():
    with pytest.raises(gift.GiftError) as raised:
        imports.import_file(bank(), "bank.csv", csv_bytes([["kind", "text"], ["single", "x"]]))

    assert raised.value.errors == [(1, "the header row has no column question")]
