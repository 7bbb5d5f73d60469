"""Who may see, write and moderate on the board and in the resource centre."""

import rules

from common.cache import per_user
from common.rules import add_model_perms
from communities.rules import community_ids_of, is_community_facilitator, is_community_member
from events.rules import can_manage as runs_meeting
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus
from members.rules import (
    facilitates_a_community,
    is_coordinator,
    is_member,
    leads_organisation,
    led_organisation_ids_of,
    organisation_ids_of,
)

from .enums import ChallengeStatus, ConsortiumOutcome, PartnerStatus, StatementStatus
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


# Work plans and statements ---------------------------------------------------------------------------------


def signing_organisation_ids(user) -> set[int]:
    """The active member organisations the person leads: those they may sign a statement for."""
    return per_user(
        user,
        "signing_organisation_ids",
        lambda: set(
            user.affiliations.filter(role=AffiliationRole.LEADER, organisation__status=OrganisationStatus.ACTIVE)
            .exclude(organisation__kind=OrganisationKind.STAKEHOLDER)
            .values_list("organisation_id", flat=True)
        ),
    )


@rules.predicate
def runs_community_or_network(user, community):
    """Coordinators for the network (community None) and every community; a community's facilitators for it."""
    if not is_member(user):
        return False
    return is_coordinator(user) or (community is not None and is_community_facilitator(user, community))


@rules.predicate
def runs_plan(user, plan):
    return plan is not None and runs_community_or_network(user, plan.community)


@rules.predicate
def runs_actions_plan(user, action):
    return action is not None and runs_plan(user, action.objective.plan)


@rules.predicate
def works_at_owner(user, action):
    """Staff and leaders of the organisation that owns the action report its progress."""
    return action is not None and is_member(user) and action.owner_id in organisation_ids_of(user)


@rules.predicate
def in_statements_community(user, statement):
    return statement is not None and (is_coordinator(user) or is_community_member(user, statement.community))


@rules.predicate
def runs_statements_community(user, statement):
    return statement is not None and runs_community_or_network(user, statement.community)


@rules.predicate
def drafts_statements_in(user, community):
    """Any member of a community (and the coordinators) start its statements."""
    return community is not None and is_member(user) and (is_coordinator(user) or is_community_member(user, community))


@rules.predicate
def in_a_community(user):
    return is_member(user) and bool(community_ids_of(user))


def _status_is(*statuses):
    @rules.predicate
    def predicate(user, statement):
        return statement is not None and statement.status in statuses

    return predicate


statement_is_draft = _status_is(StatementStatus.DRAFT)
statement_is_open = _status_is(StatementStatus.OPEN)
statement_is_published = _status_is(StatementStatus.PUBLISHED)


@rules.predicate
def leads_a_signing_organisation(user):
    return is_member(user) and bool(signing_organisation_ids(user))


@rules.predicate
def leads_signing_organisation(user, signature):
    return signature is not None and leads_organisation(user, signature.organisation)


@rules.predicate
def signatures_statement_is_open(user, signature):
    return signature is not None and signature.statement.status == StatementStatus.OPEN


def consortium_organisation_ids(consortium) -> set[int]:
    """The organisations that are in a consortium (the lead and partners who accepted); kept on the object."""
    if not hasattr(consortium, "_member_organisation_ids"):
        consortium._member_organisation_ids = set(
            consortium.partners.filter(status=PartnerStatus.ACCEPTED).values_list("organisation_id", flat=True)
        ) | {consortium.lead_id}
    return consortium._member_organisation_ids


@rules.predicate
def leads_an_organisation(user):
    return is_member(user) and bool(led_organisation_ids_of(user))


@rules.predicate
def posted_opportunity(user, opportunity):
    return opportunity is not None and user.is_authenticated and opportunity.posted_by_id == user.pk


@rules.predicate
def is_open_opportunity(user, opportunity):
    return opportunity is not None and opportunity.is_open


@rules.predicate
def works_in_consortium(user, consortium):
    """Staff or leader of an organisation in the consortium: they see and use its private space."""
    if consortium is None or not is_member(user):
        return False
    return bool(organisation_ids_of(user) & consortium_organisation_ids(consortium))


@rules.predicate
def leads_consortium_lead(user, consortium):
    """A leader of the lead organisation: invites partners and records the outcome."""
    return consortium is not None and is_member(user) and consortium.lead_id in led_organisation_ids_of(user)


@rules.predicate
def is_won_consortium(user, consortium):
    return consortium is not None and consortium.outcome == ConsortiumOutcome.WON


