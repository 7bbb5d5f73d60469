"""Joint work plans and joint statements."""

# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from ..views import statements, workplans

urlpatterns = [
    path("workplans/", workplans.workplan_list, name="workplan_list"),
    path("workplans/new/", workplans.workplan_create, name="workplan_create"),
    path("workplans/<int:pk>/", workplans.workplan_detail, name="workplan_detail"),
    path("workplans/<int:pk>/edit/", workplans.workplan_update, name="workplan_update"),
    path("workplans/<int:pk>/timeline/", workplans.workplan_timeline, name="workplan_timeline"),
    path("workplans/<int:pk>/export.csv", workplans.workplan_export_csv, name="workplan_export_csv"),
    path("workplans/<int:pk>/objectives/new/", workplans.objective_create, name="objective_create"),
    path("workplans/<int:pk>/objectives/<int:objective_pk>/edit/", workplans.objective_update, name="objective_update"),
    path("workplans/<int:pk>/actions/new/", workplans.action_create, name="action_create"),
    path("workplans/<int:pk>/actions/<int:action_pk>/edit/", workplans.action_update, name="action_update"),
    path(
        "workplans/<int:pk>/actions/<int:action_pk>/progress/",
        workplans.action_record_progress,
        name="action_record_progress",
    ),
    path("statements/", statements.statement_list, name="statement_list"),
    path("statements/new/", statements.statement_create, name="statement_create"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement_detail"),
    path("statements/<int:pk>/edit/", statements.statement_update, name="statement_update"),
    path("statements/<int:pk>/compare/", statements.statement_version_compare, name="statement_version_compare"),
    path("statements/<int:pk>/open/", statements.statement_open, name="statement_open"),
    path("statements/<int:pk>/close/", statements.statement_close, name="statement_close"),
    path("statements/<int:pk>/publish/", statements.statement_publish, name="statement_publish"),
    path("statements/<int:pk>/sign/", statements.signature_create, name="signature_create"),
    path(
        "statements/<int:pk>/signatures/<int:signature_pk>/withdraw/",
        statements.signature_withdraw,
        name="signature_withdraw",
    ),
    path("statements/<int:pk>/public/", statements.statement_detail_public, name="statement_detail_public"),
]
