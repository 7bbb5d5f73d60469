# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from .views import accounts, organisations, people, stakeholders, trade

app_name = "members"

urlpatterns = [
    # Directory and organisations
    path("", organisations.organisation_list, name="organisation_list"),
    path("organisations.csv", organisations.organisation_export, name="organisation_export"),
    path("o/new/", organisations.organisation_create, name="organisation_create"),
    path("o/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"),
    path("o/<slug:slug>/edit/", organisations.organisation_update, name="organisation_update"),
    path("o/<slug:slug>/status/", organisations.organisation_set_status, name="organisation_set_status"),
    path("o/<slug:slug>/history/", organisations.organisation_history, name="organisation_history"),
    path("o/<slug:slug>/people/", organisations.organisation_people, name="affiliation_list"),
    path("o/<slug:slug>/people/<int:pk>/", organisations.affiliation_update, name="affiliation_update"),
    path("o/<slug:slug>/people/<int:pk>/remove/", organisations.affiliation_remove, name="affiliation_remove"),
    path("o/<slug:slug>/invite/", organisations.organisation_invite, name="organisation_invite"),
    path("affiliations/invitations/", organisations.affiliation_invitations, name="affiliation_invitation_list"),
    path(
        "affiliations/invitations/<int:pk>/answer/",
        organisations.affiliation_invitation_answer,
        name="affiliation_invitation_answer",
    ),
    path("join/", organisations.join_request_create, name="join_request_create"),
    path("join-requests/", organisations.join_request_list, name="join_request_list"),
    path("join-requests/<int:pk>/decide/", organisations.join_request_decide, name="join_request_decide"),
    # The marketplace: what members' social enterprises offer and need
    path("offers/", trade.offer_list, name="offer_list"),
    path("offers/<int:pk>/", trade.offer_detail, name="offer_detail"),
    path("o/<slug:slug>/offers/new/", trade.offer_create, name="offer_create"),
    path("offers/<int:pk>/edit/", trade.offer_update, name="offer_update"),
    path("offers/<int:pk>/delete/", trade.offer_delete, name="offer_delete"),
    path("offers/<int:pk>/photos/", trade.offer_photo_create, name="offer_photo_create"),
    path("offers/<int:pk>/photos/<int:photo_pk>/", trade.offer_photo_download, name="offer_photo_download"),
    path("offers/<int:pk>/photos/<int:photo_pk>/remove/", trade.offer_photo_delete, name="offer_photo_delete"),
    # People
    path("people/", people.person_list, name="person_list"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("profile/", people.profile_edit, name="profile_update"),
    # Stakeholder register
    path("stakeholders/", stakeholders.register, name="stakeholder_list"),
    path("stakeholders/new/", stakeholders.stakeholder_create, name="stakeholder_create"),
    path("stakeholders/<slug:slug>/", stakeholders.stakeholder_detail, name="stakeholder_detail"),
    path("stakeholders/<slug:slug>/contacts/<int:pk>/", stakeholders.contact_update, name="contact_update"),
    # Accounts and invitations
    path("invitations/", accounts.invitation_list, name="invitation_list"),
    path("invitations/new/", accounts.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/resend/", accounts.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", accounts.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("invitation/<str:token>/renew/", accounts.invitation_request_renewal, name="invitation_request_renewal"),
    path("approvals/", accounts.approval_list, name="signup_list"),
    path("preferences/", accounts.preferences, name="preferences_update"),
    path("language/", accounts.set_language, name="language_set"),
]
