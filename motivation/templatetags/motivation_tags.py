from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(value):
    """An amount in tenge, whole, with the language's thousands separator."""
    if value is None or value == "":
        return "—"
    return number_format(round(value), decimal_pos=0, force_grouping=True)


@register.filter
def share(value):
    """A percentage with one decimal in the page's language, or "—"."""
    if value is None:
        return "—"
    return f"{number_format(value, decimal_pos=1)}%"


@register.inclusion_tag("motivation/includes/badge_icon.html")
def badge_icon(kind, size=56):
    return {"kind": kind, "size": size}
