"""Admin panels of the course pages."""

from wagtail.admin.panels import Panel


class CourseBuilderPanel(Panel):
    """At the top of a saved course's editor: the way to its course builder (modules,
    lessons, tests, and sending the whole course for review)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "lms/admin/course_builder_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["course"] = self.instance
            return context
