from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class PreferencesForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Email me about"), choices=kinds.email_choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Unticked reminders still appear in your notifications on the site."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].choices = kinds.email_choices(user)
