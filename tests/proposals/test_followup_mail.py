"""After approval, people hear when something needs them: coordinators of a budget revision to decide and of an
answer about an expense; the co-authors still in the community of a decision on their revision and of an expense
queried or rejected."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError

from communities.models import Membership
from communities.services import membership_leave
from proposals import services
from proposals.enums import ExpenseCheck
from tests.factories import CoordinatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(ready_proposal, author, coordinator, outsider):
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")


@pytest.fixture
def coordinators(coordinator):
    """Two active coordinators with addresses, and one who no longer works here."""
    coordinator.email = "sokha@llc.example"
    coordinator.save(update_fields=["email"])
    CoordinatorFactory(display_name="Dara Coordinator", email="dara@llc.example")
    CoordinatorFactory(display_name="Gone Coordinator", email="gone@llc.example", is_active=False)
    return ["dara@llc.example", "sokha@llc.example"]


@pytest.fixture
def left(approved, cop_member):
    """A co-author who has left the proposing community since."""
    approved.authors.add(cop_member)
    membership_leave(membership=Membership.objects.get(person=cop_member, community=approved.community), by=cop_member)
    cop_member.email = "kosal@cipl.example"
    cop_member.save(update_fields=["email"])
    return cop_member


@pytest.fixture
def hall(approved):
    return approved.baseline_lines.get(description="Hall for the performance")


@pytest.fixture
def panels(approved):
    return approved.baseline_lines.get(description="Exhibition panels")


def ask(proposal, by, panels, hall, amount="120"):
    return services.budget_revision_request(
        proposal=proposal,
        by=by,
        from_line=panels,
        to_line=hall,
        amount=Decimal(amount),
        reason="The hall costs more than quoted.",
    )


@pytest.fixture
def expense(approved, panels, author):
    return services.expense_record(
        proposal=approved,
        line=panels,
        by=author,
        spent_on=datetime.date.today(),
        amount=Decimal("410000"),
        currency="KHR",
        rate=Decimal("4100"),
        description="Panel printing",
    )


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


AUTHORS = ["norah@llc.example", "srey@cipl.example"]


class TestBudgetRevisions:
    def test_a_request_tells_every_active_coordinator_with_the_reason_and_a_link_to_decide(
        self, approved, author, panels, hall, coordinators, left, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            revision = ask(approved, author, panels, hall)
        assert recipients() == coordinators
        message = mail.outbox[0]
        assert message.subject == "Budget revision to decide: Kuy voices: a performance and an exhibition"
        assert "Srey Leak of CoP-IP asks to change the approved budget" in message.body
        assert "The hall costs more than quoted." in message.body
        link = f"{settings.SITE_URL}/proposals/{approved.pk}/budget/revisions/{revision.pk}/"
        assert link in message.body
        assert f'href="{link}"' in message.alternatives[0][0]

    def test_a_refused_request_sends_nothing(
        self, approved, author, panels, hall, coordinators, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            ask(approved, author, panels, hall, amount="600")  # the panels hold 500
        assert mail.outbox == []

    def test_someone_who_is_not_a_co_author_cannot_ask_and_nobody_hears(
        self, approved, panels, hall, outsider, coordinators, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            ask(approved, outsider, panels, hall)
        assert mail.outbox == []

    def test_an_approval_tells_the_co_authors_still_in_the_community(
        self, approved, author, coordinator, panels, hall, left, django_capture_on_commit_callbacks
    ):
        revision = ask(approved, author, panels, hall)
        with django_capture_on_commit_callbacks(execute=True):
            services.budget_revision_approve(revision=revision, by=coordinator, reason="Fine, the quote is clear.")
        assert recipients() == AUTHORS  # not the co-author who left, nor the coordinators
        message = mail.outbox[0]
        assert message.subject == "Budget revision approved: Kuy voices: a performance and an exhibition"
        assert "Sokha Coordinator approved your request" in message.body
        assert "Fine, the quote is clear." in message.body
        assert f"{settings.SITE_URL}/proposals/{approved.pk}/budget/revisions/{revision.pk}/" in message.body

    def test_a_refusal_tells_the_co_authors_why(
        self, approved, author, coordinator, panels, hall, left, django_capture_on_commit_callbacks
    ):
        revision = ask(approved, author, panels, hall)
        with django_capture_on_commit_callbacks(execute=True):
            services.budget_revision_refuse(revision=revision, by=coordinator, reason="Keep the panels as planned.")
        assert recipients() == AUTHORS
        message = mail.outbox[0]
        assert message.subject == "Budget revision refused: Kuy voices: a performance and an exhibition"
        assert "Keep the panels as planned." in message.body
        assert "Keep the panels as planned." in message.alternatives[0][0]

    def test_a_co_author_cannot_decide_and_nobody_hears(
        self, approved, author, co_author, panels, hall, django_capture_on_commit_callbacks
    ):
        revision = ask(approved, author, panels, hall)
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError):
                services.budget_revision_approve(revision=revision, by=co_author)
            with pytest.raises(ValidationError):
                services.budget_revision_refuse(revision=revision, by=co_author, reason="No.")
        assert mail.outbox == []

    def test_a_refusal_without_a_reason_or_a_second_decision_sends_nothing(
        self, approved, author, coordinator, panels, hall, django_capture_on_commit_callbacks
    ):
        revision = ask(approved, author, panels, hall)
        services.budget_revision_approve(revision=revision, by=coordinator)  # not captured: no mail
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(ValidationError):
                services.budget_revision_refuse(revision=revision, by=coordinator, reason=" ")
            with pytest.raises(ValidationError):
                services.budget_revision_refuse(revision=revision, by=coordinator, reason="Too late.")
        assert mail.outbox == []

    def test_a_withdrawal_tells_nobody(self, approved, author, panels, hall, django_capture_on_commit_callbacks):
        revision = ask(approved, author, panels, hall)
        with django_capture_on_commit_callbacks(execute=True):
            services.budget_revision_withdraw(revision=revision, by=author)
        assert mail.outbox == []


class TestExpenseSignOff:
    def test_a_query_tells_the_co_authors_the_question_with_a_link_to_answer(
        self, approved, expense, coordinator, coordinators, left, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
        assert recipients() == AUTHORS
        message = mail.outbox[0]
        assert message.subject == "A question about an expense: Kuy voices: a performance and an exhibition"
        assert "Sokha Coordinator has a question about the expense “Panel printing” (410,000 KHR)" in message.body
        assert "Which shop?" in message.body
        link = f"{settings.SITE_URL}/proposals/{approved.pk}/spending/{expense.pk}/answer/"
        assert link in message.body
        assert f'href="{link}"' in message.alternatives[0][0]

    def test_a_rejection_tells_the_co_authors_the_reason(
        self, approved, expense, coordinator, left, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.expense_check(
                expense=expense, by=coordinator, outcome=ExpenseCheck.REJECTED, note="Not in the budget."
            )
        assert recipients() == AUTHORS
        message = mail.outbox[0]
        assert message.subject == "Expense rejected: Kuy voices: a performance and an exhibition"
        assert "Not in the budget." in message.body
        assert f"{settings.SITE_URL}/proposals/{approved.pk}/spending/" in message.body

    def test_an_acceptance_tells_nobody(self, expense, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.ACCEPTED)
        assert mail.outbox == []

    def test_a_co_author_cannot_sign_off_and_nobody_hears(
        self, expense, author, co_author, coordinators, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            for person in (author, co_author):
                with pytest.raises(ValidationError):
                    services.expense_check(expense=expense, by=person, outcome=ExpenseCheck.REJECTED, note="Mine.")
            with pytest.raises(ValidationError):
                services.expense_check(expense=expense, by=UserFactory(), outcome=ExpenseCheck.QUERIED, note="?")
        assert mail.outbox == []

    def test_a_query_without_a_question_sends_nothing(self, expense, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="")
        assert mail.outbox == []

    def test_an_answer_tells_the_coordinators_with_a_link_to_check_again(
        self, approved, expense, author, coordinator, coordinators, django_capture_on_commit_callbacks
    ):
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
        with django_capture_on_commit_callbacks(execute=True):
            services.expense_answer(expense=expense, by=author, answer="The print shop near the market.")
        assert recipients() == coordinators  # not the co-authors
        message = mail.outbox[0]
        assert message.subject == "An answer about an expense: Kuy voices: a performance and an exhibition"
        assert "Srey Leak of CoP-IP answered the question about the expense “Panel printing”" in message.body
        assert "The print shop near the market." in message.body
        link = f"{settings.SITE_URL}/proposals/{approved.pk}/spending/{expense.pk}/check/"
        assert link in message.body
        assert f'href="{link}"' in message.alternatives[0][0]

    def test_an_answer_from_someone_who_may_not_or_to_no_question_sends_nothing(
        self, expense, author, coordinator, left, coordinators, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            services.expense_answer(expense=expense, by=author, answer="Nobody asked.")  # not queried
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
        with django_capture_on_commit_callbacks(execute=True):
            for person in (left, coordinator):
                with pytest.raises(ValidationError):
                    services.expense_answer(expense=expense, by=person, answer="The market.")
        assert mail.outbox == []


def test_each_co_author_reads_the_query_in_their_language(
    approved, expense, coordinator, co_author, django_capture_on_commit_callbacks
):
    co_author.language = "km"
    co_author.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.QUERIED, note="Which shop?")
    html = {message.to[0]: message.alternatives[0][0] for message in mail.outbox}
    assert "ឆ្លើយសំណួរ" in html["norah@llc.example"]
    assert "Answer the question" in html["srey@cipl.example"]
    assert "ឆ្លើយសំណួរ" not in html["srey@cipl.example"]
