"""Numbers as report pages and charts show them, in the interface language: thousands
separated in every language (600 000, 600,000), one decimal, and percentages with the
language's spacing ("7,3 %", "7.3%") or "< 0,1 %" for a share too small to show as a number.

The grouping is asked for here (``force_grouping``) rather than switched on for the whole
site with ``USE_THOUSAND_SEPARATOR``, which would also group ids and years written into
links and attributes.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def grouped(value, decimals=None):
    """A number with the language's thousands separator and decimal mark; "—" for none."""
    if value is None or value == "":
        return "—"
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def percent_text(value):
    """A percentage (a number of percent, best a ``Share``) with the places it is shown
    with (one unless a comparison needs more; none for a whole number such as the ends of
    a chart's scale); "—" for none."""
    if value is None or value == "":
        return "—"
    places = getattr(value, "decimals", 0 if isinstance(value, int) else 1)
    if getattr(value, "rounds_to_zero", False):
        # xgettext:python-format
        return _("< %(number)s%%") % {"number": number_format(10**-places, decimal_pos=places)}
    # xgettext:python-format
    return _("%(number)s%%") % {"number": grouped(value, places)}


def cell_text(value, column):
    """A report table's cell for the page: "—" for no figure; numbers as above; years as
    they are written."""
    if value is None or value == "":
        return "—" if column.numeric else ""
    if isinstance(value, str) or not column.numeric:
        return value
    if column.kind == "percent":
        return percent_text(value)
    if column.kind == "year":
        return str(value)
    if column.kind == "number":
        return grouped(value, 1)
    if column.kind == "amount":
        return grouped(round(value))
    return grouped(value)
