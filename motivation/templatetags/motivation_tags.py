from django import template
from django.utils.formats import number_format

from reports.formatting import percent_text

register = template.Library()


@register.filter
def money(value):
    """An amount in tenge, whole, with the language's thousands separator."""
    if value is None or value == "":
        return "—"
    return number_format(round(value), decimal_pos=0, force_grouping=True)


@register.filter
def share(value):
    """A percentage as the reports show it ("7,3 %", "< 0,1 %"), or "—"."""
    return percent_text(value)


@register.inclusion_tag("motivation/includes/badge_icon.html")
def badge_icon(kind, size=56):
    return {"kind": kind, "size": size}
