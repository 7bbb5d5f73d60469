# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from .views import answers, budget, calls, documents, followup, proposals, review, tracking

app_name = "proposals"

urlpatterns = [
    path("", proposals.proposal_list, name="proposal_list"),
    # Calls for proposals
    path("deadlines/", followup.deadlines, name="deadline_list"),
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<slug:slug>/", calls.call_detail, name="call_detail"),
    path("calls/<slug:slug>/edit/", calls.call_update, name="call_update"),
    path("calls/<slug:slug>/extend/", calls.call_extend, name="call_extend"),
    path("calls/<slug:slug>/propose/", calls.proposal_create, name="proposal_create"),
    # A proposal and writing it together
    path("<int:pk>/", proposals.proposal_detail, name="proposal_detail"),
    path("<int:pk>/edit/", proposals.proposal_edit, name="proposal_update"),
    path("<int:pk>/authors/", proposals.authors, name="author_list"),
    path("<int:pk>/authors/<int:person_pk>/remove/", proposals.author_remove, name="author_remove"),
    path("<int:pk>/activities/", proposals.activities, name="activity_list"),
    path("<int:pk>/activities/<int:activity_pk>/", proposals.activity_update, name="activity_update"),
    path("<int:pk>/activities/<int:activity_pk>/delete/", proposals.activity_delete, name="activity_delete"),
    path("<int:pk>/versions/", proposals.versions, name="version_list"),
    path("<int:pk>/versions/compare/", proposals.version_compare, name="version_compare"),
    path("<int:pk>/versions/<int:number>/", proposals.version_detail, name="version_detail"),
    # Supporting documents
    path("<int:pk>/documents/", documents.documents, name="document_list"),
    path("<int:pk>/documents/<int:document_pk>/", documents.document_download, name="document_download"),
    path("<int:pk>/documents/<int:document_pk>/delete/", documents.document_delete, name="document_delete"),
    # The budget
    path("<int:pk>/budget/", budget.budget, name="budget_detail"),
    path("<int:pk>/budget/lines/<int:line_pk>/", budget.line_update, name="budget_line_update"),
    path("<int:pk>/budget/lines/<int:line_pk>/delete/", budget.line_delete, name="budget_line_delete"),
    path("<int:pk>/budget/rates/", budget.rate_set, name="exchange_rate_set"),
    path("<int:pk>/budget.csv", budget.budget_csv, name="budget_export_csv"),
    path("<int:pk>/budget.xlsx", budget.budget_xlsx, name="budget_export_xlsx"),
    path("<int:pk>/budget/print/", budget.budget_print, name="budget_print"),
    # The workflow
    path("<int:pk>/submit/", proposals.submit, name="proposal_submit"),
    path("<int:pk>/withdraw/", proposals.withdraw, name="proposal_withdraw"),
    path("<int:pk>/reviewers/", review.reviewers, name="reviewer_list"),
    path("<int:pk>/reviewers/<int:assignment_pk>/remove/", review.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/review/", review.review, name="review_submit"),
    path("<int:pk>/answers/", answers.answers, name="review_answer_list"),
    path("<int:pk>/decide/", review.decide, name="proposal_decide"),
    path("<int:pk>/start/", proposals.start_implementation, name="proposal_start"),
    path("<int:pk>/complete/", proposals.complete, name="proposal_complete"),
    # After approval
    path("<int:pk>/spending/", tracking.spending, name="expense_list"),
    path("<int:pk>/spending/new/", tracking.expense_create, name="expense_create"),
    path("<int:pk>/spending/<int:expense_pk>/receipt/", tracking.receipt, name="receipt_download"),
    path("<int:pk>/spending/<int:expense_pk>/correct/", tracking.expense_correct, name="expense_correct"),
    path("<int:pk>/spending/<int:expense_pk>/void/", tracking.expense_void, name="expense_void"),
    path("<int:pk>/spending/<int:expense_pk>/check/", followup.expense_check, name="expense_check"),
    path("<int:pk>/spending/<int:expense_pk>/answer/", followup.expense_answer, name="expense_answer"),
    path("<int:pk>/budget/revisions/", followup.budget_revisions, name="budget_revision_list"),
    path("<int:pk>/budget/revisions/new/", followup.budget_revision_create, name="budget_revision_create"),
    path(
        "<int:pk>/budget/revisions/<int:revision_pk>/", followup.budget_revision_detail, name="budget_revision_detail"
    ),
    path(
        "<int:pk>/budget/revisions/<int:revision_pk>/decide/",
        followup.budget_revision_decide,
        name="budget_revision_decide",
    ),
    path(
        "<int:pk>/budget/revisions/<int:revision_pk>/withdraw/",
        followup.budget_revision_withdraw,
        name="budget_revision_withdraw",
    ),
    path("<int:pk>/reports/", tracking.reports, name="report_list"),
    path("<int:pk>/reports/new/", tracking.report_create, name="report_create"),
    path("<int:pk>/reports/photos/<int:photo_pk>/", tracking.photo, name="photo_download"),
]
