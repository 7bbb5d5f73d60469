"""Who may see, write and moderate on the board and in the resource centre."""

import rules

from common.rules import add_model_perms
from communities.rules import community_ids_of
from events.rules import can_manage as runs_meeting
from members.rules import facilitates_a_community, is_coordinator, is_member, leads_organisation

from .enums import ChallengeStatus
from .visibility import audience_includes, may_see_challenge


@rules.predicate
def is_author(user, post):
    return post is not None and user.is_authenticated and post.author_id == user.pk


@rules.predicate
def can_see_audience(user, post):
    """A post for the whole network, or for a community the person belongs to."""
    if post is None or not is_member(user):
        return False
    return audience_includes(
        community_id=getattr(post, "community_id", None), member_of=community_ids_of(user), is_coordinator=False
    )


@rules.predicate
def can_see_challenge(user, challenge):
    if challenge is None or not is_member(user):
        return False
    return may_see_challenge(
        challenge=challenge,
        person_id=user.pk,
        member_of=community_ids_of(user),
        is_coordinator=user.is_coordinator,
    )


@rules.predicate
def can_see_replys_challenge(user, reply):
    """A reply's rights follow its challenge's audience: whoever left its community loses them."""
    return reply is not None and can_see_challenge(user, reply.challenge)


@rules.predicate
def is_not_hidden(user, post):
    return post is not None and not post.is_hidden


@rules.predicate
def is_open_for_replies(user, challenge):
    return challenge is not None and challenge.status != ChallengeStatus.CLOSED


@rules.predicate
def is_public_resource(user, resource):
    return resource is not None and resource.is_public


@rules.predicate
def created_resource(user, resource):
    return resource is not None and user.is_authenticated and resource.created_by_id == user.pk


@rules.predicate
def runs_proposed_meeting(user, proposal):
    """Those who run the meeting a challenge was proposed for: coordinators, the community's facilitators."""
    return proposal is not None and runs_meeting(user, proposal.meeting)


can_view_challenge = can_see_challenge

rules.add_perm("network.view_challenge_list", is_member)
rules.add_perm("network.view_challenge", can_view_challenge)
rules.add_perm("network.add_challenge", is_member)
# Writing rights on a post follow who may see it now: an author who left a community-only challenge's
# community no longer edits it, closes it or accepts answers on it.
rules.add_perm("network.change_challenge", is_author & can_view_challenge)
rules.add_perm("network.reply_challenge", is_member & can_view_challenge & is_open_for_replies & is_not_hidden)
rules.add_perm("network.accept_reply", is_author & can_view_challenge)
# The "agenda" form: coordinators (and a community's facilitators, for its meetings) put a challenge on an
# agenda at once; its author proposes it to them (network.services.agenda).
rules.add_perm("network.schedule_challenge", is_coordinator | (is_author & can_view_challenge & is_not_hidden))
rules.add_perm("network.list_agendaproposals", is_coordinator | facilitates_a_community)
rules.add_perm("network.decide_agendaproposal", is_member & runs_proposed_meeting)
rules.add_perm("network.moderate", is_coordinator)
rules.add_perm("network.report_post", is_member)
rules.add_perm("network.change_reply", is_author & is_member & can_see_replys_challenge)
rules.add_perm("network.view_resource_list", is_member)
rules.add_perm("network.view_resource", is_public_resource | (is_member & (is_coordinator | can_see_audience)))
rules.add_perm("network.add_resource", is_member)
rules.add_perm("network.change_resource", is_coordinator | (created_resource & is_member))
rules.add_perm("network.make_case_study", is_coordinator)
# The e-mail log of any person, and sending again what failed or was given up.
rules.add_perm("network.view_deliveries", is_coordinator)
rules.add_perm("network.retry_delivery", is_coordinator)


# Enquiries between members: any member may ask about another organisation's offer; the thread is read and
# answered by the one who asked and the leaders of the organisation asked, nobody else (coordinators count them).
@rules.predicate
def leads_offering_organisation(user, offer):
    return offer is not None and leads_organisation(user, offer.organisation)


@rules.predicate
def asked(user, enquiry):
    return enquiry is not None and user.is_authenticated and enquiry.author_id == user.pk


@rules.predicate
def leads_asked_organisation(user, enquiry):
    return enquiry is not None and leads_organisation(user, enquiry.organisation)


rules.add_perm("network.add_enquiry", is_member & ~leads_offering_organisation)
rules.add_perm("network.view_enquiry", is_member & (asked | leads_asked_organisation))
rules.add_perm("network.reply_enquiry", is_member & (asked | leads_asked_organisation))
rules.add_perm("network.view_own_enquiries", is_member)
rules.add_perm("network.view_enquiry_report", is_coordinator)

add_model_perms(
    "network",
    [
        "challenge",
        "reply",
        "helpfulvote",
        "follow",
        "attachment",
        "challengeagendalink",
        "agendaproposal",
        "report",
        "resource",
        "notification",
    ],
    is_coordinator,
)
