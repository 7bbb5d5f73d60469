# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from .views import communities as views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="community_list"),
    path("new/", views.community_create, name="community_create"),
    path("<slug:slug>/", views.community_detail, name="community_detail"),
    path("<slug:slug>/edit/", views.community_update, name="community_update"),
    path("<slug:slug>/members/", views.member_list, name="member_list"),
    # Joining, invitations and leaving
    path("<slug:slug>/join/", views.membership_request, name="membership_request"),
    path("<slug:slug>/invitation/", views.invitation_answer, name="invitation_answer"),
    path("<slug:slug>/leave/", views.membership_leave, name="membership_leave"),
    # The facilitators' pages
    path("<slug:slug>/people/", views.members_manage, name="membership_list"),
    path("<slug:slug>/people/invite/", views.membership_invite, name="membership_invite"),
    path("<slug:slug>/people/<int:pk>/approve/", views.membership_approve, name="membership_approve"),
    path("<slug:slug>/people/<int:pk>/decline/", views.membership_decline, name="membership_decline"),
    path("<slug:slug>/people/<int:pk>/role/", views.membership_role, name="membership_set_role"),
    path("<slug:slug>/people/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("<slug:slug>/organisations/", views.organisations_manage, name="organisation_list"),
    path("<slug:slug>/organisations/<int:pk>/remove/", views.organisation_remove, name="organisation_remove"),
    path("<slug:slug>/stakeholders/", views.stakeholder_links, name="stakeholder_link_list"),
    path("<slug:slug>/stakeholders/<int:pk>/", views.stakeholder_link_update, name="stakeholder_link_update"),
    path("<slug:slug>/stakeholders/<int:pk>/remove/", views.stakeholder_link_remove, name="stakeholder_link_remove"),
]
