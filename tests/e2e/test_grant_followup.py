"""After approval, on a 390 px phone: the co-author asks to move money between two lines and the coordinator
approves; an expense is recorded and the coordinator accepts it; after the reminder, the first quarterly report
is filed on time. axe-core at 390 and 1280 px and the Nu HTML checker on every page visited."""

import datetime
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from proposals import services
from proposals.enums import BudgetCategory, Currency, ProposalStatus
from proposals.models import BudgetRevision, Expense, Proposal
from proposals.services.reminders import send_report_reminders
from tests.e2e.checks import PHONE, PageChecks
from tests.e2e.test_directory import sign_in
from tests.factories import (
    BudgetLineFactory,
    CallFactory,
    CommunityFactory,
    CoordinatorFactory,
    ExchangeRateFactory,
    KeyActivityFactory,
    MembershipFactory,
    ProposalFactory,
    UserFactory,
)
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def funded():
    """CoP-IP's approved project: it started three months and a week ago, so its first quarterly report is
    due in six days; hall 150 USD and panels 500 USD."""
    community = CommunityFactory(name="Community of Practice of Indigenous Peoples", short_name="CoP-IP")
    srey = MembershipFactory(community=community, person__email="srey@cipl.example", person__display_name="Srey Leak")
    coordinator = CoordinatorFactory(email="sokha@llc.example", display_name="Sokha Chan")
    reviewer = UserFactory(email="bopha@agef.example", display_name="Bopha Ros")
    call = CallFactory(title="Voice Linking and Learning small grants", eligible_communities=[community])
    proposal = ProposalFactory(
        call=call,
        community=community,
        authors=[srey.person],
        title="Kuy voices: a performance and an exhibition",
        summary="A one-day performance of Kuy-speaking people and an exhibition on Kuy culture.",
        section_answers={str(call.sections.get().pk): "Kuy elders choose the stories."},
    )
    today = timezone.localdate()
    starts = today + datetime.timedelta(days=6 - 13) - relativedelta(months=3)
    performance = KeyActivityFactory(
        proposal=proposal, title="Performance and exhibition", starts_on=starts, ends_on=today + relativedelta(months=5)
    )
    BudgetLineFactory(
        proposal=proposal,
        activity=performance,
        category=BudgetCategory.VENUE,
        description="Hall for the performance",
        quantity=Decimal("1"),
        unit_cost=Decimal("150.00"),
        currency=Currency.USD,
    )
    BudgetLineFactory(
        proposal=proposal,
        activity=performance,
        category=BudgetCategory.MATERIALS,
        description="Exhibition panels",
        quantity=Decimal("100"),
        unit_cost=Decimal("20500"),
        currency=Currency.KHR,
    )
    ExchangeRateFactory(proposal=proposal, currency=Currency.KHR, rate=Decimal("4100"))
    services.proposal_submit(proposal=proposal, by=srey.person)
    services.review_assign(proposal=proposal, reviewer=reviewer, by=coordinator)
    services.proposal_approve(proposal=proposal, by=coordinator, message="Approved.")
    services.proposal_start_implementation(proposal=proposal, by=srey.person)
    return Proposal.objects.get(pk=proposal.pk)


def phone_of(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, email)
    return page


