from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:pk>/", views.quiz_start, name="start"),
    path("<int:pk>/skip/", views.skip_pre_test, name="skip"),
    path("attempts/<int:pk>/", views.take, name="take"),
    path("attempts/<int:pk>/result/", views.result, name="result"),
]
