"""Expenses are corrected or voided with a reason, and their history keeps what they said before."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.enums import ExpenseChangeKind, ProposalStatus
from proposals.models import Expense, Proposal
from proposals.selectors import baseline_with_spending

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")


@pytest.fixture
def panels(approved):
    return approved.baseline_lines.get(description="Exhibition panels")


@pytest.fixture
def expense(approved, panels, author):
    return services.expense_record(
        proposal=approved,
        line=panels,
        by=author,
        spent_on=datetime.date.today(),
        amount=Decimal("2542000"),
        currency="KHR",
        rate=Decimal("4100"),
        description="20 panels",
    )


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def spent(proposal) -> Decimal:
    return sum((line.spent for line in baseline_with_spending(proposal=proposal)), Decimal(0))


def corrected(expense, by, **changes):
    fields = {
        "line": expense.line,
        "spent_on": expense.spent_on,
        "amount": expense.amount,
        "currency": expense.currency,
        "rate": expense.rate,
        "description": expense.description,
        "reason": "The receipt says 2,050,000 riel.",
    }
    return services.expense_correct(expense=expense, by=by, **(fields | changes))


class TestCorrecting:
    def test_a_correction_changes_the_expense_and_keeps_what_it_said_before(self, approved, expense, author):
        corrected(expense, author, amount=Decimal("2050000"))

        expense.refresh_from_db()
        assert (expense.amount, expense.amount_in_call_currency) == (Decimal("2050000.00"), Decimal("500.00"))
        change = expense.changes.get()
        assert (change.kind, change.reason, change.changed_by) == (
            ExpenseChangeKind.CORRECTED,
            "The receipt says 2,050,000 riel.",
            author,
        )
        assert change.before == {"amount": "2542000.00", "amount_in_call_currency": "620.00"}
        assert change.after == {"amount": "2050000.00", "amount_in_call_currency": "500.00"}
        assert change.corrections() == [("amount", "2542000.00", "2050000.00")]
        assert spent(approved) == Decimal("500.00")

    def test_a_correction_needs_a_reason_and_a_change(self, expense, author):
        with pytest.raises(ValidationError) as refused:
            corrected(expense, author, amount=Decimal("1"), reason="  ")
        assert refused.value.message_dict == {"reason": ["Say why, for the expense's history."]}
        with pytest.raises(ValidationError) as refused:
            corrected(expense, author)
        assert refused.value.messages == ["Nothing was changed."]
        assert not expense.changes.exists()

    def test_a_correction_is_checked_like_a_new_expense(self, expense, author):
        with pytest.raises(ValidationError) as refused:
            corrected(expense, author, amount=Decimal("0"))
        assert refused.value.message_dict == {"amount": ["The amount must be more than zero."]}
        expense.refresh_from_db()
        assert expense.amount == Decimal("2542000.00")

    def test_a_coordinator_corrects_through_the_page(self, approved, expense, panels, coordinator):
        url = reverse("proposals:expense_correct", args=[approved.pk, expense.pk])
        client = browser(coordinator)
        assert 'value="20 panels"' in client.get(url).content.decode()

        response = client.post(
            url,
            {
                "line": panels.pk,
                "spent_on": expense.spent_on.isoformat(),
                "amount": "2542000",
                "currency": "KHR",
                "rate": "4100",
                "description": "20 exhibition panels",
                "reason": "Clearer description.",
            },
        )

        assert response.status_code == 302
        expense.refresh_from_db()
        assert expense.description == "20 exhibition panels"
        page = client.get(reverse("proposals:expense_list", args=[approved.pk])).content.decode()
        assert "Clearer description." in page
        assert "<del>20 panels</del> → <ins>20 exhibition panels</ins>" in page


class TestVoiding:
    def test_a_void_expense_stays_listed_with_its_reason_and_no_longer_counts(self, approved, expense, author):
        assert spent(approved) == Decimal("620.00")

        services.expense_void(expense=expense, by=author, reason="Recorded twice.")

        expense.refresh_from_db()
        assert expense.is_void
        assert (expense.voided_by, expense.void_reason) == (author, "Recorded twice.")
        assert spent(approved) == Decimal("0")
        change = expense.changes.get()
        assert (change.kind, change.reason, change.before["amount"]) == (
            ExpenseChangeKind.VOIDED,
            "Recorded twice.",
            "2542000.00",
        )
        response = browser(author).get(reverse("proposals:expense_list", args=[approved.pk]))
        page = response.content.decode()
        assert "<del>20 panels</del>" in page
        assert "Recorded twice." in page
        assert response.context["report"].overall.spent == Decimal("0")

    def test_a_void_expense_cannot_be_voided_or_corrected_again(self, expense, author):
        services.expense_void(expense=expense, by=author, reason="Recorded twice.")
        with pytest.raises(ValidationError, match="This expense was voided"):
            services.expense_void(expense=expense, by=author, reason="Again.")
        with pytest.raises(ValidationError, match="This expense was voided"):
            corrected(expense, author, amount=Decimal("1"))
        assert expense.changes.count() == 1

    def test_voiding_needs_a_reason(self, approved, expense, author):
        response = browser(author).post(reverse("proposals:expense_void", args=[approved.pk, expense.pk]), {})
        assert response.status_code == 200
        assert not Expense.objects.get(pk=expense.pk).is_void


class TestWhoMay:
    def test_co_authors_and_coordinators_may_a_community_member_may_not(
        self, approved, expense, author, co_author, coordinator, cop_member
    ):
        url = reverse("proposals:expense_void", args=[approved.pk, expense.pk])
        assert browser(cop_member).post(url, {"reason": "No."}).status_code == 403
        assert (
            browser(cop_member).get(reverse("proposals:expense_correct", args=[approved.pk, expense.pk])).status_code
            == 403
        )
        for person in (author, co_author, coordinator):
            assert browser(person).get(url).status_code == 200
        assert not Expense.objects.get(pk=expense.pk).is_void

    def test_not_after_the_project_is_completed(self, approved, expense, author):
        Proposal.objects.filter(pk=approved.pk).update(status=ProposalStatus.COMPLETED)
        url = reverse("proposals:expense_void", args=[approved.pk, expense.pk])
        assert browser(author).post(url, {"reason": "Late."}).status_code == 403
        with pytest.raises(ValidationError, match="can be given expenses only when"):
            services.expense_void(expense=expense, by=author, reason="Late.")
