"""The challenge board: challenges, their replies, moderation and what grows out of them."""

# URL names are <entity>_<verb>[_<qualifier>]. The entity is the thing the page shows or changes, singular and
# named as its model or service names it, not its parent (budget_line_update, not proposal_line_update). The verb
# is list, detail, create, update or delete, another way to show many (calendar, history), or the domain verb of
# the service the view calls (submit, approve, set_role, export); a qualifier tells two alike apart
# (meeting_list_past, budget_export_csv). Only names follow this rule: paths stay the addresses people know.

from django.urls import path

from ..views import agenda, board

urlpatterns = [
    path("challenges/", board.challenge_list, name="challenge_list"),
    path("challenges/new/", board.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", board.challenge_detail, name="challenge_detail"),
    path("challenges/<int:pk>/edit/", board.challenge_update, name="challenge_update"),
    path(
        "challenges/<int:pk>/attachments/<int:attachment_pk>/",
        board.attachment_download,
        name="attachment_download",
    ),
    path("challenges/<int:pk>/status/", board.challenge_status, name="challenge_set_status"),
    path("challenges/<int:pk>/follow/", board.challenge_follow, name="challenge_follow"),
    path("challenges/<int:pk>/reply/", board.reply_create, name="reply_create"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/edit/", board.reply_update, name="reply_update"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/accept/", board.reply_accept, name="reply_accept"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/vote/", board.reply_vote, name="reply_vote"),
    path("challenges/<int:pk>/replies/<int:reply_pk>/moderate/", board.reply_moderate, name="reply_moderate"),
    path("challenges/<int:pk>/moderate/", board.challenge_moderate, name="challenge_moderate"),
    path("challenges/<int:pk>/report/", board.report, name="challenge_report"),
    path("challenges/<int:pk>/schedule/", board.challenge_schedule, name="challenge_schedule"),
    path("challenges/<int:pk>/case-study/", board.case_study_create, name="case_study_create"),
    path("agenda-proposals/", agenda.agenda_proposals, name="agenda_proposal_list"),
    path("agenda-proposals/<int:pk>/decide/", agenda.agenda_proposal_decide, name="agenda_proposal_decide"),
]
