"""After approval, co-authors ask to move money between lines; a coordinator approves or refuses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.enums import ExpenseCheck, RevisionStatus
from proposals.models import BaselineLine, BudgetRevision
from proposals.services.revisions import NewLine
from proposals.views.tracking import _spending
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(ready_proposal, author, coordinator, outsider):
    """Hall 150 USD and panels 500 USD (2,050,000 KHR), under a ceiling of 5,000 USD."""
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")


@pytest.fixture
def hall(approved):
    return approved.baseline_lines.get(description="Hall for the performance")


@pytest.fixture
def panels(approved):
    return approved.baseline_lines.get(description="Exhibition panels")


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def ask(proposal, by, *, from_line, to_line, amount, reason="The hall costs more.", new_line=None):
    return services.budget_revision_request(
        proposal=proposal,
        by=by,
        from_line=from_line,
        to_line=to_line,
        new_line=new_line,
        amount=Decimal(amount),
        reason=reason,
    )


def amounts(proposal):
    return {line.description: line.working_amount for line in BaselineLine.objects.filter(proposal=proposal)}


class TestRequest:
    def test_a_co_author_asks_through_the_page_and_sees_the_effect_on_each_line_and_the_total(
        self, approved, hall, panels, author
    ):
        client = browser(author)
        response = client.post(
            reverse("proposals:budget_revision_create", args=[approved.pk]),
            {"from_line": panels.pk, "to_line": hall.pk, "amount": "120", "reason": "The hall costs more."},
        )
        revision = BudgetRevision.objects.get()
        assert response.status_code == 302
        assert response.url == revision.get_absolute_url()
        assert [(c.description, c.amount_before, c.amount_after) for c in revision.changes.all()] == [
            ("Exhibition panels", Decimal("500.00"), Decimal("380.00")),
            ("Hall for the performance", Decimal("150.00"), Decimal("270.00")),
        ]
        page = client.get(revision.get_absolute_url())
        effect = page.context["effect"]
        assert (effect["total_before"], effect["total_after"], effect["ceiling"]) == (
            Decimal("650.00"),
            Decimal("650.00"),
            Decimal("5000.00"),
        )
        assert "-120.00" in page.content.decode() and "+120.00" in page.content.decode()
        # Nothing changes until a coordinator approves.
        assert amounts(approved) == {
            "Hall for the performance": Decimal("150.00"),
            "Exhibition panels": Decimal("500.00"),
        }

    def test_moving_more_than_a_line_holds_is_refused_with_what_it_holds(self, approved, hall, panels, author):
        response = browser(author).post(
            reverse("proposals:budget_revision_create", args=[approved.pk]),
            {"from_line": hall.pk, "to_line": panels.pk, "amount": "150.01", "reason": "More panels."},
        )
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "amount": [
                "“Hall for the performance” holds 150.00 USD, of which 0.00 USD is spent: "
                "you can move at most 150.00 USD from it."
            ]
        }
        assert not BudgetRevision.objects.exists()

    def test_money_already_accepted_as_spent_cannot_be_moved(self, approved, hall, panels, author, coordinator):
        expense = services.expense_record(
            proposal=approved,
            line=hall,
            by=author,
            spent_on=datetime.date.today(),
            amount=Decimal("100"),
            currency="USD",
            rate=None,
            description="Deposit",
        )
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.ACCEPTED)
        with pytest.raises(ValidationError) as refused:
            ask(approved, author, from_line=hall, to_line=panels, amount="60")
        assert "you can move at most 50.00 USD" in refused.value.message_dict["amount"][0]

    @pytest.mark.parametrize(
        ("amount", "message"),
        [
            ("0", "The amount to move must be more than zero."),
            ("-5", "The amount to move must be more than zero."),
            ("1e20", "Ensure that there are no more than 14 digits in total."),
            ("12,5", "Enter a number."),
            ("²", "Enter a number."),
            ("", "This field is required."),
        ],
    )
    def test_a_wrong_amount_gets_a_clear_message_and_saves_nothing(
        self, approved, hall, panels, author, amount, message
    ):
        response = browser(author).post(
            reverse("proposals:budget_revision_create", args=[approved.pk]),
            {"from_line": panels.pk, "to_line": hall.pk, "amount": amount, "reason": "Why not."},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["amount"] == [message]
        assert not BudgetRevision.objects.exists()

    def test_khmer_digits_are_read_as_the_number_they_write(self, approved, hall, panels, author):
        response = browser(author).post(
            reverse("proposals:budget_revision_create", args=[approved.pk]),
            {"from_line": panels.pk, "to_line": hall.pk, "amount": "១០០", "reason": "Why not."},
        )
        assert response.status_code == 302
        assert BudgetRevision.objects.get().changes.get(line=hall).amount_after == Decimal("250.00")

    def test_a_line_of_another_proposal_is_refused(self, approved, hall, author):
        other = BaselineLine.objects.create(
            proposal=services.proposal_create(call=approved.call, community=approved.community, title="X", by=author),
            category="venue",
            description="Elsewhere",
            unit="day",
            quantity=1,
            unit_cost=10,
            currency="USD",
            rate=1,
            approved_amount=10,
        )
        response = browser(author).post(
            reverse("proposals:budget_revision_create", args=[approved.pk]),
            {"from_line": other.pk, "to_line": hall.pk, "amount": "5", "reason": "Why not."},
        )
        assert response.status_code == 200
        assert "from_line" in response.context["form"].errors
        assert not BudgetRevision.objects.exists()

    def test_a_new_line_needs_its_description_and_growing_the_total_stops_at_the_ceiling(self, approved, hall, author):
        with pytest.raises(ValidationError) as refused:
            ask(approved, author, from_line=hall, to_line=None, amount="10", new_line=NewLine("other", " "))
        assert refused.value.message_dict == {"new_description": ["Describe the new line."]}
        with pytest.raises(ValidationError) as refused:
            ask(approved, author, from_line=None, to_line=None, amount="4350.01", new_line=NewLine("other", "Radio"))
        assert refused.value.message_dict["amount"] == [
            "The budget would grow to 5,000.01 USD, over the call's ceiling of 5,000.00 USD. "
            "Move money from another line instead."
        ]
        revision = ask(
            approved, author, from_line=None, to_line=None, amount="4350", new_line=NewLine("other", "Radio")
        )
        assert revision.changes.get().amount_after == Decimal("4350.00")

    def test_a_second_request_waits_until_the_first_is_decided_or_withdrawn(
        self, approved, hall, panels, author, co_author
    ):
        first = ask(approved, author, from_line=panels, to_line=hall, amount="10")
        with pytest.raises(ValidationError, match="waits for a coordinator's decision"):
            ask(approved, co_author, from_line=hall, to_line=panels, amount="5")
        page = browser(co_author).get(reverse("proposals:budget_revision_create", args=[approved.pk]))
        assert page.context["pending"] == first
        assert '<form method="post" class="card"' not in page.content.decode()
        browser(co_author).post(reverse("proposals:budget_revision_withdraw", args=[approved.pk, first.pk]))
        first.refresh_from_db()
        assert first.status == RevisionStatus.WITHDRAWN
        assert ask(approved, co_author, from_line=hall, to_line=panels, amount="5").is_pending

    def test_who_may_ask(self, approved, hall, panels, coordinator, cop_member, outsider):
        url = reverse("proposals:budget_revision_create", args=[approved.pk])
        data = {"from_line": panels.pk, "to_line": hall.pk, "amount": "10", "reason": "Why."}
        for person in (coordinator, cop_member, outsider):
            assert browser(person).post(url, data).status_code == 403
        assert not BudgetRevision.objects.exists()


class TestDecision:
    def test_an_approved_revision_becomes_the_working_budget_and_the_baseline_stays(
        self, approved, hall, panels, author, coordinator
    ):
        revision = ask(approved, author, from_line=panels, to_line=hall, amount="120")
        response = browser(coordinator).post(
            reverse("proposals:budget_revision_decide", args=[approved.pk, revision.pk]),
            {"decision": "approve", "reason": ""},
        )
        assert response.status_code == 302
        revision.refresh_from_db()
        approved.refresh_from_db()
        assert (revision.status, revision.number, approved.budget_revision) == (RevisionStatus.APPROVED, 1, 1)
        assert amounts(approved) == {
            "Hall for the performance": Decimal("270.00"),
            "Exhibition panels": Decimal("380.00"),
        }
        report = _spending(approved)
        rows = {line.description: row for line, row in report.lines}
        assert (rows["Hall for the performance"].approved, rows["Hall for the performance"].budget) == (
            Decimal("150.00"),
            Decimal("270.00"),
        )
        assert (report.overall.approved, report.overall.budget, report.overall.is_revised) == (
            Decimal("650.00"),
            Decimal("650.00"),
            False,
        )
        page = browser(author).get(reverse("proposals:expense_list", args=[approved.pk])).content.decode()
        assert "270.00" in page and "380.00" in page

    def test_an_approved_new_line_takes_expenses_with_no_baseline(self, approved, hall, author, coordinator):
        revision = ask(
            approved,
            author,
            from_line=hall,
            to_line=None,
            amount="50",
            new_line=NewLine("communication", "Radio spots"),
        )
        services.budget_revision_approve(revision=revision, by=coordinator)
        radio = approved.baseline_lines.get(description="Radio spots")
        assert (radio.approved_amount, radio.working_amount, radio.added_by) == (
            Decimal("0"),
            Decimal("50.00"),
            revision,
        )

    def test_a_refusal_needs_a_reason_and_changes_nothing(self, approved, hall, panels, author, coordinator):
        revision = ask(approved, author, from_line=panels, to_line=hall, amount="120")
        url = reverse("proposals:budget_revision_decide", args=[approved.pk, revision.pk])
        response = browser(coordinator).post(url, {"decision": "refuse", "reason": " "})
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "reason": ["Say why the request is refused; the co-authors read it."]
        }
        browser(coordinator).post(url, {"decision": "refuse", "reason": "Print fewer panels instead."})
        revision.refresh_from_db()
        assert (revision.status, revision.decision_reason) == (RevisionStatus.REFUSED, "Print fewer panels instead.")
        assert amounts(approved)["Hall for the performance"] == Decimal("150.00")
        with pytest.raises(ValidationError, match="This request was refused already."):
            services.budget_revision_approve(revision=revision, by=coordinator)

    def test_a_stale_request_is_not_approved(self, approved, hall, panels, author, coordinator):
        revision = ask(approved, author, from_line=hall, to_line=panels, amount="100")
        expense = services.expense_record(
            proposal=approved,
            line=hall,
            by=author,
            spent_on=datetime.date.today(),
            amount=Decimal("80"),
            currency="USD",
            rate=None,
            description="Deposit",
        )
        services.expense_check(expense=expense, by=coordinator, outcome=ExpenseCheck.ACCEPTED)
        page = browser(coordinator).get(revision.get_absolute_url())
        assert page.context["effect"]["stale"] == [
            "“Hall for the performance” has more accepted spending now than the request leaves it."
        ]
        with pytest.raises(ValidationError) as refused:
            services.budget_revision_approve(revision=revision, by=coordinator)
        assert refused.value.messages[-1].startswith("The request no longer fits the budget")
        assert amounts(approved)["Hall for the performance"] == Decimal("150.00")
        revision.refresh_from_db()
        assert revision.is_pending

    def test_only_a_coordinator_decides(self, approved, hall, panels, author, co_author):
        outsider = UserFactory(display_name="Not in the project")
        revision = ask(approved, author, from_line=panels, to_line=hall, amount="10")
        url = reverse("proposals:budget_revision_decide", args=[approved.pk, revision.pk])
        for person in (author, co_author, outsider):
            assert browser(person).post(url, {"decision": "approve"}).status_code == 403
        with pytest.raises(ValidationError, match="Only a coordinator"):
            services.budget_revision_approve(revision=revision, by=author)
        revision.refresh_from_db()
        assert revision.is_pending
        page = browser(author).get(revision.get_absolute_url())
        assert page.status_code == 200 and page.context["form"] is None
        assert browser(outsider).get(revision.get_absolute_url()).status_code == 403

    def test_the_list_shows_every_request_in_a_flat_number_of_queries(
        self, approved, hall, panels, author, coordinator
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = browser(coordinator)
        url = reverse("proposals:budget_revision_list", args=[approved.pk])
        services.budget_revision_refuse(
            revision=ask(approved, author, from_line=panels, to_line=hall, amount="1"), by=coordinator, reason="No."
        )
        client.get(url)
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        for _ in range(5):
            services.budget_revision_approve(
                revision=ask(approved, author, from_line=panels, to_line=hall, amount="1"), by=coordinator
            )
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(response.context["revisions"]) == 6
        assert len(many) == len(one)


class TestWhoSees:
    def test_the_list_is_for_those_who_see_the_spending(self, approved, author, coordinator, cop_member):
        url = reverse("proposals:budget_revision_list", args=[approved.pk])
        for person in (author, coordinator, cop_member):
            assert browser(person).get(url).status_code == 200
        assert browser(UserFactory(display_name="Not in the project")).get(url).status_code == 403
        assert Client().get(url).status_code == 302

    def test_only_a_co_author_withdraws_a_request(self, approved, hall, panels, author, coordinator, cop_member):
        revision = ask(approved, author, from_line=panels, to_line=hall, amount="10")
        url = reverse("proposals:budget_revision_withdraw", args=[approved.pk, revision.pk])
        for person in (coordinator, cop_member):
            assert browser(person).post(url).status_code == 403
        revision.refresh_from_db()
        assert revision.is_pending
        assert browser(author).post(url).status_code == 302
        revision.refresh_from_db()
        assert revision.status == RevisionStatus.WITHDRAWN
