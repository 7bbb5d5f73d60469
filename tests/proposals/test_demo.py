from decimal import Decimal

import pytest
from django.core.management import call_command

from proposals.domain.budget import proposal_budget, spending_report
from proposals.models import Expense, Proposal, ProposalVersion, ReviewAssignment, StatusChange
from proposals.selectors import baseline_with_spending, proposal_detail

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(
            Proposal.objects.values_list("community__slug", "title", "status", "version", "summary", "submitted_at")
        ),
        sorted(ProposalVersion.objects.values_list("proposal__community__slug", "number", "kind", "saved_at")),
        sorted(StatusChange.objects.values_list("proposal__community__slug", "to_status", "at", "message")),
        sorted(Expense.objects.values_list("description", "amount", "currency", "amount_in_call_currency")),
        sorted(ReviewAssignment.objects.values_list("proposal__community__slug", "reviewer__email", "submitted_at")),
    )


def test_seed_demo_twice_gives_the_same_proposals():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


def test_the_three_proposals_of_the_seeds():
    call_command("seed_demo")
    by_community = {p.community.short_name: p for p in Proposal.objects.select_related("community", "call")}
    assert {name: p.status for name, p in by_community.items()} == {
        "CoP-IP": "in_implementation",
        "CoP-PwD": "under_review",
        "CoP-OPA": "draft",
    }
    ip = proposal_detail(pk=by_community["CoP-IP"].pk)
    assert ip.call.title == "Voice Linking and Learning small grants 2024"
    assert ip.call.is_open
    assert {line.currency for line in ip.budget_lines.all()} == {"USD", "KHR"}
    assert proposal_budget(ip).overall.requested == Decimal("1640.00")
    report = spending_report(baseline_lines=baseline_with_spending(proposal=ip), currency="USD")
    assert [row.label for row in report.overspent] == ["Printing the exhibition panels", "Materials and supplies"]
    assert ip.reports.get().activity_progress.count() == 3
    pwd = by_community["CoP-PwD"]
    reviewer = pwd.review_assignments.get().reviewer
    assert reviewer.email == "bopha@demo.example"
    assert not reviewer.community_memberships.filter(community=pwd.community).exists()
    opa = proposal_detail(pk=by_community["CoP-OPA"].pk)
    assert proposal_budget(opa).missing_rates == ["KHR"]
