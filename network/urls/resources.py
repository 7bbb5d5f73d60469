"""The resource library: documents, links and case studies shared across the network."""

from django.urls import path

from ..views import resources

urlpatterns = [
    path("resources/", resources.resource_list, name="resource_list"),
    path("resources/new/", resources.resource_create, name="resource_create"),
    path("resources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.resource_update, name="resource_update"),
    path("resources/<int:pk>/download/", resources.resource_download, name="resource_download"),
]
