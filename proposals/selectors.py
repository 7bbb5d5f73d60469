"""Reads for calls and proposals: each page's rows with everything its template touches, so the
number of queries does not grow with budget lines, versions, activities or reviewers.
"""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from communities.models import Community
from communities.selectors import active_community_ids
from members.models import Organisation, User

from .enums import FUNDED, IN_REVIEW, ExpenseCheck, ProposalStatus, RevisionStatus, VersionKind
from .models import (
    ActivityProgress,
    BaselineLine,
    BudgetLine,
    BudgetRevision,
    Call,
    Expense,
    ExpenseChange,
    KeyActivity,
    ProgressReport,
    Proposal,
    ProposalVersion,
    ReportDue,
    ReviewAnswer,
    ReviewAssignment,
    StatusChange,
    SupportingDocument,
)


def call_list() -> QuerySet:
    """Calls, newest first, with their eligible communities and how many proposals each has had submitted."""
    return (
        Call.objects.prefetch_related("eligible_communities")
        .annotate(proposal_count=Count("proposals", filter=Q(proposals__submitted_at__isnull=False), distinct=True))
        .order_by("-opens_at", "-pk")
    )


def call_detail(*, slug: str) -> Call | None:
    return (
        Call.objects.prefetch_related("eligible_communities", "sections", "criteria")
        .select_related("created_by")
        .filter(slug=slug)
        .first()
    )


def call_proposals(*, call: Call, user: User) -> QuerySet:
    return proposal_list(user=user).filter(call=call)


def my_communities_for(*, call: Call, user: User) -> QuerySet:
    """The eligible communities of a call where the person is an active member: where they may propose."""
    return Community.objects.with_member(user).filter(calls=call).order_by("name")


def visible_proposals(user: User) -> QuerySet:
    """The proposals a person may open: all for coordinators; otherwise their communities' (co-authors
    are members of the proposing community, or lose their rights), those they review, and every funded
    proposal (as a summary).
    """
    if user.is_coordinator:
        return Proposal.objects.all()
    communities = active_community_ids(user)
    mine = Q(community_id__in=communities) | Q(review_assignments__reviewer=user)
    ids = Proposal.objects.filter(mine | Q(status__in=FUNDED)).values("pk")
    return Proposal.objects.filter(pk__in=ids)


def proposal_list(*, user: User) -> QuerySet:
    return (
        visible_proposals(user)
        .select_related("call", "community")
        .prefetch_related("authors")
        .order_by("-updated_at", "-pk")
    )


def proposal_detail(*, pk: int) -> Proposal | None:
    """One proposal with its call, sections and criteria, co-authors, stakeholders, activities,
    budget lines and rates, versions (without their text), the status log, reviews and reports.
    """
    proposal = Proposal.objects.select_related("call", "community", "created_by").filter(pk=pk).first()
    if proposal is not None:
        proposal_page(proposal, with_criteria=True, with_reviews=True)
    return proposal


