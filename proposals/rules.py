"""Who may do what with calls and proposals. Deny by default.

Authors are a proposal's co-authors; its community's active members follow it too; reviewers see
what they were assigned; coordinators see everything; other members see the summaries of funded
proposals. Status predicates make the rules follow the workflow: authors edit only drafts and
proposals sent back for revisions.

Rights follow the current state, asked afresh at every request: a co-author keeps their rights only while
they are an active member of the proposing community (whoever leaves or is removed loses them at once,
though their name stays on the proposal), and a reviewer reviews only while independent of the proposal
(neither a co-author nor a member of the proposing community).
"""

import rules
from django.db.models import Value

from common.cache import per_user
from common.rules import add_model_perms
from communities.rules import community_ids_of
from members.rules import is_coordinator, is_member

from .enums import DECIDABLE, EDITABLE, FUNDED, IN_REVIEW, SPENDING, WITHDRAWABLE, ProposalStatus


def _ties(user) -> dict[str, set[int]]:
    """The proposals the user co-authors ("authored") and those they were assigned to review ("reviewing"),
    asked in one query once per request, so lists stay flat."""

    def ask():
        authored = user.authored_proposals.order_by().annotate(tie=Value("authored")).values_list("tie", "pk")
        reviewing = user.reviews.order_by().annotate(tie=Value("reviewing")).values_list("tie", "proposal_id")
        ties = {"authored": set(), "reviewing": set()}
        for tie, pk in authored.union(reviewing, all=True):
            ties[tie].add(pk)
        return ties

    return per_user(user, "proposal_ties", ask)


def _authored_ids(user) -> set[int]:
    return _ties(user)["authored"]


def _reviewing_ids(user) -> set[int]:
    return _ties(user)["reviewing"]


@rules.predicate
def is_in_proposing_community(user, proposal):
    """An active member or facilitator of the community that proposes it (by its id: no query for the community)."""
    return proposal is not None and is_member(user) and proposal.community_id in community_ids_of(user)


@rules.predicate
def is_author(user, proposal):
    """A co-author who is still an active member of the proposing community."""
    return (
        proposal is not None
        and is_member(user)
        and proposal.pk in _authored_ids(user)
        and proposal.community_id in community_ids_of(user)
    )


@rules.predicate
def is_assigned_reviewer(user, proposal):
    """Assigned to review it, and still independent of it: neither a co-author nor in the proposing community."""
    return (
        proposal is not None
        and is_member(user)
        and proposal.pk in _reviewing_ids(user)
        and proposal.pk not in _authored_ids(user)
        and proposal.community_id not in community_ids_of(user)
    )


def _status_in(statuses, name):
    @rules.predicate(name=name)
    def predicate(user, proposal):
        return proposal is not None and proposal.status in statuses

    return predicate


is_editable = _status_in(EDITABLE, "is_editable")
is_in_review = _status_in(IN_REVIEW, "is_in_review")
is_decidable = _status_in(DECIDABLE, "is_decidable")
is_funded = _status_in(FUNDED, "is_funded")
takes_expenses = _status_in(SPENDING, "takes_expenses")
is_withdrawable = _status_in(WITHDRAWABLE, "is_withdrawable")
is_approved = _status_in({ProposalStatus.APPROVED}, "is_approved")
is_in_implementation = _status_in({ProposalStatus.IN_IMPLEMENTATION}, "is_in_implementation")


@rules.predicate
def call_is_open(user, call):
    return call is not None and call.is_open


@rules.predicate
def in_an_eligible_community(user, call):
    """An active member of one of the communities the call is open to."""
    if call is None or not is_member(user):
        return False
    if not hasattr(call, "_eligible_ids"):
        call._eligible_ids = set(call.eligible_communities.values_list("pk", flat=True))
    return not call._eligible_ids.isdisjoint(community_ids_of(user))


# The proposing community first: a member of it sees the proposal without the co-authored and reviewed ids
# being asked (a community's page lists its proposals).
can_see_proposal = is_coordinator | is_in_proposing_community | is_author | is_assigned_reviewer

