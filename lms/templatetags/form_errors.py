"""``{% error_summary form [form ...] %}``: the errors of forms sent back, listed at the top
of the form in a box a screen reader announces (``role="alert"``) and the page's script
focuses (``lms/static/lms/site.js``). Each error links to its field; the fields themselves
carry ``aria-invalid`` and ``aria-describedby`` to their error text (Django's own
rendering)."""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class FormError:
    message: str
    label: str = ""
    field_id: str = ""


def form_errors(form):
    """The errors of one bound form, the form's own first (they point to its first field),
    then each field's in the form's order."""
    if not form.is_bound or not form.errors:
        return []
    visible = form.visible_fields()
    first_id = visible[0].auto_id if visible else ""
    found = [FormError(str(message), field_id=first_id) for message in form.non_field_errors()]
    for field in form.hidden_fields():
        found += [FormError(str(message)) for message in field.errors]
    for field in visible:
        found += [FormError(str(message), str(field.label or ""), field.auto_id)
                  for message in field.errors]
    return found


@register.inclusion_tag("lms/includes/error_summary.html")
def error_summary(*forms):
    return {"errors": [error for form in forms if form is not None for error in form_errors(form)]}