def proposal_page(proposal: Proposal, *, with_criteria: bool, with_reviews: bool) -> Proposal:
    """What the proposal's page shows, prefetched onto `proposal` (as the URL's loader read it): the call's
    sections, co-authors, stakeholders, activities, budget lines and rates, versions (without their text),
    the status log, documents, and reports once it is funded; the call's review criteria and the review
    assignments with their scores only when asked (for those who see the scores; a decided proposal's
    comments to its authors).
    """
    versions = ProposalVersion.objects.select_related("saved_by").defer("content").order_by("-number")
    activities = KeyActivity.objects.select_related("responsible_organisation").order_by("starts_on", "ends_on", "pk")
    lines = BudgetLine.objects.select_related("activity").order_by("position", "pk")
    reviews = ReviewAssignment.objects.select_related("reviewer").prefetch_related("scores").order_by("assigned_at")
    lookups = [
        "authors",
        "call__sections",
        Prefetch("stakeholders", queryset=Organisation.objects.order_by("name")),
        Prefetch("activities", queryset=activities),
        Prefetch("budget_lines", queryset=lines),
        "exchange_rates",
        Prefetch("versions", queryset=versions),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("by").order_by("at", "pk")),
        Prefetch(
            "documents",
            queryset=SupportingDocument.objects.select_related("budget_line", "activity").order_by(
                "kind", "title", "pk"
            ),
        ),
    ]
    if with_criteria:
        lookups.append("call__criteria")
    if with_reviews:
        lookups.append(Prefetch("review_assignments", queryset=reviews))
    # Reports are written only once the proposal is funded (proposals.services.tracking.report_submit needs
    # a spending status, and a funded proposal stays funded).
    funded = proposal.status in FUNDED
    if funded:
        lookups.append(Prefetch("reports", queryset=ProgressReport.objects.select_related("submitted_by")))
    prefetch_related_objects([proposal], *lookups)
    if not funded:  # the template's `proposal.reports.all` then asks nothing
        proposal.__dict__.setdefault("_prefetched_objects_cache", {})["reports"] = proposal.reports.none()
    return proposal


def proposal_versions(*, proposal: Proposal) -> QuerySet:
    return proposal.versions.select_related("saved_by").defer("content").order_by("-number")


def proposal_version(*, proposal: Proposal, number: int) -> ProposalVersion | None:
    return proposal.versions.select_related("saved_by").filter(number=number).first()


def budget_page(*, pk: int) -> Proposal | None:
    """A proposal with what its budget, exports and print view show."""
    lines = BudgetLine.objects.select_related("activity").order_by("position", "pk")
    return (
        Proposal.objects.select_related("call", "community")
        .prefetch_related(
            Prefetch("budget_lines", queryset=lines),
            "exchange_rates",
            Prefetch("activities", queryset=KeyActivity.objects.order_by("starts_on", "ends_on", "pk")),
            "authors",
        )
        .filter(pk=pk)
        .first()
    )


def baseline_with_spending(*, proposal: Proposal) -> QuerySet:
    """The approved lines with their expenses in the call's currency: `spent` (everything recorded, neither
    void nor rejected), `accepted` (what a coordinator accepted: counted as spent) and `unchecked` (not
    checked yet or queried). One query, however many lines.
    """
    money = DecimalField(max_digits=14, decimal_places=2)
    zero = Value(0, output_field=money)

    def total(**conditions):
        rows = (
            Expense.objects.filter(line=OuterRef("pk"), voided_at__isnull=True, **conditions)
            .order_by()
            .values("line")
            .annotate(total=Sum("amount_in_call_currency"))
            .values("total")[:1]
        )
        return Coalesce(Subquery(rows, output_field=money), zero)

    return (
        BaselineLine.objects.filter(proposal=proposal)
        .annotate(
            spent=total(check_status__in=[ExpenseCheck.CLAIMED, ExpenseCheck.QUERIED, ExpenseCheck.ACCEPTED]),
            accepted=total(check_status=ExpenseCheck.ACCEPTED),
            unchecked=total(check_status__in=[ExpenseCheck.CLAIMED, ExpenseCheck.QUERIED]),
        )
        .order_by("position", "pk")
    )


def expenses_of(*, proposal: Proposal) -> QuerySet:
    """Every expense, the voided ones too, with its history of corrections."""
    changes = ExpenseChange.objects.select_related("changed_by").order_by("changed_at", "pk")
    return (
        proposal.expenses.select_related("line", "recorded_by", "voided_by")
        .prefetch_related(Prefetch("changes", queryset=changes))
        .order_by("-spent_on", "-pk")
    )


def reports_of(*, proposal: Proposal) -> QuerySet:
    progress = ActivityProgress.objects.select_related("activity").order_by("activity__starts_on", "pk")
    return proposal.reports.select_related("submitted_by").prefetch_related(
        Prefetch("activity_progress", queryset=progress), "photos"
    )


