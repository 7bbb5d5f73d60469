"""Members doing business with each other: enquiries about listings, and the quarterly measure of them."""

# URL names are <entity>_<verb>[_<qualifier>] (see network/urls/__init__.py).

from django.urls import path

from ..views import trade

urlpatterns = [
    path("enquiries/", trade.enquiry_list, name="enquiry_list"),
    path("enquiries/ask/<int:offer_pk>/", trade.enquiry_create, name="enquiry_create"),
    path("enquiries/<int:pk>/", trade.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/reply/", trade.enquiry_reply, name="enquiry_reply"),
    path("enquiries/report/", trade.enquiry_report, name="enquiry_report"),
]
