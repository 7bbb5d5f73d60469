"""What the network tells people: notifications, digests and the log of e-mails sent for a meeting."""

# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from ..views import deliveries, notifications

urlpatterns = [
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("notifications/digests/", deliveries.my_digests, name="digest_list"),
    path("digest/unsubscribe/<str:token>/", deliveries.digest_unsubscribe_view, name="digest_unsubscribe"),
    path("deliveries/meetings/<int:pk>/", deliveries.meeting_deliveries, name="delivery_list"),
    path("deliveries/people/<int:pk>/", deliveries.person_deliveries, name="delivery_list_person"),
    path("deliveries/<int:pk>/retry/", deliveries.delivery_retry, name="delivery_retry"),
]