rules.add_perm("proposals.view_call", is_member)
rules.add_perm("proposals.add_call", is_coordinator)
rules.add_perm("proposals.change_call", is_coordinator)
rules.add_perm("proposals.extend_call", is_coordinator)
rules.add_perm("proposals.propose_to_call", is_member & call_is_open & in_an_eligible_community)

rules.add_perm("proposals.list_proposals", is_member)
rules.add_perm("proposals.view_proposal", can_see_proposal)
rules.add_perm("proposals.view_summary_proposal", can_see_proposal | (is_member & is_funded))
rules.add_perm("proposals.author_proposal", is_author)
rules.add_perm("proposals.change_proposal", is_author & is_editable)
rules.add_perm("proposals.submit_proposal", is_author & is_editable)
rules.add_perm("proposals.withdraw_proposal", is_author & is_withdrawable)

rules.add_perm("proposals.assign_reviewers_proposal", is_coordinator & is_in_review)
rules.add_perm("proposals.review_proposal", is_assigned_reviewer & is_in_review)
rules.add_perm("proposals.view_reviews_proposal", is_coordinator)
rules.add_perm("proposals.decide_proposal", is_coordinator & is_decidable)
is_revisions_requested = _status_in({ProposalStatus.REVISIONS_REQUESTED}, "is_revisions_requested")
# The co-authors answer the reviewers' comments; everyone who sees the proposal, reviewers too, reads the answers.
rules.add_perm("proposals.answer_reviewers_proposal", is_author & is_revisions_requested)
rules.add_perm("proposals.view_answers_proposal", can_see_proposal)

rules.add_perm("proposals.start_implementation_proposal", (is_coordinator | is_author) & is_approved)
rules.add_perm("proposals.complete_proposal", is_coordinator & is_in_implementation)
rules.add_perm("proposals.view_spending_proposal", can_see_proposal & is_funded)
rules.add_perm("proposals.record_expense_proposal", (is_coordinator | is_author) & takes_expenses)
# Correcting or voiding an expense: whoever may record one.
rules.add_perm("proposals.correct_expense_proposal", (is_coordinator | is_author) & takes_expenses)
rules.add_perm("proposals.report_proposal", is_author & takes_expenses)

# Expense sign-off: a coordinator checks every expense; co-authors answer a coordinator's question.
rules.add_perm("proposals.check_expense_proposal", is_coordinator & takes_expenses)
rules.add_perm("proposals.answer_expense_proposal", is_author & takes_expenses)

# Budget revisions after approval: co-authors ask, a coordinator decides; whoever sees the spending reads them.
rules.add_perm("proposals.view_revisions_proposal", can_see_proposal & is_funded)
rules.add_perm("proposals.request_revision_proposal", is_author & takes_expenses)
rules.add_perm("proposals.decide_revision_proposal", is_coordinator & takes_expenses)

# Deadlines: the coordinators' overview of late reviews and reports due.
rules.add_perm("proposals.view_deadlines", is_coordinator)

# Supporting documents: seen with the proposal, added by co-authors while drafting and after approval.
rules.add_perm("proposals.view_documents_proposal", can_see_proposal)
rules.add_perm("proposals.add_document_proposal", is_author & (is_editable | takes_expenses))
rules.add_perm("proposals.delete_document_proposal", is_author & is_editable)

# The admin: coordinators keep every record of this app.
add_model_perms(
    "proposals",
    [
        "call",
        "callsection",
        "reviewcriterion",
        "proposal",
        "exchangerate",
        "keyactivity",
        "proposalversion",
        "statuschange",
        "budgetline",
        "baselineline",
        "expense",
        "expensechange",
        "reviewanswer",
        "reviewassignment",
        "reviewscore",
        "progressreport",
        "activityprogress",
        "reportphoto",
        "supportingdocument",
        "budgetrevision",
        "budgetrevisionline",
        "reportdue",
    ],
    is_coordinator,
)
