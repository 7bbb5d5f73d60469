"""The challenge board: challenges, their replies, moderation and what grows out of them."""

from django.urls import path

from ..views import agenda, board

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
    path("agenda-proposals/", agenda.agenda_proposals, name="agenda_proposals"),
    path("agenda-proposals/<int:pk>/decide/", agenda.agenda_proposal_decide, name="agenda_proposal_decide"),
]
