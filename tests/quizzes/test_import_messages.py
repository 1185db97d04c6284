"""Import messages read as English and are shown in the admin's language: their msgid and
named values are kept, so a translation may reorder the values and choose a plural form."""

import pytest

from quizzes import gift, imports
from quizzes.messages import Message, shown

RUSSIAN = {
    'number "%(number)s" has a comma; use a decimal point ("%(fixed)s")':
        "в числе «%(number)s» запятая: пишите «%(fixed)s»",
}
RUSSIAN_PLURALS = {
    "%(count)d answer is marked right with =; use ~%%50%% weights for several right answers":
        ("%(count)d ответ", "%(count)d ответа верные, нужны веса ~%%50%%", "%(count)d ответов"),
}


def gettext(msgid):
    return RUSSIAN.get(msgid, msgid)


def ngettext(singular, plural, count):
    forms = RUSSIAN_PLURALS[singular]
    return forms[1] if 2 <= count % 10 <= 4 else forms[2]


def only_error(text):
    with pytest.raises(gift.GiftError) as raised:
        gift.parse(text)
    (line, message), = raised.value.errors
    return line, message


def test_a_message_reads_as_english_and_is_shown_with_its_values_in_another_language():
    line, message = only_error("Сколько?\n\nЕщё раз: сколько? {#10,5}")

    assert (line, message) == (3, 'number "10,5" has a comma; use a decimal point ("10.5")')
    assert isinstance(message, Message)
    assert shown(message, gettext, ngettext) == "в числе «10,5» запятая: пишите «10.5»"


def test_a_message_with_a_count_takes_the_plural_form_of_its_language():
    _line, message = only_error("Выберите {=a =b ~c}")

    assert message.startswith("2 answers are marked right with =; use ~%50% weights")
    assert shown(message, gettext, ngettext) == "2 ответа верные, нужны веса ~%50%"


def test_text_already_translated_where_it_was_made_is_shown_as_it_is():
    assert imports.shown_problems([(4, "Строка не читается")]) == [(4, "Строка не читается")]
