"""The dashboard's per-person sections kept in the cache (common.fragments), and the writes that make them stale.

The person's place in the network (their next meeting, communities, proposals, reviews to do and invitations) is
read on every visit of the dashboard and changes seldom. It is kept per person under the scopes of the rows it
shows: any meeting, community, organisation or proposal written (saved or deleted, anywhere), and the person's
own memberships, review assignments and invitations. The next meeting also leaves the cache when it ends.
"""

from django.utils import timezone

from common.fragments import cached, model_scope, person_scope, person_scope_of, touch_on_write
from communities.models import Community, Membership
from communities.selectors import communities_of
from events.models import Meeting
from events.selectors import next_meeting_for
from members.models import Affiliation, AffiliationInvitation, Organisation
from members.selectors import affiliation_invitations_for
from proposals.models import Proposal, ReviewAssignment
from proposals.selectors import open_reviews_of, proposals_of

SHARED = (Meeting, Community, Organisation, Proposal)


def watch() -> None:
    """Connect the writes of the rows the dashboard shows to their scopes (once, when the app is ready)."""
    for model in SHARED:
        touch_on_write(model)
    touch_on_write(Proposal.authors.through)
    # The challenges waiting in one's themes follow one's organisations and their focus areas.
    touch_on_write(Organisation.focus_areas.through)
    touch_on_write(Affiliation, scope=lambda row: person_scope_of(row.person_id))
    touch_on_write(Membership, scope=lambda row: person_scope_of(row.person_id))
    touch_on_write(ReviewAssignment, scope=lambda row: person_scope_of(row.reviewer_id))
    touch_on_write(AffiliationInvitation, scope=lambda row: person_scope_of(row.person_id))


def _until_the_meeting_ends(place: dict) -> int:
    meeting = place["next_meeting"]
    if meeting is None:
        return 60 * 60
    return int((meeting.ends_at - timezone.now()).total_seconds())


def dashboard_place(user) -> dict:
    """The person's next meeting, communities, proposals, open reviews and invitations, for the dashboard."""
    return cached(
        "dashboard-place",
        scopes=[*(model_scope(model) for model in SHARED), person_scope(user)],
        compute=lambda: {
            "next_meeting": next_meeting_for(user),
            "communities": list(communities_of(user)),
            "proposals": proposals_of(user),
            "reviews": open_reviews_of(user),
            "affiliation_invitations": list(affiliation_invitations_for(user)),
        },
        timeout=_until_the_meeting_ends,
    )