def review_assignments(*, proposal: Proposal) -> QuerySet:
    return (
        proposal.review_assignments.select_related("reviewer", "assigned_by")
        .prefetch_related("scores")
        .order_by("assigned_at", "pk")
    )


def reviewer_candidates(*, proposal: Proposal) -> QuerySet:
    """Approved people who neither co-author the proposal, belong to its community, nor review it already."""
    in_community = proposal.community.memberships.active().values("person")
    return (
        User.objects.network_members()
        .exclude(pk__in=proposal.authors.values("pk"))
        .exclude(pk__in=in_community)
        .exclude(pk__in=proposal.review_assignments.values("reviewer"))
        .order_by("display_name", "email")
    )


def author_candidates(*, proposal: Proposal) -> QuerySet:
    """Active members of the proposing community who are not co-authors yet."""
    return (
        User.objects.filter(is_active=True, pk__in=proposal.community.memberships.active().values("person"))
        .exclude(pk__in=proposal.authors.values("pk"))
        .order_by("display_name", "email")
    )


def assignment_for(*, proposal: Proposal, reviewer: User) -> ReviewAssignment | None:
    return ReviewAssignment.objects.filter(proposal=proposal, reviewer=reviewer).prefetch_related("scores").first()


def proposals_of(user: User, *, limit: int = 5) -> list:
    """The proposals the person co-authors in a community they are still an active member of,
    the most recently changed first, for the dashboard.
    """
    return list(
        Proposal.objects.filter(authors=user, community_id__in=active_community_ids(user))
        .select_related("call", "community")
        .order_by("-updated_at")[:limit]
    )


def open_reviews_of(user: User) -> list:
    """Reviews assigned to the person and not yet scored, while they are independent of the proposal."""
    return list(
        ReviewAssignment.objects.filter(reviewer=user, submitted_at__isnull=True)
        .exclude(proposal__community_id__in=active_community_ids(user))
        .exclude(proposal__authors=user)
        .exclude(
            proposal__status__in=[
                ProposalStatus.APPROVED,
                ProposalStatus.REJECTED,
                ProposalStatus.WITHDRAWN,
                ProposalStatus.IN_IMPLEMENTATION,
                ProposalStatus.COMPLETED,
            ]
        )
        .select_related("proposal")
        .order_by("assigned_at")
    )


def documents_of(*, proposal: Proposal) -> QuerySet:
    """The proposal's supporting documents with the line or activity each is for, and who uploaded it."""
    return proposal.documents.select_related("budget_line", "activity", "uploaded_by").order_by("kind", "title", "pk")


def revisions_decision(proposal: Proposal) -> StatusChange | None:
    """The latest request for revisions, which the answers belong to. A read; no side effects."""
    return proposal.status_changes.filter(to_status=ProposalStatus.REVISIONS_REQUESTED).order_by("-at", "-pk").first()


def comments_to_answer(proposal: Proposal) -> list[ReviewAssignment]:
    """The scored reviews whose reviewer wrote comments for the authors. A read; no side effects."""
    return list(
        proposal.review_assignments.filter(submitted_at__isnull=False)
        .exclude(comment_for_authors="")
        .order_by("assigned_at", "pk")
    )


def unanswered_count(proposal: Proposal) -> int:
    """How many reviewers' comments the co-authors have not answered since the latest request for revisions."""
    decision = revisions_decision(proposal)
    if decision is None:
        return 0
    answered = set(decision.review_answers.values_list("assignment_id", flat=True))
    return sum(1 for assignment in comments_to_answer(proposal) if assignment.pk not in answered)


