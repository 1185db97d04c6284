from django.urls import path

from .views import events, imports, questionnaires, reports

app_name = "reports"

urlpatterns = [
    path("", reports.dashboard, name="dashboard"),
    path("coverage/", reports.coverage, name="coverage"),
    path("courses/", reports.courses, name="courses"),
    path("feedback/", reports.feedback, name="feedback"),
    path("events/", events.event_list, name="events"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", events.event_delete, name="event_delete"),
    path("events/<int:pk>/attendance/<int:attendance_id>/remove/", events.attendance_remove,
         name="attendance_remove"),
    path("members/import/", imports.import_list, name="member_imports"),
    path("members/import/template.xlsx", imports.import_template, name="member_import_template"),
    path("members/import/<int:pk>/", imports.import_detail, name="member_import"),
    path("members/import/<int:pk>/commit/", imports.import_commit, name="member_import_commit"),
    path("questionnaire/course/<int:enrolment_id>/", questionnaires.course_feedback, name="course_feedback"),
    path("questionnaire/event/<int:attendance_id>/", questionnaires.event_feedback, name="event_feedback"),
    path("follow-up/<int:enrolment_id>/", questionnaires.follow_up, name="follow_up"),
]