def messages_text(page):
    return page.locator(".messages").inner_text()


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_revision_expense_sign_off_and_first_quarterly_report_on_a_phone(phone, checks, browser, live_server, funded):
    assert funded.status == ProposalStatus.IN_IMPLEMENTATION
    sign_in(phone, "srey@cipl.example")
    coordinator = phone_of(browser, live_server, "sokha@llc.example")
    coordinator_checks = PageChecks(coordinator)

    # Srey asks to move 100 USD from the panels to the hall; moving more than the panels hold is refused first.
    phone.goto(f"/proposals/{funded.pk}/spending/")
    phone.get_by_role("link", name="Ask to move money between lines").click()
    phone.get_by_label("Take the money from").select_option(label="Exhibition panels (500.00 USD)")
    phone.get_by_label("Give it to").select_option(label="Hall for the performance (150.00 USD)")
    phone.get_by_label("Amount to move, in USD").fill("500.01")
    phone.get_by_label("Why the change").fill("The hall now charges for the covered area in the rain.")
    phone.get_by_role("button", name="Send the request").click()
    assert "you can move at most 500.00 USD from it" in phone.locator("#form-errors").inner_text()
    assert not BudgetRevision.objects.exists()
    checks.check("revision-error")
    phone.get_by_label("Amount to move, in USD").fill("100")
    phone.get_by_role("button", name="Send the request").click()
    assert "Your request was sent" in messages_text(phone)
    fits(phone)
    screenshot(phone, "phone-budget-revision-request")
    checks.check("revision-request")

    # Sokha approves it: it becomes the working budget, the baseline stays beside it.
    revision = BudgetRevision.objects.get()
    coordinator.goto(f"/proposals/{funded.pk}/budget/revisions/{revision.pk}/")
    coordinator.get_by_label("Approve: it becomes the working budget").check()
    coordinator.get_by_role("button", name="Save the decision").click()
    assert "The budget revision is approved." in messages_text(coordinator)
    screenshot(coordinator, "phone-budget-revision-approved")
    coordinator_checks.check("revision-approved")

    # Srey records an expense on the hall; Sokha accepts it.
    phone.goto(f"/proposals/{funded.pk}/spending/new/")
    phone.get_by_label("Budget line").select_option(label="Venue: Hall for the performance")
    phone.get_by_label("Amount").fill("230")
    phone.get_by_label("Currency").select_option("USD")
    phone.get_by_label("Description").fill("Hall with the covered area, 1 day")
    phone.get_by_role("button", name="Record").click()
    assert "The expense of 230.00 USD was recorded." in messages_text(phone)
    coordinator.goto(f"/proposals/{funded.pk}/spending/")
    coordinator.get_by_role("link", name="Check Hall with the covered area, 1 day").click()
    coordinator_checks.check("expense-check")
    coordinator.get_by_label("Accept: it counts as spent").check()
    coordinator.get_by_role("button", name="Save the check").click()
    assert "is now accepted" in messages_text(coordinator)
    assert Expense.objects.get().check_status == "accepted"

    phone.goto(f"/proposals/{funded.pk}/spending/")
    lines = phone.get_by_role("table", name="By approved line (USD)")
    hall = lines.get_by_role("row", name="Hall for the performance")
    # Approved 150.00, revised 250.00, spent (accepted) 230.00, not checked 0.00, left 20.00.
    assert " ".join(hall.inner_text().split()).startswith(
        "Hall for the performance Venue · Performance and exhibition 150.00 250.00 230.00 0.00 20.00"
    )
    fits(phone)
    screenshot(phone, "phone-spending-revised")
    checks.check("spending")

    # The reminder comes a week before the first quarterly report is due; Srey files it on time.
    result = send_report_reminders(claim="e2e")
    assert len(result.sent) == 1
    assert mail.outbox[-1].subject.startswith("Progress report due on")
    phone.goto(f"/proposals/{funded.pk}/reports/")
    assert (
        phone.get_by_role("table", name="Reports due, by the call's schedule").get_by_text("to come").first.is_visible()
    )
    phone.goto(f"/proposals/{funded.pk}/reports/new/")
    phone.get_by_label("Progress report").check()
    phone.get_by_label("Period covered").fill("The first quarter")
    phone.get_by_label("What happened").fill("About **320 people** came to the performance.")
    phone.get_by_role("button", name="Send the report").click()
    assert "The progress report was sent." in messages_text(phone)
    first = funded.reports_due.order_by("due_on").first()
    first.refresh_from_db()
    assert first.report is not None and first.report.submitted_at.date() <= first.due_on
    fits(phone)
    screenshot(phone, "phone-report-schedule")
    checks.check("reports")

    coordinator.goto("/proposals/deadlines/")
    screenshot(coordinator, "phone-deadlines")
    coordinator_checks.check("deadlines")
    checks.validate()
    coordinator_checks.validate()
    coordinator.context.close()
