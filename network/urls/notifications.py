"""What the network tells people: notifications, digests and the log of e-mails sent for a meeting."""

from django.urls import path

from ..views import deliveries, notifications

urlpatterns = [
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("notifications/digests/", deliveries.my_digests, name="my_digests"),
    path("digest/unsubscribe/<str:token>/", deliveries.digest_unsubscribe_view, name="digest_unsubscribe"),
    path("deliveries/meetings/<int:pk>/", deliveries.meeting_deliveries, name="meeting_deliveries"),
    path("deliveries/people/<int:pk>/", deliveries.person_deliveries, name="person_deliveries"),
    path("deliveries/<int:pk>/retry/", deliveries.delivery_retry, name="delivery_retry"),
]
