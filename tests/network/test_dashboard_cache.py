"""The dashboard's heavy sections are kept per person, and a change made through a service shows at once."""

from datetime import time, timedelta
from time import sleep

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.services import membership_approve, membership_leave, membership_request
from events.services import meeting_cancel, meeting_create, meeting_update, series_create
from members.models import FocusArea
from members.services import affiliation_invite
from network import fragments, services
from network.enums import NotificationKind
from proposals.enums import ProposalStatus
from tests.factories import (
    AffiliationFactory,
    CommunityFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("dashboard_detail")


@pytest.fixture
def in_education(member):
    AffiliationFactory(person=member, organisation=OrganisationFactory(focus_areas=["education"]))
    return FocusArea.objects.filter(slug="education")


def page(client) -> str:
    html = client.get(DASHBOARD).content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_challenge_posted_in_my_themes_shows_at_once_and_leaves_when_answered(member_client, in_education):
    assert "None right now." in page(member_client)  # the section is now in the cache
    challenge, _ = services.challenge_create(
        author=UserFactory(), title="Teachers leave after a year", body="Why?", themes=in_education
    )
    assert "Teachers leave after a year" in page(member_client)
    services.reply_create(challenge=challenge, author=UserFactory(), body="We pay on time.")
    assert "Teachers leave after a year" not in page(member_client)


def test_a_hidden_challenge_leaves_at_once(member_client, in_education, coordinator):
    challenge, _ = services.challenge_create(
        author=UserFactory(), title="Teachers leave after a year", body="Why?", themes=in_education
    )
    assert "Teachers leave after a year" in page(member_client)
    services.post_hide(post=challenge, by=coordinator, reason="Off topic")
    assert "Teachers leave after a year" not in page(member_client)


def test_a_notification_shows_at_once_and_reading_it_clears_the_bell(member_client, member):
    assert "Nothing new." in page(member_client)
    challenge, _ = services.challenge_create(author=member, title="Water for the school", body="How?")
    services.reply_create(challenge=challenge, author=UserFactory(display_name="Sok Replier"), body="A well.")
    html = member_client.get(DASHBOARD).content.decode()
    assert "1 unread notification" in html
    assert "Sok Replier replied to your challenge" in html
    member_client.get(challenge.get_absolute_url())  # opening the challenge reads its notifications
    html = member_client.get(DASHBOARD).content.decode()
    assert "unread notification" not in html
    assert "Nothing new." in html


def test_another_persons_notification_does_not_touch_mine(member_client, member):
    assert "Nothing new." in page(member_client)
    services.notify(recipients=[UserFactory()], kind=NotificationKind.MENTION, actor=member)
    assert "Nothing new." in page(member_client)


def test_a_second_visit_asks_the_database_less(member_client, in_education):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert member_client.get(DASHBOARD).status_code == 200
        return len(context.captured_queries)

    first, second = queries(), queries()
    # Only the session and the person are read: the waiting challenges, the unread notifications, the bell's
    # count and the person's place (next meeting, communities, proposals, reviews, invitations) are cached.
    assert first > 2
    assert second == 2


# --- the person's place: rows many services write, watched through their signals ----------------------


def test_a_meeting_planned_shows_at_once_and_so_does_its_move(member_client, coordinator):
    assert "No meeting is planned yet." in page(member_client)
    starts = timezone.now() + timedelta(days=3)
    meeting = meeting_create(
        by=coordinator, starts_at=starts, ends_at=starts + timedelta(hours=1), title="Monthly learning", kind="meeting"
    )
    assert "Monthly learning" in page(member_client)
    meeting_update(meeting=meeting, by=coordinator, title="Monthly learning, moved")
    assert "Monthly learning, moved" in page(member_client)
    meeting_cancel(meeting=meeting, by=coordinator)
    assert "No meeting is planned yet." in page(member_client)


def test_the_meetings_of_a_new_series_show_at_once(member_client, coordinator):
    """The series' meetings are inserted in bulk (no post_save): the service touches their scope itself."""
    assert "No meeting is planned yet." in page(member_client)
    series_create(
        by=coordinator,
        title="First Friday learning",
        rrule="FREQ=MONTHLY;BYDAY=1FR",
        first_date=timezone.localdate() + timedelta(days=1),
        start_time=time(8, 30),
        duration_minutes=90,
        time_zone="Asia/Phnom_Penh",
    )
    assert "First Friday learning" in page(member_client)


def test_the_next_meeting_leaves_when_it_ends(member_client):
    """Kept no longer than until the meeting ends (the cache's own clock: no time travel)."""
    ends_at = timezone.now() + timedelta(seconds=3)
    MeetingFactory(title="Short call", starts_at=ends_at - timedelta(hours=1), ends_at=ends_at)
    assert "Short call" in page(member_client)
    assert "Short call" in page(member_client)  # from the cache
    sleep(max(0, (ends_at - timezone.now()).total_seconds()) + 0.5)
    assert "Short call" not in page(member_client)


def test_joining_and_leaving_a_community_shows_at_once(member_client, member, coordinator):
    community = CommunityFactory(name="CoP-PwD")
    proposal = ProposalFactory(community=community, title="Ramps for schools", authors=[member])
    assert "CoP-PwD" not in page(member_client)
    membership = membership_request(community=community, person=member)
    membership_approve(membership=membership, by=coordinator)
    html = page(member_client)
    assert "CoP-PwD" in html and proposal.title in html
    membership_leave(membership=membership, by=member)
    html = page(member_client)
    assert "CoP-PwD" not in html and proposal.title not in html  # rights follow the current membership


def test_a_proposals_new_status_and_title_show_at_once(member_client, member):
    membership = MembershipFactory(person=member)
    proposal = ProposalFactory(community=membership.community, title="Ramps for schools", authors=[member])
    assert "Ramps for schools" in page(member_client)
    proposal.title = "Ramps and rails for schools"
    proposal.save()
    assert "Ramps and rails for schools" in page(member_client)
    other = ProposalFactory(community=membership.community, title="Sign language classes")
    assert "Sign language classes" not in page(member_client)
    other.authors.add(member)  # a many-to-many link: m2m_changed
    assert "Sign language classes" in page(member_client)


def test_a_review_to_do_shows_at_once(member_client, member):
    proposal = ProposalFactory(status=ProposalStatus.SUBMITTED, title="Radio for the deaf")
    assert "Radio for the deaf" not in page(member_client)
    ReviewAssignmentFactory(proposal=proposal, reviewer=member)
    assert "Radio for the deaf" in page(member_client)


def test_an_invitation_to_an_organisation_shows_at_once_and_its_new_name_too(member_client, member, coordinator):
    organisation = OrganisationFactory(name="Women's Media Centre")
    assert "Women's Media Centre" not in page(member_client)
    affiliation_invite(organisation=organisation, person=member, by=coordinator)
    assert "Women&#x27;s Media Centre" in page(member_client)
    organisation.name = "Women's Media Centre of Cambodia"
    organisation.save()
    assert "Women&#x27;s Media Centre of Cambodia" in page(member_client)


def test_another_persons_membership_does_not_touch_my_place(member_client, member, monkeypatch):
    community = CommunityFactory()
    calls = []
    original = fragments.next_meeting_for
    monkeypatch.setattr(fragments, "next_meeting_for", lambda user: calls.append(user) or original(user))
    page(member_client)
    page(member_client)
    assert len(calls) == 1
    MembershipFactory(person=UserFactory(), community=community)
    page(member_client)
    assert len(calls) == 1  # only someone else's place changed
    MembershipFactory(person=member, community=community)
    page(member_client)
    assert len(calls) == 2


def test_a_new_theme_of_my_organisation_or_a_new_affiliation_shows_its_waiting_challenges(member_client, member):
    organisation = OrganisationFactory(focus_areas=["health-and-hiv"])
    health = FocusArea.objects.filter(slug="health-and-hiv")
    services.challenge_create(author=UserFactory(), title="Clinics far away", body="How?", themes=health)
    assert "Clinics far away" not in page(member_client)
    AffiliationFactory(person=member, organisation=organisation)
    assert "Clinics far away" in page(member_client)
    education = OrganisationFactory(focus_areas=["education"])
    services.challenge_create(
        author=UserFactory(), title="Teachers leave", body="Why?", themes=FocusArea.objects.filter(slug="education")
    )
    AffiliationFactory(person=member, organisation=education)
    html = page(member_client)
    assert "Teachers leave" in html
    organisation.focus_areas.clear()
    assert "Clinics far away" not in page(member_client)
