from .board import (
    challenge_create,
    challenge_schedule,
    challenge_set_status,
    challenge_toggle_follow,
    challenge_update,
    post_hide,
    post_unhide,
    reply_create,
    reply_set_accepted,
    reply_toggle_vote,
    reply_update,
    report_create,
)
from .notifications import mention_handle, mentioned_people, notifications_mark_read, notify
from .resources import case_study_from_challenge, resource_count_download, resource_save

__all__ = [
    "case_study_from_challenge",
    "challenge_create",
    "challenge_schedule",
    "challenge_set_status",
    "challenge_toggle_follow",
    "challenge_update",
    "mention_handle",
    "mentioned_people",
    "notifications_mark_read",
    "notify",
    "post_hide",
    "post_unhide",
    "reply_create",
    "reply_set_accepted",
    "reply_toggle_vote",
    "reply_update",
    "report_create",
    "resource_count_download",
    "resource_save",
]
