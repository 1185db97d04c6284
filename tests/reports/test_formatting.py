import re

import pytest
from django.utils.translation import override

from reports.formatting import cell_text, grouped, percent_text
from reports.services.tables import Column, percent


@pytest.mark.parametrize(("language", "text"), [
    ("en", "600,000"), ("ru", "600\xa0000"), ("kk", "600\xa0000"),
])
def test_thousands_are_separated_in_every_language(language, text):
    with override(language):
        assert grouped(600_000) == text
        assert cell_text(600_000, Column("Members", "int")) == text
        assert cell_text(2026, Column("Year", "year")) == "2026"  # a year is not a number to group


@pytest.mark.parametrize(("language", "tiny", "share"), [
    ("en", "< 0.1%", "7.3%"), ("ru", r"< 0,1\s?%", r"7,3\s?%"), ("kk", r"< 0,1\s?%", r"7,3\s?%"),
])
def test_percentages_have_one_decimal_and_a_sign_for_a_share_too_small_to_show(language, tiny, share):
    with override(language):
        assert re.fullmatch(tiny, percent_text(percent(4, 10_000)))  # 0.04 %
        assert re.fullmatch(share, percent_text(percent(73, 1000)))
        assert re.fullmatch(share.replace("7", "0").replace("3", "0"), percent_text(percent(0, 1000)))
        assert percent_text(None) == "—"


def test_a_share_of_exactly_a_twentieth_of_a_percent_shows_as_a_number():
    with override("en"):
        assert percent_text(percent(5, 10_000)) == "0.1%"  # 0.05 % rounds up: it is not "< 0.1%"
