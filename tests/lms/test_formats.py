"""Kazakh dates and numbers as Kazakh writes them (Django ships no kk formats)."""

import datetime

from django.utils import formats, translation


def test_kazakh_dates_put_the_day_first_with_a_lower_case_month_and_the_year_word():
    moment = datetime.datetime(2027, 5, 29, 12, 46)
    with translation.override("kk"):
        assert formats.date_format(moment) == "29 мамыр 2027 ж."
        assert formats.date_format(moment, "DATETIME_FORMAT") == "29 мамыр 2027 ж., 12:46"
        assert formats.date_format(datetime.date(2026, 12, 6), "SHORT_DATE_FORMAT") == "06.12.2026"


def test_kazakh_numbers_have_a_decimal_comma_and_spaced_thousands():
    with translation.override("kk"):
        assert formats.localize(3.5) == "3,5"
        assert formats.number_format(1234567.5, 2, force_grouping=True) == "1\xa0234\xa0567,50"


def test_russian_keeps_djangos_own_formats():
    with translation.override("ru"):
        assert formats.date_format(datetime.date(2027, 5, 29)) == "29 мая 2027 г."
