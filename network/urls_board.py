from django.urls import path

from .views import board, deliveries, notifications, resources

app_name = "network"

urlpatterns = [
    path("challenges/", board.challenge_list, name="challenge_list"),
    path("challenges/new/", board.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", board.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/edit/", board.challenge_update, name="challenge_update"),
    path("challenges/<int:pk>/status/", board.challenge_status, name="challenge_status"),
    path("challenges/<int:pk>/follow/", board.challenge_follow, name="challenge_follow"),
    path("challenges/<int:pk>/reply/", board.reply_create, name="reply_create"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/edit/", board.reply_update, name="reply_update"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/accept/", board.reply_accept, name="reply_accept"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/vote/", board.reply_vote, name="reply_vote"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/moderate/", board.reply_moderate, name="reply_moderate"),
    path("challenges/<int:pk>/moderate/", board.challenge_moderate, name="challenge_moderate"),
    path("challenges/<int:pk>/report/", board.report, name="report"),
    path("challenges/<int:pk>/schedule/", board.challenge_schedule, name="challenge_schedule"),
    path("challenges/<int:pk>/case-study/", board.case_study_create, name="case_study_create"),
    path("resources/", resources.resource_list, name="resource_list"),
    path("resources/new/", resources.resource_create, name="resource_create"),
    path("resources/<int:pk>/", resources.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", resources.resource_update, name="resource_update"),
    path("resources/<int:pk>/download/", resources.resource_download, name="resource_download"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notification_read, name="notification_read"),
    path("notifications/digests/", deliveries.my_digests, name="my_digests"),
    path("digest/unsubscribe/<str:token>/", deliveries.digest_unsubscribe_view, name="digest_unsubscribe"),
    path("deliveries/meetings/<int:pk>/", deliveries.meeting_deliveries, name="meeting_deliveries"),
]
