"""A coordinator accepts, queries or rejects each expense; only accepted expenses count as spent."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals import services
from proposals.enums import ExpenseChangeKind, ExpenseCheck
from proposals.selectors import baseline_with_spending
from proposals.views.tracking import _spending

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")


@pytest.fixture
def panels(approved):
    return approved.baseline_lines.get(description="Exhibition panels")


def record(proposal, line, by, amount="410000", description="Panel printing"):
    return services.expense_record(
        proposal=proposal,
        line=line,
        by=by,
        spent_on=datetime.date.today(),
        amount=Decimal(amount),
        currency="KHR",
        rate=Decimal("4100"),
        description=description,
    )


@pytest.fixture
def expense(approved, panels, author):
    return record(approved, panels, author)


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def check_url(expense):
    return reverse("proposals:expense_check", args=[expense.proposal_id, expense.pk])


class TestTotals:
    def test_only_accepted_expenses_count_as_spent_and_the_rest_shows_as_not_checked(
        self, approved, panels, expense, author, coordinator
    ):
        second = record(approved, panels, author, amount="205000", description="Glue")
        third = record(approved, panels, author, amount="82000", description="Tape")
        report = _spending(approved)
        assert (report.overall.spent, report.overall.claimed) == (Decimal("0.00"), Decimal("170.00"))

        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.ACCEPTED)
        services.expense_check(expense=second, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
        services.expense_check(expense=third, by=coordinator, outcome=ExpenseCheck.REJECTED, note="Not in budget.")

        report = _spending(approved)
        assert (report.overall.spent, report.overall.claimed) == (Decimal("100.00"), Decimal("50.00"))
        [(line, row)] = [(line, row) for line, row in report.lines if line.pk == panels.pk]
        assert (row.approved, row.spent, row.claimed, row.variance) == (
            Decimal("500.00"),
            Decimal("100.00"),
            Decimal("50.00"),
            Decimal("400.00"),
        )

    def test_the_spending_page_keeps_its_query_count_with_many_checked_expenses(
        self, approved, panels, author, coordinator
    ):
        client = browser(coordinator)
        url = reverse("proposals:expense_list", args=[approved.pk])
        first = record(approved, panels, author)
        services.expense_check(expense=first, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Receipt?")
        client.get(url)
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        for number in range(8):
            extra = record(approved, panels, author, description=f"Item {number}")
            services.expense_check(expense=extra, by=coordinator, outcome=ExpenseCheck.REJECTED, note="No.")
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).status_code == 200
        assert len(many) == len(one)


class TestChecking:
    def test_a_coordinator_accepts_through_the_page_and_it_is_kept_in_the_history(self, approved, expense, coordinator):
        response = browser(coordinator).post(check_url(expense), {"outcome": "accepted", "note": ""})
        assert response.status_code == 302
        expense.refresh_from_db()
        assert (expense.check_status, expense.checked_by) == (ExpenseCheck.ACCEPTED, coordinator)
        assert list(expense.changes.values_list("kind", "reason")) == [(ExpenseChangeKind.ACCEPTED, "—")]
        page = browser(coordinator).get(reverse("proposals:expense_list", args=[approved.pk])).content.decode()
        assert "Accepted" in page

    def test_a_co_author_never_signs_off_an_expense(self, approved, expense, author, co_author):
        for person in (author, co_author):
            response = browser(person).post(check_url(expense), {"outcome": "accepted"})
            assert response.status_code == 403
            with pytest.raises(ValidationError, match="Only a coordinator can check expenses."):
                services.expense_check(expense=expense, by=person, outcome=ExpenseCheck.ACCEPTED)
        expense.refresh_from_db()
        assert expense.check_status == ExpenseCheck.CLAIMED
        assert not expense.changes.exists()

    def test_a_member_outside_the_project_cannot_open_the_check(self, expense, outsider, client):
        assert browser(outsider).get(check_url(expense)).status_code == 403
        assert client.get(check_url(expense)).status_code == 302

    def test_a_query_or_a_rejection_needs_its_words(self, expense, coordinator):
        for outcome, message in (
            ("queried", "Write the question the co-authors should answer."),
            ("rejected", "Say why the expense is rejected."),
        ):
            response = browser(coordinator).post(check_url(expense), {"outcome": outcome, "note": "  "})
            assert response.status_code == 200
            assert response.context["form"].errors == {"note": [message]}
        expense.refresh_from_db()
        assert expense.check_status == ExpenseCheck.CLAIMED

    def test_a_hostile_outcome_is_refused_on_the_form(self, expense, coordinator):
        response = browser(coordinator).post(check_url(expense), {"outcome": "paid"})
        assert response.status_code == 200
        assert "outcome" in response.context["form"].errors

    def test_the_co_authors_answer_a_question_and_the_expense_waits_for_the_check_again(
        self, approved, expense, author, coordinator, cop_member
    ):
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
        url = reverse("proposals:expense_answer", args=[approved.pk, expense.pk])
        assert browser(cop_member).post(url, {"answer": "The market."}).status_code == 403
        assert browser(coordinator).post(url, {"answer": "The market."}).status_code == 403
        response = browser(author).post(url, {"answer": "Printer Angkor, Siem Reap."})
        assert response.status_code == 302
        expense.refresh_from_db()
        assert expense.check_status == ExpenseCheck.CLAIMED
        assert list(expense.changes.values_list("kind", "reason")) == [
            (ExpenseChangeKind.QUERIED, "Which shop?"),
            (ExpenseChangeKind.ANSWERED, "Printer Angkor, Siem Reap."),
        ]
        with pytest.raises(ValidationError, match="There is no open question"):
            services.expense_answer(expense=expense, by=author, answer="Again.")


class TestAcceptedIsFinal:
    def test_an_accepted_expense_is_not_corrected_and_only_a_coordinator_voids_it(
        self, approved, expense, panels, author, coordinator
    ):
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.ACCEPTED)
        with pytest.raises(ValidationError, match="can no longer be corrected"):
            services.expense_correct(
                expense=expense,
                by=coordinator,
                reason="Typo.",
                line=panels,
                spent_on=expense.spent_on,
                amount=Decimal("1"),
                currency="KHR",
                rate=Decimal("4100"),
                description="Panel printing",
            )
        response = browser(author).post(
            reverse("proposals:expense_void", args=[approved.pk, expense.pk]), {"reason": "Twice."}
        )
        assert response.status_code == 200
        assert "only a coordinator can void it" in response.content.decode()
        expense.refresh_from_db()
        assert not expense.is_void and expense.amount == Decimal("410000.00")
        with pytest.raises(ValidationError, match="accepted already"):
            services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.REJECTED, note="No.")

        services.expense_void(expense=expense, by=coordinator, reason="Refunded by the printer.")
        expense.refresh_from_db()
        assert expense.is_void
        assert sum(line.accepted for line in baseline_with_spending(proposal=approved)) == Decimal("0")

    def test_a_correction_of_a_rejected_expense_sends_it_back_to_the_check(
        self, approved, expense, panels, author, coordinator
    ):
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.REJECTED, note="Wrong line.")
        services.expense_correct(
            expense=expense,
            by=author,
            reason="Right amount.",
            line=panels,
            spent_on=expense.spent_on,
            amount=Decimal("205000"),
            currency="KHR",
            rate=Decimal("4100"),
            description="Panel printing",
        )
        expense.refresh_from_db()
        assert expense.check_status == ExpenseCheck.CLAIMED
