"""The month grid is kept rendered for everyone (events.views.calendar) and a change shows at once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from events import services
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
MONTH = reverse("events:meeting_calendar") + "?month=2027-03"
START = datetime(2027, 3, 5, 1, 30, tzinfo=UTC)


def grid(client, url=MONTH) -> str:
    html = client.get(url).content.decode()
    return html[html.index('<table class="month-grid">') : html.index("</table>")]


def test_a_meeting_planned_moved_renamed_and_cancelled_shows_at_once(member_client, coordinator):
    assert "Monthly learning" not in grid(member_client)
    meeting = services.meeting_create(
        by=coordinator, starts_at=START, ends_at=START + timedelta(hours=1), title="Monthly learning", kind="meeting"
    )
    assert "Monthly learning" in grid(member_client)
    services.meeting_update(
        meeting=meeting,
        by=coordinator,
        starts_at=START + timedelta(days=40),
        ends_at=START + timedelta(days=40, hours=1),
    )
    assert "Monthly learning" not in grid(member_client)  # moved to April
    assert "Monthly learning" in grid(member_client, reverse("events:meeting_calendar") + "?month=2027-04")
    services.meeting_update(
        meeting=meeting, by=coordinator, starts_at=START, ends_at=START + timedelta(hours=1), title="CLLC learning"
    )
    assert "CLLC learning" in grid(member_client)
    services.meeting_cancel(meeting=meeting, by=coordinator)
    assert "is-cancelled" in grid(member_client)


def test_filters_and_people_share_nothing_they_should_not(member_client, coordinator_client):
    MeetingFactory(title="Monthly meeting", starts_at=START, ends_at=START + timedelta(hours=1))
    MeetingFactory(title="Budget workshop", kind="workshop", starts_at=START, ends_at=START + timedelta(hours=2))
    assert "Monthly meeting" in grid(member_client)
    workshops = grid(member_client, MONTH + "&kind=workshop")
    assert "Budget workshop" in workshops and "Monthly meeting" not in workshops
    assert "Monthly meeting" in grid(coordinator_client)  # the same grid for everyone: nothing personal in it


def test_each_time_zone_and_language_has_its_own_grid(member_client, member):
    MeetingFactory(title="Monthly meeting", starts_at=START, ends_at=START + timedelta(hours=1))
    assert "08:30" in grid(member_client)  # Asia/Phnom_Penh
    member.time_zone = "Europe/Paris"
    member.save()
    assert "02:30" in grid(member_client)
    member.language = "km"
    member.save()
    assert "Meetings in March 2027" not in grid(member_client)
