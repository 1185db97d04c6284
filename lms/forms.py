from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .models import (
    BulkEnrolment,
    CoursePage,
    LearnerCategory,
    LearnerProfile,
    Level,
    OrganisationKind,
    Tier,
    User,
)
from .permissions import administered_organisation, visible_organisations


class SignupProfileForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    category = forms.ChoiceField(
        label=_("I am"), choices=LearnerCategory.choices, initial=LearnerCategory.MEMBER,
        help_text=_("An administrator of your organisation confirms it before reports count it."),
    )
    language = forms.ChoiceField(label=_("Interface language"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()

    def signup(self, request, user):
        services.complete_signup(
            user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            category=self.cleaned_data["category"],
            language=self.cleaned_data["language"],
        )
        services.remember_language(request, self.cleaned_data["language"])


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["last_name", "first_name"]


class ProfileForm(forms.ModelForm):
    """The member's own details. The category is a claim: it counts in the union's reports
    once an administrator of the member's organisation confirms it."""

    category = forms.ChoiceField(label=_("I am"), choices=LearnerCategory.choices)

    class Meta:
        model = LearnerProfile
        fields = ["position", "phone", "language"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].initial = self.instance.described_category
        if self.instance.claimed_category:
            self.fields["category"].help_text = _(
                "Awaiting confirmation by your organisation's administrator. Until then "
                "reports count you as: %(category)s."
            ) % {"category": self.instance.get_category_display()}
        else:
            self.fields["category"].help_text = _(
                "A change is counted once your organisation's administrator confirms it."
            )

    def save(self, commit=True):
        services.claim_category(self.instance, self.cleaned_data["category"], save=False)
        return super().save(commit=commit)


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters; every field optional, unknown values are ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("For"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    tier = forms.ChoiceField(label=_("Tier"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["category"].choices = anything + list(LearnerCategory.choices)
        self.fields["level"].choices = anything + list(Level.choices)
        self.fields["tier"].choices = anything + list(Tier.choices)
        self.fields["topic"].choices = anything + [(t.slug, t.name) for t in topics]
        self.fields["language"].choices = anything + list(settings.LANGUAGES)

    def filters(self):
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value and name != "q"}

    def query(self):
        return self.cleaned_data.get("q", "").strip() if self.is_valid() else ""


class BulkEnrolmentForm(WagtailAdminModelForm):
    """Wagtail admin form: an administrator picks a course, one of their organisations and a
    learner category. Saving goes through the service, which checks the scope again."""

    class Meta:
        model = BulkEnrolment
        fields = ["course", "organisation", "category", "deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        # Committees and up (thousands of schools would not fit a list), plus one's own node.
        scope = administered_organisation(self.for_user)
        self.fields["organisation"].queryset = visible_organisations(self.for_user).filter(
            ~Q(kind=OrganisationKind.PRIMARY_ORGANISATION) | Q(pk=getattr(scope, "pk", None))
        )
        if self.instance.pk:  # a job is a record of what was asked: it is not edited
            for form_field in self.fields.values():
                form_field.disabled = True

    def save(self, commit=True):
        if self.instance.pk:
            return self.instance
        # Wagtail's create view reads the saved object back from form.instance.
        self.instance = services.request_bulk_enrolment(
            self.for_user,
            course=self.cleaned_data["course"],
            organisation=self.cleaned_data["organisation"],
            category=self.cleaned_data["category"],
            deadline=self.cleaned_data["deadline"],
        )
        return self.instance
