"""Surveys, needs assessments and meeting feedback."""

# URL names are <entity>_<verb>[_<qualifier>] (see network/urls/resources.py).

from django.urls import path

from ..views import surveys

urlpatterns = [
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/questions/", surveys.question_create, name="question_create"),
    path("surveys/<int:pk>/questions/<int:question>/delete/", surveys.question_delete, name="question_delete"),
    path("surveys/<int:pk>/open/", surveys.survey_open, name="survey_open"),
    path("surveys/<int:pk>/close/", surveys.survey_close, name="survey_close"),
    path("surveys/<int:pk>/answer/", surveys.survey_answer, name="survey_answer"),
    path("surveys/<int:pk>/results/", surveys.survey_results, name="survey_results"),
    path("surveys/<int:pk>/results.csv", surveys.survey_export_csv, name="survey_export_csv"),
    path("surveys/series/<int:pk>/feedback/", surveys.feedback_trend, name="feedback_trend"),
]
