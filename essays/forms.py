from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .question_type import MARKS


class GradeForm(forms.Form):
    marks = forms.DecimalField(
        label=gettext_lazy("Marks"), min_value=0, max_value=MARKS, max_digits=3, decimal_places=1,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the learner"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Shown with the grade on the learner's result page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marks"].help_text = _("From 0 to %(marks)d; halves such as 7.5 are allowed.") % {
            "marks": MARKS}
