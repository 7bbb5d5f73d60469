"""Lessons learned from cases."""

# URL names are <entity>_<verb>[_<qualifier>] (see network/urls/resources.py).

from django.urls import path

from ..views import lessons

urlpatterns = [
    path("lessons/", lessons.lesson_list, name="lesson_list"),
    path("lessons/cases/<int:case>/analyse/", lessons.case_analysis_create, name="case_analysis_create"),
    path("lessons/analyses/<int:pk>/", lessons.case_analysis_detail, name="case_analysis_detail"),
    path("lessons/agenda-items/<int:item>/", lessons.lesson_present, name="lesson_present"),
]
