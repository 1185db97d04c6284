import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from lms.models import OrganisationKind, Topic
from lms.permissions import visible_organisations
from reports.forms import organisation_choices

from .amounts import AmountField
from .amounts import example as amount_example
from .models import NeedsSurvey, PlanItem, PreferredFormat, PreferredTime, TrainingBudget, TrainingPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _organisations(user, *also):
    """Committees and up of the user's subtree and the organisations in ``also`` (a
    school being looked at): a choice list that stays short in a region of a thousand schools."""
    return visible_organisations(user).filter(
        ~Q(kind=OrganisationKind.PRIMARY_ORGANISATION) | Q(pk__in=[o.pk for o in also if o is not None])
    )


class OrganisationChoiceMixin:
    def limit_organisations(self, user, *also):
        field = self.fields["organisation"]
        field.queryset = _organisations(user, *also)
        field.label_from_instance = lambda organisation: organisation.name
        current = also[0] if also else None
        field.choices = [("", "---------"), *organisation_choices(user, current)]


class MentorshipForm(forms.Form):
    mentor_email = forms.EmailField(
        label=_("Mentor's email"), help_text=_("An experienced activist of your organisations.")
    )
    mentee_email = forms.EmailField(label=_("Mentee's email"), help_text=_("A new activist."))
    started_on = forms.DateField(label=_("Starts on"), widget=DATE, initial=timezone.localdate)


class SurveyForm(OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = NeedsSurvey
        fields = ["organisation", "title", "introduction", "topics", "opens_on", "closes_on"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "opens_on": DATE,
            "closes_on": DATE,
        }

    def __init__(self, *args, user, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(user, current)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["topics"].label_from_instance = lambda topic: topic.name
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("topics", list(Topic.objects.values_list("pk", flat=True)))
            self.initial.setdefault("closes_on", timezone.localdate() + datetime.timedelta(days=30))

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The survey must close after it opens."))
        return cleaned


class SurveyAnswerForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Which topics would you like to learn about?"),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    preferred_format = forms.ChoiceField(
        label=_("How would you like to learn?"), choices=PreferredFormat.choices, widget=forms.RadioSelect
    )
    preferred_time = forms.ChoiceField(
        label=_("When is it convenient for you?"), choices=PreferredTime.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = survey.topics.all()
        self.fields["topics"].label_from_instance = lambda topic: topic.name


class TrainingPlanForm(OrganisationChoiceMixin, forms.ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["organisation", "year", "approved_by", "approved_on", "decision"]
        widgets = {"approved_on": DATE}

    def __init__(self, *args, user, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_organisations(user, current or (self.instance.organisation if self.instance.pk else None))
        if self.instance.pk:
            # The plan's organisation and year are what it is; the approval can be added later.
            self.fields["organisation"].disabled = True
            self.fields["year"].disabled = True

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("approved_by")) != bool(cleaned.get("approved_on")):
            self.add_error(
                "approved_on" if cleaned.get("approved_by") else "approved_by",
                _("Give both the body that approved the plan and the date."),
            )
        return cleaned


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["form", "title", "topic", "tier", "audience", "month", "planned_participants"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].label_from_instance = lambda topic: topic.name
        self.fields["month"] = forms.TypedChoiceField(
            label=_("month"),
            coerce=int,
            choices=[(number, MONTHS[number]) for number in range(1, 13)],
        )


class BudgetForm(forms.ModelForm):
    class Meta:
        model = TrainingBudget
        fields = ["expense_budget", "training_spend"]
        field_classes = {"expense_budget": AmountField, "training_spend": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expense_budget"].help_text = _("In tenge, for example %(example)s.") % {
            "example": amount_example()
        }
