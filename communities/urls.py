from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="list"),
    path("new/", views.community_create, name="create"),
    path("<slug:slug>/", views.community_detail, name="detail"),
    path("<slug:slug>/edit/", views.community_update, name="update"),
    # Joining, invitations and leaving
    path("<slug:slug>/join/", views.membership_request, name="join"),
    path("<slug:slug>/invitation/", views.invitation_answer, name="invitation_answer"),
    path("<slug:slug>/leave/", views.membership_leave, name="leave"),
    # The facilitators' pages
    path("<slug:slug>/people/", views.members_manage, name="members"),
    path("<slug:slug>/people/invite/", views.membership_invite, name="invite"),
    path("<slug:slug>/people/<int:pk>/approve/", views.membership_approve, name="approve"),
    path("<slug:slug>/people/<int:pk>/decline/", views.membership_decline, name="decline"),
    path("<slug:slug>/people/<int:pk>/role/", views.membership_role, name="role"),
    path("<slug:slug>/people/<int:pk>/remove/", views.membership_remove, name="remove"),
    path("<slug:slug>/organisations/", views.organisations_manage, name="organisations"),
    path("<slug:slug>/organisations/<int:pk>/remove/", views.organisation_remove, name="organisation_remove"),
    path("<slug:slug>/stakeholders/", views.stakeholder_links, name="stakeholder_links"),
    path("<slug:slug>/stakeholders/<int:pk>/", views.stakeholder_link_update, name="stakeholder_link_update"),
    path("<slug:slug>/stakeholders/<int:pk>/remove/", views.stakeholder_link_remove, name="stakeholder_link_remove"),
]
