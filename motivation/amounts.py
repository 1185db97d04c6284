"""Amounts of money as people type them: in Russian and Kazakh with spaces between the
thousands (ordinary, no-break or narrow ones, as a copy from Excel brings) and a decimal
comma, "1 200 000,50"; in English "1,200,000.50". A point or a comma before the kopecks
is taken in any language; an exponent ("1e10") or any other sign is refused with a message
that shows the expected form."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
# Digits, at most one decimal mark and at most two places after it.
PLAIN = re.compile(r"(?P<whole>\d+)(?:[.,](?P<part>\d{1,2}))?")
# English thousands: 1,200,000 or 1,200,000.50.
ENGLISH_GROUPED = re.compile(r"(?P<whole>\d{1,3}(?:,\d{3})+)(?:\.(?P<part>\d{1,2}))?")
EXAMPLE = Decimal("1200000.50")


def example():
    """1 200 000,50 or 1,200,000.50, in the active language."""
    return number_format(EXAMPLE, decimal_pos=2, force_grouping=True)


def parse_amount(text):
    """The Decimal an amount typed in the active language stands for; ValidationError if it
    is not one."""
    compact = SPACES.sub("", str(text))
    found = PLAIN.fullmatch(compact)
    if found is None and get_format("DECIMAL_SEPARATOR") == ".":
        found = ENGLISH_GROUPED.fullmatch(compact)
    if found is None:
        raise ValidationError(
            _("Enter an amount in tenge, such as %(example)s.") % {"example": example()}, code="invalid"
        )
    whole = found["whole"].replace(",", "")
    return Decimal(f"{whole}.{found['part'] or 0}")


def amount_text(value):
    """An amount as the form shows it back: grouped, with kopecks only if there are any."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, force_grouping=True)


class AmountInput(forms.TextInput):
    """A text box (a number box refuses spaces and commas) with the numeric keypad."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return amount_text(value)
        return super().format_value(value)


class AmountField(forms.DecimalField):
    """A DecimalField that reads amounts as ``parse_amount`` does."""

    widget = AmountInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return parse_amount(value)

    def widget_attrs(self, widget):
        # DecimalField would add min, max and step for a number box; a text box needs none.
        return forms.Field.widget_attrs(self, widget)
