from django import forms
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from lms.models import CoursePage, LearnerCategory, OrganisationKind, Topic, User
from lms.periods import years_offered
from lms.permissions import report_root, visible_organisations

from .models import RATING_FIELDS, FeedbackAnswer, FollowUpAnswer, TrainingEvent
from .services.member_import import MAX_FILE_BYTES


def organisation_choices(user, current=None):
    """Committees and up of the user's subtree (thousands of schools would not fit a
    list), and the organisation being looked at if it is a school."""
    organisations = visible_organisations(user).filter(
        ~Q(kind=OrganisationKind.PRIMARY_ORGANISATION) | Q(pk=getattr(current, "pk", None))
    )
    organisations = list(organisations.only("pk", "depth", "name_ru", "name_kk"))
    top = min((o.depth for o in organisations), default=1)
    return [(o.pk, f"{'· ' * (o.depth - top)}{o.name}") for o in organisations]


class ReportFilterForm(forms.Form):
    """The filters every report shares; each report uses those it needs. The organisation
    is checked against the user's subtree by the view, not by this form."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    org = forms.IntegerField(label=_("Organisation"), required=False, widget=forms.Select)
    category = forms.ChoiceField(label=_("Learner category"), required=False)
    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none(), required=False,
                                    empty_label=_("All courses"))

    def __init__(self, data, *, user, organisation, fields, all_years=False):
        super().__init__(data)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]
        years = [(year, str(year)) for year in years_offered()]
        if "year" in self.fields:
            self.fields["year"].choices = ([("", _("All years"))] if all_years else []) + years
        if "org" in self.fields:
            self.fields["org"].widget.choices = organisation_choices(user, organisation)
        if "category" in self.fields:
            self.fields["category"].choices = [("", _("All categories")), *LearnerCategory.choices]
        if "course" in self.fields:
            self.fields["course"].queryset = CoursePage.objects.order_by("title")

    def value(self, name, default=None):
        if not self.is_valid():
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value


class TrainingEventForm(forms.ModelForm):
    trainer_email = forms.EmailField(
        label=_("Trainer's email on the platform"), required=False,
        help_text=_("If the trainer has an account: their feedback results are then gathered under it."),
    )

    class Meta:
        model = TrainingEvent
        fields = ["kind", "title", "date", "tier", "topic", "organisation", "trainer_name", "hours", "place"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.organisation if self.instance.pk else None
        own = report_root(user)
        allowed = visible_organisations(user).filter(
            ~Q(kind=OrganisationKind.PRIMARY_ORGANISATION)
            | Q(pk__in=[o.pk for o in (current, own) if o is not None])
        )
        self.fields["organisation"].queryset = allowed
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].required = True
        self.fields["trainer_name"].help_text = _("Or a guest trainer's name.")
        if self.instance.trainer_id:
            self.fields["trainer_email"].initial = self.instance.trainer.email

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("trainer_email", "").strip().lower()
        self.instance.trainer = None
        if email:
            trainer = User.objects.annotate(email_lower=Lower("email")).filter(email_lower=email).first()
            if trainer is None:
                self.add_error("trainer_email", _("Nobody on the platform has this email."))
            else:
                self.instance.trainer = trainer
        elif not cleaned.get("trainer_name", "").strip():
            self.add_error("trainer_name", _("Give the trainer's name or their email on the platform."))
        return cleaned


class AttendanceForm(forms.Form):
    emails = forms.CharField(
        label=_("Participants' emails"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One or more, separated by new lines, commas or spaces."),
    )
    file = forms.FileField(
        label=_("Or a list (CSV or XLSX)"), required=False,
        help_text=_("With a column headed “email”, e.g. a registration sheet."),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("emails", "").strip() and not cleaned.get("file"):
            raise forms.ValidationError(_("Paste emails or choose a file."))
        return cleaned


class MemberImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            too_big = _("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20}
            raise forms.ValidationError(too_big)
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        return upload


RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = FeedbackAnswer
        fields = [*RATING_FIELDS, "comment"]
        widgets = {
            **{name: forms.RadioSelect(choices=RATING_CHOICES, attrs={"class": "rating"})
               for name in RATING_FIELDS},
            "comment": forms.Textarea(attrs={"rows": 4}),
        }


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUpAnswer
        fields = ["applied", "example"]
        widgets = {"applied": forms.RadioSelect, "example": forms.Textarea(attrs={"rows": 4})}
