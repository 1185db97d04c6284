from django.urls import path

from .views import budgets, leading, leading_summary, learner, mentoring, plans, surveys

app_name = "motivation"

urlpatterns = [
    # Members
    path("", learner.achievements, name="achievements"),
    path("badges/<str:token>/", learner.badge, name="badge"),
    path("leaderboard/", learner.leaderboard_page, name="leaderboard"),
    path("surveys/<int:pk>/", learner.survey_answer, name="survey"),
    path("mentees/", learner.mentees, name="mentees"),
    path("mentees/<int:pk>/", learner.mentee, name="mentee"),
    # Chairs of primary organisations, and administrators above them
    path("organisation/", leading.my_organisation, name="my_organisation"),
    path("organisation/summary/", leading_summary.summary_page, name="organisation_summary"),
    # Organisation administrators
    path("plans/", plans.plan_list, name="plans"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/items/new/", plans.item_create, name="plan_item_create"),
    path("plans/<int:pk>/items/<int:item_id>/", plans.item_edit, name="plan_item_edit"),
    path("plans/<int:pk>/items/<int:item_id>/delete/", plans.item_delete, name="plan_item_delete"),
    path("budgets/", budgets.budget_report, name="budgets"),
    path("budgets/<int:org_id>/<int:year>/", budgets.budget_edit, name="budget_edit"),
    path("surveys/", surveys.survey_list, name="surveys"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/results/", surveys.survey_results, name="survey_results"),
    path("mentoring/", mentoring.mentorship_list, name="mentorships"),
    path("mentoring/new/", mentoring.mentorship_create, name="mentorship_create"),
    path("mentoring/<int:pk>/end/", mentoring.mentorship_end, name="mentorship_end"),
]