@rules.predicate
def leads_invited_organisation(user, partner):
    """A leader of an organisation invited into a consortium, while the invitation waits for an answer."""
    return (
        partner is not None
        and is_member(user)
        and partner.status == PartnerStatus.INVITED
        and partner.organisation_id in led_organisation_ids_of(user)
    )


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

# Work plans: every member reads them; a community's facilitators (coordinators for the network's plan, and for
# every plan) keep them; the staff of an action's owner organisation report its progress.
rules.add_perm("network.view_workplan", is_member)
rules.add_perm("network.start_workplan", is_coordinator | facilitates_a_community)
rules.add_perm("network.add_workplan", runs_community_or_network)
rules.add_perm("network.change_workplan", runs_plan)
rules.add_perm("network.change_action", runs_actions_plan)
rules.add_perm("network.record_progress_action", runs_actions_plan | works_at_owner)
# Statements: drafts stay within their community; once open every member reads them, and a leader signs
# for their organisation; published ones are public.
rules.add_perm("network.view_statement_list", is_member)
rules.add_perm("network.view_statement", is_member & (~statement_is_draft | in_statements_community))
rules.add_perm("network.view_statement_public", statement_is_published)
rules.add_perm("network.start_statement", is_coordinator | in_a_community)
rules.add_perm("network.add_statement", drafts_statements_in)
rules.add_perm("network.change_statement", statement_is_draft & in_statements_community)
rules.add_perm("network.manage_statement", runs_statements_community)
rules.add_perm("network.sign_statement", statement_is_open & leads_a_signing_organisation)
rules.add_perm("network.withdraw_signature", signatures_statement_is_open & leads_signing_organisation)
# Funding opportunities: any member shares one; leaders speak and apply for their organisation. A
# consortium's space (discussion, documents, checklist) is for the people of its organisations; coordinators
# may read it.
rules.add_perm("network.view_fundingopportunity", is_member)
rules.add_perm("network.add_fundingopportunity", is_member)
rules.add_perm("network.change_fundingopportunity", is_coordinator | (is_member & posted_opportunity))
rules.add_perm("network.feature_fundingopportunity", is_coordinator)
rules.add_perm("network.follow_fundingopportunity", is_member)
rules.add_perm("network.express_interest_fundingopportunity", leads_an_organisation & is_open_opportunity)
rules.add_perm("network.add_consortium", leads_an_organisation & is_open_opportunity)
rules.add_perm("network.view_consortium", is_coordinator | works_in_consortium)
rules.add_perm("network.contribute_consortium", works_in_consortium)
rules.add_perm("network.manage_consortium", leads_consortium_lead)
# A won grant whose budget the network manages: the lead's leaders or a coordinator link it to its proposal.
rules.add_perm("network.link_proposal_consortium", (is_coordinator | leads_consortium_lead) & is_won_consortium)
rules.add_perm("network.answer_consortiumpartner", leads_invited_organisation)


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
        "workplan",
        "objective",
        "action",
        "statement",
        "statementversion",
        "signature",
        "fundingopportunity",
        "consortium",
        "opportunityfollow",
        "opportunityinterest",
        "consortiumpartner",
        "consortiummessage",
        "consortiumdocument",
        "consortiumstep",
    ],
    is_coordinator,
)


# --- surveys ----------------------------------------------------------------------------------


@rules.predicate
def manages_survey(user, survey):
    """A community's facilitators run its surveys; those who run a meeting run its attendees' surveys."""
    if survey is None:
        return False
    if survey.community_id:
        return is_community_facilitator(user, survey.community)
    if survey.meeting_id:
        return runs_meeting(user, survey.meeting)
    return False


@rules.predicate
def is_asked_by_survey(user, survey):
    if survey is None or not is_member(user):
        return False
    from .services.surveys import in_audience

    return in_audience(survey, user)


can_manage_survey = is_coordinator | manages_survey

rules.add_perm("network.view_survey_list", is_member)
rules.add_perm("network.add_survey", is_coordinator | facilitates_a_community)
rules.add_perm("network.manage_survey", can_manage_survey)
rules.add_perm("network.answer_survey", is_asked_by_survey)
rules.add_perm("network.view_survey", can_manage_survey | is_asked_by_survey)


# --- lessons learned ---------------------------------------------------------------------------


@rules.predicate
def in_analysis_group(user, analysis):
    return analysis is not None and is_member(user) and analysis.members.filter(pk=user.pk).exists()


rules.add_perm("network.view_lesson_list", is_member)
rules.add_perm("network.add_caseanalysis", is_coordinator | facilitates_a_community)
rules.add_perm("network.view_caseanalysis", is_coordinator | in_analysis_group)
rules.add_perm("network.add_lesson", is_coordinator | in_analysis_group)
