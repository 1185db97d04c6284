from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.models import LearnerCategory, Level

from . import services
from .models import MaterialKind


class LibraryFilterForm(forms.Form):
    """The library's search, filters and order; every field optional, unknown values ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    category = forms.ChoiceField(label=_("For"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["kind"].choices = anything + self.kind_choices()
        self.fields["topic"].choices = anything + [(t.slug, t.name) for t in topics]
        self.fields["category"].choices = anything + list(LearnerCategory.choices)
        self.fields["level"].choices = anything + list(Level.choices)
        self.fields["language"].choices = anything + list(settings.LANGUAGES)
        self.fields["sort"].choices = [
            ("", _("Best match first, newest without a search")),
            (services.SORT_NEWEST, _("Newest first")),
            (services.SORT_POPULAR, _("Most used first")),
        ]
        self.fields["q"].widget.attrs.update({"type": "search", "enterkeyhint": "search"})

    def kind_choices(self):
        return list(MaterialKind.choices)

    def filters(self):
        if not self.is_valid():
            return {}
        return {
            name: value for name, value in self.cleaned_data.items()
            if value and name not in ("q", "sort")
        }

    def query(self):
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""

    def sort_order(self):
        chosen = self.cleaned_data.get("sort", "") if self.is_valid() else ""
        return chosen or (services.SORT_RELEVANCE if self.query() else services.SORT_NEWEST)


class SiteSearchForm(LibraryFilterForm):
    """The same, for materials, courses and webinars together."""

    def kind_choices(self):
        return [(services.KIND_COURSE, _("Course")), (services.KIND_WEBINAR, _("Webinar"))] + list(
            MaterialKind.choices
        )


class AttendanceFileForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance file (CSV)"),
        help_text=_(
            "The participants report of Zoom, BigBlueButton or another platform, saved as CSV: "
            "one column headed “email”. Up to 2 MB."
        ),
    )
