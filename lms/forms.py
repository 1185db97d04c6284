from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import services
from .models import LearnerCategory, LearnerProfile, User


class SignupProfileForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    last_name = forms.CharField(label=_("Last name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    category = forms.ChoiceField(
        label=_("I am"), choices=LearnerCategory.choices, initial=LearnerCategory.MEMBER
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
    class Meta:
        model = LearnerProfile
        fields = ["category", "position", "phone", "language"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}
