"""Funding opportunities and the consortia that apply for them."""

from django.urls import path

from ..views import funding

urlpatterns = [
    path("funding/", funding.opportunity_list, name="opportunity_list"),
    path("funding/new/", funding.opportunity_create, name="opportunity_create"),
    path("funding/<int:pk>/", funding.opportunity_detail, name="opportunity_detail"),
    path("funding/<int:pk>/edit/", funding.opportunity_update, name="opportunity_update"),
    path("funding/<int:pk>/feature/", funding.opportunity_feature, name="opportunity_feature"),
    path("funding/<int:pk>/follow/", funding.opportunity_follow, name="opportunity_follow"),
    path("funding/<int:pk>/interest/", funding.opportunity_express_interest, name="opportunity_express_interest"),
    path("funding/<int:pk>/consortia/new/", funding.consortium_create, name="consortium_create"),
    path("consortia/<int:pk>/", funding.consortium_detail, name="consortium_detail"),
    path("consortia/<int:pk>/messages/", funding.consortium_message_create, name="consortium_message_create"),
    path("consortia/<int:pk>/documents/", funding.consortium_document_create, name="consortium_document_create"),
    path(
        "consortia/<int:pk>/documents/<int:document_pk>/",
        funding.consortium_document_download,
        name="consortium_document_download",
    ),
    path("consortia/<int:pk>/steps/", funding.consortium_step_create, name="consortium_step_create"),
    path("consortia/<int:pk>/steps/<int:step_pk>/done/", funding.consortium_step_done, name="consortium_step_done"),
    path("consortia/<int:pk>/invite/", funding.consortium_invite, name="consortium_invite"),
    path(
        "consortia/<int:pk>/partners/<int:partner_pk>/answer/",
        funding.consortium_partner_answer,
        name="consortium_partner_answer",
    ),
    path("consortia/<int:pk>/outcome/", funding.consortium_record_outcome, name="consortium_record_outcome"),
    path("consortia/<int:pk>/proposal/", funding.consortium_link_proposal, name="consortium_link_proposal"),
]
