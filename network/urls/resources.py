"""The resource library: documents, links and case studies shared across the network."""

# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from ..views import resources

urlpatterns = [
    path("resources/", resources.resource_list, name="resource_list"),
    path("resources/new/", resources.resource_create, name="resource_create"),
    path("resources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.resource_update, name="resource_update"),
    path("resources/<int:pk>/download/", resources.resource_download, name="resource_download"),
]
