"""The hostile values issue 13 names, each sent to the page it broke (each answered 500 before common/params.py
read it). The crawler (test_hostile_crawler.py) sends these and more to every page; here each is pinned by name,
with the answer it gets now."""

import pytest
from django.urls import reverse

from network.models import Challenge
from tests.factories import CommunityFactory, MeetingSeriesFactory, ProposalFactory, ReplyFactory

pytestmark = pytest.mark.django_db


def test_a_personal_feed_token_with_a_nul_is_not_found(client):
    assert client.get("/calendar/feed/a%00b.ics").status_code == 404


@pytest.mark.parametrize("token", ["a\x00b", "²", "x" * 300])
def test_a_series_feed_token_with_a_nul_is_not_found(client, token):
    series = MeetingSeriesFactory()
    assert client.get(reverse("events:series_export", args=[series.slug]), {"token": token}).status_code == 404


@pytest.mark.parametrize("reply", ["abc", "²", "a\x00b", "99999999999999999999"])
def test_the_report_page_ignores_a_reply_that_is_no_id(member_client, reply):
    challenge = ReplyFactory().challenge
    response = member_client.get(reverse("network:challenge_report", args=[challenge.pk]), {"reply": reply})
    assert response.status_code == 200


@pytest.mark.parametrize("number", ["²", "១", "a\x00b", "99999999999999999999"])
def test_version_compare_reads_only_ascii_version_numbers(coordinator_client, number):
    proposal = ProposalFactory()
    url = reverse("proposals:version_compare", args=[proposal.pk])
    assert coordinator_client.get(url, {"to": number}).status_code in (200, 404)
    assert coordinator_client.get(url, {"from": number}).status_code in (200, 404)


@pytest.mark.parametrize(
    "query", [{"person": "²"}, {"organisation": "a\x00b"}, {"person": "99999999999999999999"}, {"organisation": "១"}]
)
def test_the_attendance_report_ignores_ids_that_are_no_ids(coordinator_client, query):
    assert coordinator_client.get(reverse("events:attendance_report"), query).status_code == 200


@pytest.mark.parametrize("community", ["a\x00b", "²", "x" * 300])
def test_a_new_meeting_ignores_a_community_that_is_no_slug(coordinator_client, community):
    CommunityFactory()
    response = coordinator_client.get(reverse("events:meeting_create"), {"community": community})
    assert response.status_code == 200
    assert response.context["form"].initial.get("community") is None


def test_a_client_key_longer_than_its_column_is_dropped_and_the_post_goes_through(member_client, member):
    response = member_client.post(
        reverse("network:challenge_create"),
        {"title": "Staff stress", "body": "Sick leave has doubled.", "client_key": "k" * 65},
    )
    assert response.status_code == 302
    assert Challenge.objects.get(author=member).client_key == ""
