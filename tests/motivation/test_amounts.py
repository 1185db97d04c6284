from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from motivation.amounts import AmountField, parse_amount


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(("typed", "amount"), [
    ("1 200 000", "1200000"),
    ("1 200 000,50", "1200000.50"),
    ("1200000,50", "1200000.50"),
    ("1\xa0200\xa0000,5", "1200000.50"),  # no-break spaces, as Excel copies them
    ("1\u202f200\u202f000", "1200000"),  # narrow no-break spaces
    (" 99 960 ", "99960"),
    ("1200000.50", "1200000.50"),
])
def test_amounts_are_read_as_people_type_them_in_russian_and_kazakh(language, typed, amount):
    with override(language):
        assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(("language", "example"), [("ru", "1\xa0200\xa0000,50"), ("en", "1,200,000.50")])
@pytest.mark.parametrize("typed", [
    "1e10", "1E10", "12,3,4", "1 200 000,505", "-5", "1 200 000 тг", "inf", "",
])
def test_anything_else_is_refused_with_the_expected_form(language, example, typed):
    with override(language), pytest.raises(ValidationError) as refused:
        AmountField(max_digits=14, decimal_places=2).clean(typed)
    if typed:
        assert example in refused.value.messages[0]


def test_english_takes_commas_between_thousands():
    with override("en"):
        assert parse_amount("1,200,000.50") == Decimal("1200000.50")
        with pytest.raises(ValidationError):
            parse_amount("1,20,000")
