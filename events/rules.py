"""Who may see, answer and run meetings. Deny by default."""

import rules

from common.rules import add_model_perms
from communities.rules import is_community_facilitator, is_community_member
from members.rules import facilitates_a_community, is_coordinator, is_member


@rules.predicate
def manages_meeting(user, meeting):
    """Coordinators run every meeting; a community's facilitators run that community's meetings."""
    if meeting is None:
        return False
    return bool(meeting.community_id and is_community_facilitator(user, meeting.community))


@rules.predicate
def is_in_audience(user, meeting):
    """The whole network for a network meeting; the community's members for a community meeting."""
    if meeting is None or not is_member(user):
        return False
    return meeting.community_id is None or is_community_member(user, meeting.community)


@rules.predicate
def minutes_are_published(user, meeting):
    minutes = getattr(meeting, "minutes", None) if meeting is not None else None
    return bool(minutes and minutes.is_published)


can_manage = is_coordinator | manages_meeting

rules.add_perm("events.view_meeting", is_member)
rules.add_perm("events.view_online_link", can_manage | is_in_audience)
rules.add_perm("events.rsvp_meeting", is_in_audience)
rules.add_perm("events.change_meeting", can_manage)
rules.add_perm("events.add_meeting", is_coordinator | facilitates_a_community)
rules.add_perm("events.add_meetingseries", is_coordinator | facilitates_a_community)
rules.add_perm("events.change_meetingseries", is_coordinator | manages_meeting)  # a series has .community too
rules.add_perm("events.view_minutes", can_manage | (is_member & minutes_are_published))
rules.add_perm("events.view_attendance_report", is_coordinator)

# The admin: coordinators keep every events record.
add_model_perms(
    "events",
    [
        "meetingseries",
        "meeting",
        "agendaitem",
        "rsvp",
        "attendance",
        "guestattendance",
        "minutes",
        "minutesversion",
        "calendarfeed",
    ],
    is_coordinator,
)
