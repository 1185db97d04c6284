from django import template

from lms.models import Organisation

from .. import formatting, sections
from ..services.feedback import events_to_rate

register = template.Library()


@register.inclusion_tag("reports/includes/bar_chart.html")
def bar_chart(chart):
    return {"chart": chart, "layout": chart.layout()}


@register.filter
def report_cell(value, column):
    """A table cell for the page: numbers in the page's language, "—" for no value."""
    return formatting.cell_text(value, column)


@register.filter
def grouped(value):
    """A number with the language's thousands separator: 600 000, 600,000."""
    return formatting.grouped(value)


@register.filter
def percent(value):
    """A percentage as the reports show it: "7,3 %", "< 0,1 %", "—"."""
    return formatting.percent_text(value)


@register.filter
def for_table(charts, key):
    """The charts whose figures the table ``key`` gives."""
    return [chart for chart in charts or [] if chart.table_key == key]


@register.simple_tag(takes_context=True)
def drill_down(context, overrides):
    """The current report's address with some filters changed (a row's link)."""
    query = context["request"].GET.copy()
    query.pop("export", None)
    for name, value in overrides.items():
        query[name] = value
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def export_url(context, kind):
    query = context["request"].GET.copy()
    query["export"] = kind
    return f"?{query.urlencode()}"


@register.inclusion_tag("reports/includes/pending.html", takes_context=True)
def events_to_rate_list(context):
    """In-person events the signed-in learner attended and has not rated (one query)."""
    return {"attendances": events_to_rate(context["request"].user)}


@register.simple_tag(takes_context=True)
def report_links(context):
    """The reports navigation (``reports.sections``) for the user, about the organisation the
    page shows (the user's own when it shows none)."""
    request = context["request"]
    organisation = context.get("organisation")
    if not isinstance(organisation, Organisation):
        organisation = getattr(request, "report_root", None)
    return sections.links(request.user, organisation)
