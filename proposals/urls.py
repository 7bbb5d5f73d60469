from django.urls import path

from .views import budget, calls, proposals, review, tracking

app_name = "proposals"

urlpatterns = [
    path("", proposals.proposal_list, name="list"),
    # Calls for proposals
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<slug:slug>/", calls.call_detail, name="call_detail"),
    path("calls/<slug:slug>/edit/", calls.call_update, name="call_update"),
    path("calls/<slug:slug>/extend/", calls.call_extend, name="call_extend"),
    path("calls/<slug:slug>/propose/", calls.proposal_create, name="create"),
    # A proposal and writing it together
    path("<int:pk>/", proposals.proposal_detail, name="detail"),
    path("<int:pk>/edit/", proposals.proposal_edit, name="edit"),
    path("<int:pk>/authors/", proposals.authors, name="authors"),
    path("<int:pk>/authors/<int:person_pk>/remove/", proposals.author_remove, name="author_remove"),
    path("<int:pk>/activities/", proposals.activities, name="activities"),
    path("<int:pk>/activities/<int:activity_pk>/", proposals.activity_update, name="activity_update"),
    path("<int:pk>/activities/<int:activity_pk>/delete/", proposals.activity_delete, name="activity_delete"),
    path("<int:pk>/versions/", proposals.versions, name="versions"),
    path("<int:pk>/versions/compare/", proposals.version_compare, name="version_compare"),
    path("<int:pk>/versions/<int:number>/", proposals.version_detail, name="version_detail"),
    # The budget
    path("<int:pk>/budget/", budget.budget, name="budget"),
    path("<int:pk>/budget/lines/<int:line_pk>/", budget.line_update, name="line_update"),
    path("<int:pk>/budget/lines/<int:line_pk>/delete/", budget.line_delete, name="line_delete"),
    path("<int:pk>/budget/rates/", budget.rate_set, name="rate_set"),
    path("<int:pk>/budget.csv", budget.budget_csv, name="budget_csv"),
    path("<int:pk>/budget.xlsx", budget.budget_xlsx, name="budget_xlsx"),
    path("<int:pk>/budget/print/", budget.budget_print, name="budget_print"),
    # The workflow
    path("<int:pk>/submit/", proposals.submit, name="submit"),
    path("<int:pk>/withdraw/", proposals.withdraw, name="withdraw"),
    path("<int:pk>/reviewers/", review.reviewers, name="reviewers"),
    path("<int:pk>/reviewers/<int:assignment_pk>/remove/", review.reviewer_remove, name="reviewer_remove"),
    path("<int:pk>/review/", review.review, name="review"),
    path("<int:pk>/decide/", review.decide, name="decide"),
    path("<int:pk>/start/", proposals.start_implementation, name="start"),
    path("<int:pk>/complete/", proposals.complete, name="complete"),
    # After approval
    path("<int:pk>/spending/", tracking.spending, name="spending"),
    path("<int:pk>/spending/new/", tracking.expense_create, name="expense_create"),
    path("<int:pk>/spending/<int:expense_pk>/receipt/", tracking.receipt, name="receipt"),
    path("<int:pk>/spending/<int:expense_pk>/correct/", tracking.expense_correct, name="expense_correct"),
    path("<int:pk>/spending/<int:expense_pk>/void/", tracking.expense_void, name="expense_void"),
    path("<int:pk>/reports/", tracking.reports, name="reports"),
    path("<int:pk>/reports/new/", tracking.report_create, name="report_create"),
    path("<int:pk>/reports/photos/<int:photo_pk>/", tracking.photo, name="photo"),
]
