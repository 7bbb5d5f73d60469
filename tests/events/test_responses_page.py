"""The responses page: who has not answered yet, and how many asked for each need."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.enums import MembershipStatus
from communities.models import Membership
from events import services
from tests.factories import AffiliationFactory, MeetingFactory, PendingUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(client, meeting, query=""):
    return client.get(reverse("events:rsvp_list", args=[meeting.pk]) + query).content.decode()


def not_answered_part(html):
    return html.split('id="not-answered-heading"', 1)[1]


def test_not_answered_lists_the_audience_without_an_answer(coordinator_client, coordinator, organisation):
    meeting = MeetingFactory()
    silent = UserFactory(display_name="Srey Silent")
    AffiliationFactory(person=silent, organisation=organisation)
    answered = UserFactory(display_name="Rithy Answered")
    PendingUserFactory(display_name="Chenda Pending")
    services.rsvp_set(meeting=meeting, person=answered, response="no")
    part = not_answered_part(page(coordinator_client, meeting))
    assert "Not answered yet (2 people)" in part  # the coordinator has not answered either
    assert "Srey Silent" in part and f"({organisation.acronym or organisation.name})" in part
    assert "Rithy Answered" not in part
    assert "Chenda Pending" not in part


def test_a_community_meeting_lists_its_members_only(coordinator_client, cop_pwd):
    meeting = MeetingFactory(community=cop_pwd)
    inside = UserFactory(display_name="Inside Member")
    Membership.objects.create(community=cop_pwd, person=inside, status=MembershipStatus.ACTIVE)
    UserFactory(display_name="Outside Member")
    part = not_answered_part(page(coordinator_client, meeting))
    assert "Not answered yet (1 person)" in part
    assert "Inside Member" in part and "Outside Member" not in part


def test_need_counts_leave_out_those_not_coming(coordinator_client):
    meeting = MeetingFactory()
    for response, needs in [
        ("yes", ["sign_language", "captions"]),
        ("maybe", ["sign_language"]),
        ("no", ["sign_language", "step_free"]),
    ]:
        services.rsvp_set(meeting=meeting, person=UserFactory(), response=response, needs=needs)
    html = page(coordinator_client, meeting)
    assert "<dt>Sign language interpretation</dt><dd>2</dd>" in html
    assert "<dt>Captions</dt><dd>1</dd>" in html
    assert "<dt>Step-free access to the venue</dt><dd>0</dd>" in html


def test_queries_do_not_grow_with_the_people(coordinator_client, coordinator, organisation, django_assert_num_queries):
    meeting = MeetingFactory()

    def add(count):
        for _ in range(count):
            person = UserFactory()
            AffiliationFactory(person=person, organisation=organisation)
            services.rsvp_set(meeting=meeting, person=UserFactory(), response="yes", needs=["captions"])

    add(1)
    coordinator_client.get(reverse("events:rsvp_list", args=[meeting.pk]))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        page(coordinator_client, meeting)
    add(15)
    with django_assert_num_queries(len(few)):
        html = page(coordinator_client, meeting)
    assert "Not answered yet (17 people)" in html


def test_a_hostile_page_number_is_harmless(coordinator_client):
    meeting = MeetingFactory()
    response = coordinator_client.get(reverse("events:rsvp_list", args=[meeting.pk]) + "?page=%00'")
    assert response.status_code == 200


def test_a_member_may_not_see_who_has_not_answered(member_client):
    meeting = MeetingFactory()
    assert member_client.get(reverse("events:rsvp_list", args=[meeting.pk])).status_code == 403
