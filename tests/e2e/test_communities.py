from datetime import timedelta

import pytest
from django.utils import timezone

from communities.enums import MembershipStatus, StakeholderRole
from communities.models import Membership, StakeholderLink
from events.models import Meeting
from tests.e2e.test_directory import sign_in
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    CommunityOrganisationFactory,
    FacilitatorMembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    StakeholderLinkFactory,
    UserFactory,
)
from tests.helpers import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cop_pwd():
    community = CommunityFactory(
        name="Community of Practice on the Rights of People with Disabilities",
        short_name="CoP-PwD",
        slug="cop-pwd",
        purpose="Organisations working with people with disabilities learn together how to make social protection "
        "and decent work inclusive.",
    )
    hac = OrganisationFactory(name="HelpAge Cambodia", acronym="HAC", slug="hac")
    CommunityOrganisationFactory(community=community, organisation=hac)
    llc = OrganisationFactory(name="Live & Learn Cambodia", acronym="LLC", slug="llc", kind="facilitator")
    norah = UserFactory(email="norah@llc.example", display_name="Norah Lay")
    AffiliationFactory(person=norah, organisation=llc, position="Linking and Learning facilitator")
    FacilitatorMembershipFactory(community=community, person=norah)
    voice = StakeholderFactory(name="Voice", acronym="", slug="voice", stakeholder_type="donor")
    StakeholderLinkFactory(community=community, organisation=voice, role=StakeholderRole.FUNDER, note="Grants")
    StakeholderFactory(name="International Labour Organization", acronym="ILO", slug="ilo")
    return community


def test_member_asks_to_join_facilitator_approves_and_links_the_ilo(page, cop_pwd):
    dara = UserFactory(email="dara@srclc.example", display_name="Dara Kim")

    # Dara finds the community from the main navigation and asks to join.
    sign_in(page, "dara@srclc.example")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Communities").click()
    page.wait_for_url("**/communities/")
    assert page.get_by_role("heading", name="1 community").is_visible()
    screenshot(page, "communities-directory")
    page.get_by_role("link", name="Community of Practice on the Rights of People with Disabilities").click()
    page.wait_for_url("**/communities/cop-pwd/")
    screenshot(page, "community-page-outsider")
    page.get_by_role("link", name="Ask to join").click()
    page.get_by_label("Message to the facilitators").fill("Our school includes children with disabilities.")
    page.get_by_role("button", name="Ask to join").click()
    page.wait_for_url("**/communities/cop-pwd/")
    assert "Its facilitators will answer by e-mail." in page.locator(".messages").inner_text()
    assert "You asked to join on" in page.locator("main").inner_text()
    assert Membership.objects.get(person=dara).status == MembershipStatus.REQUESTED

    # Norah, the facilitator, approves the request on the community page.
    page.context.clear_cookies()
    sign_in(page, "norah@llc.example")
    page.goto("/communities/cop-pwd/")
    waiting = page.get_by_role("region", name="Waiting for an answer")
    assert "Our school includes children with disabilities." in waiting.inner_text()
    screenshot(page, "community-page-facilitator-with-request")
    waiting.get_by_role("button", name="Approve Dara Kim").click()
    page.wait_for_url("**/communities/cop-pwd/")
    assert "Dara Kim is now a member of CoP-PwD." in page.locator(".messages").inner_text()
    assert "Dara Kim" in page.get_by_role("region", name="People").inner_text()
    assert Membership.objects.get(person=dara).status == MembershipStatus.ACTIVE

    # She links the ILO as technical adviser.
    page.get_by_role("navigation", name="Manage the community").get_by_role("link", name="Stakeholders").click()
    page.wait_for_url("**/communities/cop-pwd/stakeholders/")
    form = page.get_by_role("region", name="Link a stakeholder")
    form.get_by_role("combobox", name="Stakeholder").select_option(label="International Labour Organization")
    form.get_by_role("combobox", name="Role").select_option(label="Technical adviser")
    form.get_by_label("Since").fill("2023-11-08")
    form.get_by_label("Note").fill("Decent Employment for Youth; disability inclusion at work.")
    form.get_by_role("button", name="Link", exact=True).click()
    assert "International Labour Organization is linked as technical adviser." in page.locator(".messages").inner_text()
    screenshot(page, "community-stakeholders")
    link = StakeholderLink.objects.get(organisation__slug="ilo")
    assert (link.role, link.community) == (StakeholderRole.TECHNICAL_ADVISER, cop_pwd)

    # The community page shows the new stakeholder and the activity; also on a phone.
    page.get_by_role("link", name="Community page").click()
    stakeholders = page.get_by_role("region", name="Community of stakeholders").inner_text()
    assert "International Labour Organization" in stakeholders
    assert "Technical adviser" in stakeholders
    assert "Dara Kim joined" in page.get_by_role("region", name="Activity").inner_text()
    screenshot(page, "community-page-facilitator")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "community-page-phone")
    page.goto("/communities/cop-pwd/people/")
    screenshot(page, "community-people-phone")

    # The ILO's page lists the community it is now linked to.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/members/o/ilo/")
    assert "Community of Practice on the Rights of People with Disabilities" in page.locator("main").inner_text()
    screenshot(page, "stakeholder-page-communities")

    # Norah schedules a community meeting from the community page; Dara sees it on his dashboard.
    page.goto("/communities/cop-pwd/")
    page.get_by_role("link", name="Plan a meeting").click()
    day = (timezone.localdate() + timedelta(days=12)).isoformat()
    page.get_by_label("Title").fill("CoP-PwD: planning the labour law campaign")
    assert page.get_by_label("Audience").input_value() == str(cop_pwd.pk)
    page.get_by_label("Start date").fill(day)
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End date").fill(day)
    page.get_by_label("End time").fill("15:30")
    page.get_by_label("Online meeting link").fill("https://meet.example/cop-pwd")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/calendar/meetings/*/")
    meeting = Meeting.objects.get(title="CoP-PwD: planning the labour law campaign")
    assert meeting.community == cop_pwd
    page.goto("/communities/cop-pwd/")
    assert "CoP-PwD: planning the labour law campaign" in page.get_by_role("region", name="Meetings").inner_text()

    page.context.clear_cookies()
    sign_in(page, "dara@srclc.example")
    next_meeting = page.get_by_role("region", name="Next meeting").inner_text()
    assert "CoP-PwD: planning the labour law campaign" in next_meeting
    assert (
        "Community of Practice on the Rights of People with Disabilities"
        in page.get_by_role("region", name="Your communities").inner_text()
    )
    screenshot(page, "dashboard-member-with-community-meeting")
    page.get_by_role("link", name="Agenda and RSVP").click()
    page.get_by_role("link", name="Join online").wait_for()  # click() does not wait for what it opens
    assert page.get_by_role("link", name="Join online").is_visible()
