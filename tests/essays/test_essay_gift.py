"""Essays in GIFT files: ``::title:: text {}`` imports as an essay and exports back the
same way, through the GIFT syntax the essays app registers."""

import pytest

from quizzes import gift, imports
from tests.quizzes.factories import bank

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
