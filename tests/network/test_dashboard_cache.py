"""The dashboard's heavy sections are kept per person, and a change made through a service shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import FocusArea
from network import services
from network.enums import NotificationKind
from tests.factories import AffiliationFactory, OrganisationFactory, UserFactory

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
    # The waiting challenges, the unread notifications and the bell's count come from the cache.
    assert second == first - 3
