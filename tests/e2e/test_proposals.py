"""A community drafts a proposal with two co-authors, budgets it in USD and KHR and submits it;
a reviewer scores it; the coordinator asks for revisions, then approves; an expense shows on the chart.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from proposals.models import Proposal
from tests.e2e.test_directory import sign_in
from tests.factories import CallFactory, CommunityFactory, CoordinatorFactory, MembershipFactory, UserFactory
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cop_ip():
    community = CommunityFactory(name="Community of Practice of Indigenous Peoples", short_name="CoP-IP", slug="cop-ip")
    MembershipFactory(community=community, person__email="srey@cipl.example", person__display_name="Srey Leak")
    MembershipFactory(community=community, person__email="norah@llc.example", person__display_name="Norah Lay")
    CallFactory(
        title="Voice Linking and Learning small grants 2024",
        slug="voice-2024",
        eligible_communities=[community],
        sections=["How do rightsholders lead the project?"],
        criteria=[("Relevance to rightsholders", 60), ("Feasibility", 40)],
    )
    CoordinatorFactory(email="sokha@llc.example", display_name="Sokha Chan")
    UserFactory(email="bopha@agef.example", display_name="Bopha Ros")
    return community


def sign_in_as(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, email)
    return page


def messages_text(page):
    return page.locator(".messages").inner_text()


def open_proposal(page, proposal):
    page.goto(f"/proposals/{proposal.pk}/")


def test_a_proposal_from_draft_to_spending(page, browser, live_server, cop_ip):
    # Srey starts a draft from the open call.
    sign_in(page, "srey@cipl.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Proposals").click()
    page.get_by_role("link", name="Voice Linking and Learning small grants 2024").first.click()
    page.get_by_role("link", name="Start a proposal").click()
    page.get_by_label("Working title").fill("Kuy voices: a performance and an exhibition")
    page.get_by_role("button", name="Start the draft").click()
    page.wait_for_url("**/edit/")
    proposal = Proposal.objects.get()
    page.get_by_role("textbox", name="Summary").fill("A one-day performance of Kuy-speaking people.")
    page.get_by_label("How do rightsholders lead the project?").fill("Kuy elders choose the stories.")
    page.get_by_label("People expected to be reached").fill("300")
    screenshot(page, "proposal-edit")
    page.get_by_role("button", name="Save a new version").click()
    assert "Saved as version 2." in messages_text(page)

    # She adds Norah as co-author.
    page.get_by_role("navigation", name="Parts of the proposal").get_by_role("link", name="Co-authors").click()
    page.get_by_role("combobox", name="Co-author").select_option(label="Norah Lay")
    page.get_by_role("button", name="Add", exact=True).click()
    assert "Norah Lay is now a co-author." in messages_text(page)

    # Both open the text; Norah saves first, Srey's save is stale and meets the conflict page.
    page.goto(f"/proposals/{proposal.pk}/edit/")
    norah = sign_in_as(browser, live_server, "norah@llc.example")
    norah.goto(f"/proposals/{proposal.pk}/edit/")
    norah.get_by_role("textbox", name="Summary").fill(
        "A one-day performance of Kuy-speaking people and an exhibition on Kuy culture."
    )
    norah.get_by_role("button", name="Save a new version").click()
    assert "Saved as version 3." in messages_text(norah)
    page.get_by_role("textbox", name="Summary").fill(
        "A one-day performance of Kuy-speaking people, followed by a reflection."
    )
    page.get_by_role("button", name="Save a new version").click()
    page.get_by_role("heading", name="Someone saved before you").wait_for()  # click() does not wait for what it opens
    assert page.get_by_role("heading", name="Someone saved before you").is_visible()
    conflict = page.get_by_role("region", name="Summary")
    assert "and an exhibition on Kuy culture." in conflict.inner_text()
    assert "followed by a reflection." in conflict.inner_text()
    screenshot(page, "proposal-conflict")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "proposal-conflict-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("textbox", name="Summary").fill(
        "A one-day performance of Kuy-speaking people and an exhibition on Kuy culture, followed by a reflection."
    )
    page.get_by_role("button", name="Save the merged text").click()
    assert "Saved as version 4." in messages_text(page)
    assert Proposal.objects.get().summary.endswith("and an exhibition on Kuy culture, followed by a reflection.")

    # A key activity, then a budget in USD and KHR: the KHR line asks for its rate first.
    page.get_by_role("navigation", name="Parts of the proposal").get_by_role("link", name="Key activities").click()
    form = page.get_by_role("region", name="Add a key activity")
    form.get_by_label("Title").fill("One-day performance by Kuy-speaking people")
    performance_day = (timezone.localdate() + timedelta(days=60)).isoformat()  # within the call's activity window
    form.get_by_label("Start date").fill(performance_day)
    form.get_by_label("End date").fill(performance_day)
    form.get_by_label("Place").fill("Preah Vihear provincial hall")
    form.get_by_role("button", name="Add the activity").click()
    assert "The activity was added." in messages_text(page)
    page.get_by_role("navigation", name="Parts of the proposal").get_by_role("link", name="Budget").click()
    form = page.get_by_role("region", name="Add a budget line")
    form.get_by_label("Category").select_option(label="Venue")
    form.get_by_label("Activity").select_option(label="One-day performance by Kuy-speaking people")
    form.get_by_label("Description").fill("Provincial hall")
    form.get_by_role("textbox", name="Unit", exact=True).fill("day")
    form.get_by_label("Quantity").fill("1")
    form.get_by_label("Unit cost").fill("150")
    form.get_by_role("button", name="Add the line").click()
    assert "The line was added." in messages_text(page)
    form = page.get_by_role("region", name="Add a budget line")
    form.get_by_label("Category").select_option(label="Materials and supplies")
    form.get_by_label("Description").fill("Exhibition panels")
    form.get_by_role("textbox", name="Unit", exact=True).fill("panel")
    form.get_by_label("Quantity").fill("20")
    form.get_by_label("Unit cost").fill("123000")
    form.get_by_role("combobox", name="Currency", exact=True).select_option("KHR")
    form.get_by_role("button", name="Add the line").click()
    form = page.get_by_role("region", name="Add a budget line")
    assert "There is no exchange rate for KHR on this proposal yet." in form.inner_text()
    assert form.get_by_label("Description").input_value() == "Exhibition panels"
    form.get_by_label("Exchange rate").fill("4100")
    form.get_by_role("button", name="Add the line").click()
    assert "The line was added." in messages_text(page)
    assert "Requested from the call: 750.00 USD" in page.get_by_role("region", name="Totals").inner_text()
    screenshot(page, "proposal-budget")

    # She submits.
    page.get_by_role("navigation", name="Parts of the proposal").get_by_role("link", name="Overview").click()
    page.get_by_role("navigation", name="What you can do").get_by_role("link", name="Submit").click()
    page.get_by_role("button", name="Submit").click()
    assert "The proposal was submitted." in messages_text(page)
    assert Proposal.objects.get().status == "submitted"

    # The coordinator assigns Bopha, who is in no community.
    coordinator = sign_in_as(browser, live_server, "sokha@llc.example")
    open_proposal(coordinator, proposal)
    coordinator.get_by_role("link", name="Assign reviewers").click()
    coordinator.get_by_role("combobox", name="Reviewer").select_option(label="Bopha Ros")
    coordinator.get_by_role("button", name="Assign").click()
    assert "Bopha Ros was asked to review, by e-mail." in messages_text(coordinator)

    # Bopha scores it.
    reviewer = sign_in_as(browser, live_server, "bopha@agef.example")
    open_proposal(reviewer, proposal)
    reviewer.get_by_role("link", name="Score this proposal").click()
    reviewer.get_by_label("Relevance to rightsholders").select_option("5")
    reviewer.get_by_label("Feasibility").select_option("3")
    reviewer.get_by_label("Comments for the authors").fill("Say who takes part in the reflection.")
    screenshot(reviewer, "proposal-review")
    reviewer.get_by_role("button", name="Save my review").click()
    assert "your review was saved" in messages_text(reviewer)

    # The coordinator asks for revisions.
    open_proposal(coordinator, proposal)
    coordinator.get_by_role("link", name="Decide").click()
    assert "84.0 %" in coordinator.get_by_role("table", name="Scores and weighted totals").inner_text()
    coordinator.get_by_label("Ask for revisions").check()
    coordinator.get_by_label("Message to the authors").fill("Please say who takes part in the reflection.")
    screenshot(coordinator, "proposal-decide")
    coordinator.get_by_role("button", name="Decide and tell the authors").click()
    assert "revisions requested" in messages_text(coordinator)

    # Srey revises and resubmits.
    open_proposal(page, proposal)
    assert (
        "Please say who takes part in the reflection."
        in page.get_by_role("region", name="Decision: Revisions requested").inner_text()
    )
    page.get_by_role("link", name="Edit the text").click()
    page.get_by_role("textbox", name="Rightsholders", exact=True).fill(
        "Kuy elders and youth of three villages; they lead the reflection."
    )
    page.get_by_role("button", name="Save a new version").click()
    page.get_by_role("link", name="Answer the reviewers").click()
    page.get_by_label("Addressed", exact=True).check()
    page.get_by_label("Note to the reviewer").fill("The elders and youth of three villages lead the reflection.")
    page.get_by_role("button", name="Save the answers").click()
    page.get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Resubmit").click()
    page.get_by_role("button", name="Resubmit").click()
    assert Proposal.objects.get().status == "resubmitted"

    # The coordinator approves.
    open_proposal(coordinator, proposal)
    coordinator.get_by_role("link", name="Decide").click()
    coordinator.get_by_label("Approve").check()
    coordinator.get_by_label("Message to the authors").fill("Approved. Please report a month after the performance.")
    coordinator.get_by_role("button", name="Decide and tell the authors").click()
    assert "approved" in messages_text(coordinator)
    screenshot(coordinator, "proposal-approved")

    # Srey records an expense in riel; the chart shows it against the approved amount.
    open_proposal(page, proposal)
    page.get_by_role("link", name="Record an expense").click()
    page.get_by_label("Budget line").select_option(label="Materials and supplies: Exhibition panels")
    page.get_by_label("Amount").fill("2460000")
    page.get_by_label("Currency").select_option("KHR")
    page.get_by_label("Exchange rate").fill("4100")
    page.get_by_label("Description").fill("20 panels from the printer")
    page.get_by_role("button", name="Record").click()
    assert "The expense of 2,460,000 KHR was recorded." in messages_text(page)
    # Only what a coordinator accepted counts as spent: Sokha checks the expense.
    coordinator.goto(f"/proposals/{proposal.pk}/spending/")
    coordinator.get_by_role("link", name="Check 20 panels from the printer").click()
    coordinator.get_by_label("Accept: it counts as spent").check()
    coordinator.get_by_role("button", name="Save the check").click()
    assert "is now accepted" in messages_text(coordinator)
    page.reload()
    chart = page.get_by_role("figure")
    assert "Materials and supplies 600.00 spent of 600.00 (100.0 %)" in " ".join(chart.inner_text().split())
    assert chart.locator("rect.bar-spent").count() == 2
    screenshot(page, "proposal-spending")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "proposal-spending-phone")
    open_proposal(page, proposal)
    screenshot(page, "proposal-detail-phone")
    page.goto(f"/proposals/{proposal.pk}/budget/")
    screenshot(page, "proposal-budget-phone")
    for other in (norah, coordinator, reviewer):
        other.context.close()