def answer_rounds(*, proposal: Proposal) -> list[dict]:
    """Each request for revisions, newest first, with the co-authors' answers and the two frozen versions
    around it: the one it asked to revise and the resubmission that answered it (None until then).
    Three queries and two version texts, however many rounds; the caller compares the texts.
    """
    decisions = list(
        proposal.status_changes.filter(to_status=ProposalStatus.REVISIONS_REQUESTED)
        .select_related("by")
        .prefetch_related(
            Prefetch(
                "review_answers",
                queryset=ReviewAnswer.objects.select_related("answered_by").order_by("assignment__assigned_at", "pk"),
            )
        )
        .order_by("-at", "-pk")
    )
    if not decisions:
        return []
    frozen = list(proposal.versions.exclude(kind=VersionKind.SAVED).defer("content").order_by("number"))
    rounds = []
    for decision in decisions:
        before = [version for version in frozen if version.saved_at <= decision.at]
        after = [
            version for version in frozen if version.saved_at > decision.at and version.kind == VersionKind.RESUBMITTED
        ]
        rounds.append(
            {
                "decision": decision,
                "answers": list(decision.review_answers.all()),
                "old": before[-1] if before else None,
                "new": after[0] if after else None,
            }
        )
    return rounds


def budget_revisions_of(*, proposal: Proposal) -> QuerySet:
    """A proposal's budget revisions, the newest first, with their lines and who asked and decided."""
    return (
        proposal.budget_revisions.select_related("requested_by", "decided_by", "proposal__call")
        .prefetch_related("changes")
        .order_by("-requested_at", "-pk")
    )


def pending_revision(*, proposal: Proposal) -> BudgetRevision | None:
    return proposal.budget_revisions.filter(status=RevisionStatus.PENDING).select_related("requested_by").first()


def revision_effect(*, revision: BudgetRevision, proposal: Proposal) -> dict:
    """What a request does: each line before and after, and, while it waits, the working total before and
    after against the call's ceiling, with the reasons it no longer fits (stale) if any."""
    from .services.revisions import stale_reasons

    changes = list(revision.changes.all())
    moved = sum((change.difference for change in changes), Decimal(0))
    effect = {"changes": changes, "moved": moved, "ceiling": proposal.call.budget_ceiling, "stale": []}
    if revision.is_pending:
        total = sum((line.working_amount for line in proposal.baseline_lines.all()), Decimal(0))
        effect.update(total_before=total, total_after=total + moved, stale=stale_reasons(revision, proposal))
        effect["over_ceiling"] = effect["total_after"] > proposal.call.budget_ceiling
    return effect


def late_reviews(*, today) -> QuerySet:
    """Reviews past their due date and not submitted, of proposals still in review, the latest due first."""
    return (
        ReviewAssignment.objects.filter(
            submitted_at__isnull=True, due_on__lt=today, proposal__status__in=list(IN_REVIEW)
        )
        .select_related("proposal", "proposal__community", "reviewer")
        .order_by("due_on", "pk")
    )


def funded_with_reports_due(*, today=None) -> list[Proposal]:
    """Every funded proposal with its reports due; each gets `next_report` (the first not sent) and
    `late_reports` (not sent and past due). Two queries however many projects."""
    from django.utils import timezone

    today = today or timezone.localdate()
    projects = list(
        Proposal.objects.filter(status__in=list(FUNDED))
        .select_related("community", "call")
        .prefetch_related(
            Prefetch("reports_due", queryset=ReportDue.objects.order_by("due_on", "pk"), to_attr="schedule")
        )
        .order_by("community__name", "title", "pk")
    )
    for project in projects:
        open_dues = [due for due in project.schedule if due.report_id is None]
        project.next_report = open_dues[0] if open_dues else None
        project.late_reports = [due for due in open_dues if due.due_on < today]
    projects.sort(key=lambda p: (not p.late_reports, p.next_report.due_on if p.next_report else date.max))
    return projects


def reports_due_of(*, proposal: Proposal) -> list[ReportDue]:
    return list(proposal.reports_due.select_related("report").order_by("due_on", "pk"))
