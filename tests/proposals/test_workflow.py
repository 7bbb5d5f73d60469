"""The workflow, one service per step: right steps, wrong steps refused with a message, and e-mails."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from proposals import services
from proposals.enums import ProposalStatus, VersionKind
from proposals.forms import ReportForm
from proposals.models import BaselineLine, Proposal
from tests.factories import BudgetLineFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db


def set_status(proposal, status):
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


class TestSubmission:
    def test_submitting_freezes_a_version_and_tells_the_coordinators(
        self, ready_proposal, author, coordinator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            submitted = services.proposal_submit(proposal=ready_proposal, by=author)
        assert submitted.status == ProposalStatus.SUBMITTED
        assert submitted.submitted_at is not None
        frozen = submitted.versions.get(number=submitted.version)
        assert (frozen.number, frozen.kind, frozen.saved_by) == (2, VersionKind.SUBMITTED, author)
        assert frozen.content["budget"][1] == (
            "Materials and supplies · Performance of Kuy-speaking people · Exhibition panels · "
            "100 panel × 20,500 KHR = 2,050,000 KHR"
        )
        change = submitted.status_changes.get()
        assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", author)
        assert [message.to for message in mail.outbox] == [[coordinator.email]]
        assert mail.outbox[0].subject == "New proposal: Kuy voices: a performance and an exhibition"

    def test_a_draft_not_ready_lists_every_problem(self, proposal, author):
        proposal.summary = ""
        proposal.section_answers = {}
        proposal.save()
        with pytest.raises(ValidationError) as refused:
            services.proposal_submit(proposal=proposal, by=author)
        assert refused.value.messages == [
            "Write the summary.",
            "Answer the call's section “How will rightsholders lead the work?”.",
            "Add at least one key activity.",
            "The budget has no lines yet.",
        ]
        assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DRAFT

    def test_a_missing_exchange_rate_blocks_submission(self, ready_proposal, author):
        ready_proposal.exchange_rates.all().delete()
        with pytest.raises(ValidationError) as refused:
            services.proposal_submit(proposal=ready_proposal, by=author)
        assert refused.value.messages == ["Set the exchange rate for KHR: how many KHR make 1 USD."]

    def test_over_the_ceiling_blocks_submission_saying_by_how_much(self, ready_proposal, author):
        BudgetLineFactory(proposal=ready_proposal, quantity=Decimal("4"), unit_cost=Decimal("1200.00"))
        with pytest.raises(ValidationError) as refused:
            services.proposal_submit(proposal=ready_proposal, by=author)
        assert refused.value.messages == [
            "The budget asks for 5,450.00 USD, 450.00 USD over the call's ceiling of 5,000.00 USD. "
            "Reduce it by 450.00 USD before submitting."
        ]

    def test_no_submission_after_the_call_closes_until_a_coordinator_extends_it(
        self, ready_proposal, author, coordinator
    ):
        call = ready_proposal.call
        with time_machine.travel(call.closes_at + datetime.timedelta(minutes=1)):
            with pytest.raises(ValidationError) as refused:
                services.proposal_submit(proposal=ready_proposal, by=author)
            assert refused.value.code == "closed"
            assert "Only a coordinator can extend the deadline." in refused.value.messages[0]
            services.call_extend(call=call, closes_at=call.closes_at + datetime.timedelta(days=7), by=coordinator)
            ready_proposal.refresh_from_db()
            assert services.proposal_submit(proposal=ready_proposal, by=author).status == ProposalStatus.SUBMITTED
        call.refresh_from_db()
        assert call.was_extended

    def test_submitting_twice_is_a_wrong_step(self, ready_proposal, author):
        services.proposal_submit(proposal=ready_proposal, by=author)
        with pytest.raises(ValidationError) as refused:
            services.proposal_submit(proposal=ready_proposal, by=author)
        assert refused.value.messages == ["This proposal is submitted; it can be submitted only when it is draft."]


class TestReviewAndDecision:
    @pytest.fixture
    def submitted(self, ready_proposal, author):
        return services.proposal_submit(proposal=ready_proposal, by=author)

    def test_the_first_reviewer_starts_the_review_and_gets_an_e_mail(
        self, submitted, coordinator, outsider, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            assignment = services.review_assign(proposal=submitted, reviewer=outsider, by=coordinator)
        submitted.refresh_from_db()
        assert submitted.status == ProposalStatus.UNDER_REVIEW
        assert (assignment.reviewer, assignment.assigned_by) == (outsider, coordinator)
        assert mail.outbox[-1].to == [outsider.email]
        assert mail.outbox[-1].subject == "Please review: Kuy voices: a performance and an exhibition"

    @pytest.mark.parametrize(
        ("who", "message"),
        [
            ("author", "Srey Leak is a co-author of this proposal and cannot review it."),
            ("cop_member", "Kosal Chea is a member of CoP-IP, which proposes this, and cannot review it."),
        ],
    )
    def test_authors_and_members_of_the_proposing_community_cannot_review(
        self, request, submitted, coordinator, who, message
    ):
        with pytest.raises(ValidationError) as refused:
            services.review_assign(proposal=submitted, reviewer=request.getfixturevalue(who), by=coordinator)
        assert refused.value.message_dict == {"reviewer": [message]}
        assert not submitted.review_assignments.exists()

    def test_a_reviewer_scores_every_criterion(self, submitted, coordinator, outsider):
        assignment = services.review_assign(proposal=submitted, reviewer=outsider, by=coordinator)
        relevance, feasibility = submitted.call.criteria.all()
        with pytest.raises(ValidationError) as refused:
            services.review_submit(
                assignment=assignment,
                by=outsider,
                scores={relevance.pk: 6},
                comment_for_coordinators="",
                comment_for_authors="",
            )
        assert refused.value.message_dict == {
            f"criterion_{relevance.pk}": ["The score must be from 0 to 5."],
            f"criterion_{feasibility.pk}": ["Give a score for “Feasibility”."],
        }
        services.review_submit(
            assignment=assignment,
            by=outsider,
            scores={relevance.pk: 4, feasibility.pk: 3},
            comment_for_coordinators="Strong.",
            comment_for_authors="Add a reflection.",
        )
        assignment.refresh_from_db()
        assert sorted(assignment.scores.values_list("score", flat=True)) == [3, 4]
        assert assignment.submitted_at is not None

    def test_revisions_then_resubmission_then_approval_freezes_the_baseline(
        self, submitted, author, coordinator, outsider, django_capture_on_commit_callbacks
    ):
        services.review_assign(proposal=submitted, reviewer=outsider, by=coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            services.proposal_request_revisions(proposal=submitted, by=coordinator, message="Add a reflection.")
        assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.REVISIONS_REQUESTED
        assert sorted(m.to[0] for m in mail.outbox[-2:]) == ["norah@llc.example", "srey@cipl.example"]
        assert "Add a reflection." in mail.outbox[-1].body
        resubmitted = services.proposal_resubmit(proposal=submitted, by=author)
        assert resubmitted.status == ProposalStatus.RESUBMITTED
        assert resubmitted.versions.get(number=resubmitted.version).kind == VersionKind.RESUBMITTED
        with django_capture_on_commit_callbacks(execute=True):
            approved = services.proposal_approve(proposal=resubmitted, by=coordinator, message="Approved.")
        assert approved.status == ProposalStatus.APPROVED
        assert mail.outbox[-1].subject == "Approved: Kuy voices: a performance and an exhibition"
        baseline = list(
            BaselineLine.objects.filter(proposal=approved).values_list("description", "rate", "approved_amount")
        )
        assert baseline == [
            ("Hall for the performance", Decimal("1.000000"), Decimal("150.00")),
            ("Exhibition panels", Decimal("4100.000000"), Decimal("500.00")),
        ]
        assert [c.to_status for c in approved.status_changes.all()] == [
            "submitted",
            "under_review",
            "revisions_requested",
            "resubmitted",
            "approved",
        ]

    def test_a_decision_needs_a_message(self, submitted, coordinator, outsider):
        services.review_assign(proposal=submitted, reviewer=outsider, by=coordinator)
        with pytest.raises(ValidationError) as refused:
            services.proposal_reject(proposal=submitted, by=coordinator, message="  ")
        assert refused.value.message_dict == {
            "message": ["Write a message to the authors: they read it with the decision."]
        }

    def test_a_draft_cannot_be_decided(self, proposal, coordinator):
        with pytest.raises(ValidationError) as refused:
            services.proposal_approve(proposal=proposal, by=coordinator, message="Yes")
        assert refused.value.messages == [
            "This proposal is draft; it can be approved only when it is under review or resubmitted."
        ]

    def test_withdrawal_before_a_decision_only(self, submitted, author, coordinator, outsider):
        services.review_assign(proposal=submitted, reviewer=outsider, by=coordinator)
        services.proposal_withdraw(proposal=submitted, by=author, message="We merged it with another.")
        assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.WITHDRAWN
        with pytest.raises(ValidationError, match="can be withdrawn only when"):
            services.proposal_withdraw(proposal=submitted, by=author)

    @pytest.mark.parametrize(
        ("message", "refusal"),
        [
            ("a\x00b", "Null characters are not allowed."),
            ("x" * 5001, "Write at most 5,000 characters (this has 5,001)."),
        ],
    )
    def test_a_message_postgresql_cannot_hold_or_too_long_is_refused(self, submitted, author, message, refusal):
        with pytest.raises(ValidationError) as refused:
            services.proposal_withdraw(proposal=submitted, by=author, message=message)
        assert refused.value.messages == [refusal]
        assert Proposal.objects.get(pk=submitted.pk).status == ProposalStatus.SUBMITTED


class TestAfterApproval:
    @pytest.fixture
    def approved(self, ready_proposal, author, coordinator, outsider):
        services.proposal_submit(proposal=ready_proposal, by=author)
        services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")

    def expense(self, approved, author, **changes):
        fields = {
            "proposal": approved,
            "line": approved.baseline_lines.get(description="Exhibition panels"),
            "by": author,
            "spent_on": datetime.date.today(),
            "amount": Decimal("2542000"),
            "currency": "KHR",
            "rate": Decimal("4100"),
            "description": "20 panels",
        }
        return services.expense_record(**(fields | changes))

    def test_an_expense_in_riel_is_converted_at_its_own_rate(self, approved, author):
        expense = self.expense(approved, author)
        assert expense.amount_in_call_currency == Decimal("620.00")

    def test_an_expense_in_the_calls_currency_needs_no_rate(self, approved, author):
        expense = self.expense(approved, author, amount=Decimal("12.5"), currency="USD", rate=None)
        assert (expense.rate, expense.amount_in_call_currency) == (Decimal(1), Decimal("12.50"))

    @pytest.mark.parametrize(
        ("changes", "errors"),
        [
            ({"amount": Decimal("0")}, {"amount": ["The amount must be more than zero."]}),
            ({"rate": None}, {"rate": ["Enter the exchange rate of the day: how many KHR made 1 USD."]}),
            ({"rate": Decimal("0")}, {"rate": ["The exchange rate must be more than zero."]}),
            (
                {"currency": "ABC"},
                {"currency": ["ABC is not a currency we know. Choose one of: USD, KHR, EUR, THB, VND, GBP, AUD."]},
            ),
            (
                {"spent_on": datetime.date.today() + datetime.timedelta(days=2)},
                {"spent_on": ["The date cannot be in the future."]},
            ),
        ],
    )
    def test_bad_expenses_are_refused(self, approved, author, changes, errors):
        with pytest.raises(ValidationError) as refused:
            self.expense(approved, author, **changes)
        assert refused.value.message_dict == errors
        assert not approved.expenses.exists()

    def test_no_expense_before_approval(self, ready_proposal, author):
        line = BudgetLineFactory(proposal=ready_proposal)
        with pytest.raises(
            ValidationError, match="can be given expenses only when it is approved or in implementation"
        ):
            services.expense_record(
                proposal=ready_proposal,
                line=line,
                by=author,
                spent_on=datetime.date.today(),
                amount=Decimal("1"),
                currency="USD",
                rate=None,
                description="x",
            )

    def test_progress_report_final_report_and_completion(self, approved, author, coordinator):
        services.proposal_start_implementation(proposal=approved, by=author)
        activity = approved.activities.get()
        report = services.report_submit(
            proposal=approved,
            by=author,
            kind="progress",
            period="March 2024",
            narrative="The performance took place.",
            progress={activity.pk: ("completed", "320 people came")},
        )
        assert list(report.activity_progress.values_list("status", "note")) == [("completed", "320 people came")]
        next_form = ReportForm(proposal=approved, by=author)
        assert next_form.fields[f"activity_{activity.pk}"].initial == "completed"
        with pytest.raises(ValidationError, match="final report is not in yet"):
            services.proposal_complete(proposal=approved, by=coordinator)
        services.report_submit(
            proposal=approved, by=author, kind="final", period="2024", narrative="Done.", progress={}
        )
        with pytest.raises(ValidationError) as refused:
            services.report_submit(
                proposal=approved, by=author, kind="final", period="2024", narrative="Again.", progress={}
            )
        assert refused.value.message_dict == {"kind": ["The final report was already sent."]}
        completed = services.proposal_complete(proposal=approved, by=coordinator)
        assert completed.status == ProposalStatus.COMPLETED
        with pytest.raises(ValidationError, match="can be given expenses only"):
            self.expense(completed, author)


def test_a_coordinator_extends_only_to_a_later_deadline(call):
    coordinator = CoordinatorFactory()
    with pytest.raises(ValidationError) as refused:
        services.call_extend(call=call, closes_at=call.closes_at - datetime.timedelta(hours=1), by=coordinator)
    assert "must be later than the current one" in refused.value.message_dict["closes_date"][0]
    first = call.closes_at
    services.call_extend(call=call, closes_at=first + datetime.timedelta(days=3), by=coordinator)
    services.call_extend(call=call, closes_at=first + datetime.timedelta(days=9), by=coordinator)
    call.refresh_from_db()
    assert (call.original_closes_at, call.closes_at) == (first, first + datetime.timedelta(days=9))
