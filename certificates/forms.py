from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import CoursePage

from . import services
from .models import Rerender


class RerenderForm(WagtailAdminModelForm):
    """Pick a course; saving queues the background job through the service."""

    class Meta:
        model = Rerender
        fields = ["course"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")

    def save(self, commit=True):
        # Wagtail's create view reads the saved object back from form.instance.
        self.instance = services.request_redraw(self.cleaned_data["course"], by=self.for_user)
        return self.instance
