"""A challenge's replies fifty threads a page: links to a reply open its page, accepted answers show everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.selectors import REPLY_THREADS_PER_PAGE
from tests.factories import ChallengeFactory, ReplyFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def threads(challenge, count: int) -> list:
    """`count` top-level replies, a minute apart, oldest first."""
    start = timezone.now() - timedelta(days=1)
    return [
        ReplyFactory(challenge=challenge, body=f"Idea {n}", created_at=start + timedelta(minutes=n))
        for n in range(count)
    ]


def test_a_page_holds_fifty_threads_with_their_answers(member_client):
    challenge = ChallengeFactory()
    roots = threads(challenge, 120)
    answer = ReplyFactory(challenge=challenge, parent=roots[60], body="An answer on page two")
    first = member_client.get(challenge.get_absolute_url())
    assert [reply.pk for reply, _ in first.context["threads"]] == [r.pk for r in roots[:REPLY_THREADS_PER_PAGE]]
    assert "120 replies" in first.content.decode()
    second = member_client.get(challenge.get_absolute_url() + "?page=2")
    assert {reply.pk: children for reply, children in second.context["threads"]}[roots[60].pk] == [answer]
    last = member_client.get(challenge.get_absolute_url() + "?page=3")
    assert [reply.pk for reply, _ in last.context["threads"]] == [r.pk for r in roots[100:]]


def test_a_link_to_a_reply_opens_the_page_it_is_on(member_client):
    challenge = ChallengeFactory()
    roots = threads(challenge, 120)
    answer = ReplyFactory(challenge=challenge, parent=roots[75])
    for reply, number in ((roots[0], 1), (roots[49], 1), (roots[50], 2), (roots[75], 2), (answer, 2), (roots[119], 3)):
        url = reply.get_absolute_url()
        assert url.endswith(f"?reply={reply.pk}#reply-{reply.pk}")
        response = member_client.get(url)
        assert response.context["page"].number == number
        assert f'id="reply-{reply.pk}"' in response.content.decode()


def test_a_reply_just_posted_shows_on_the_page_one_lands_on(member_client):
    challenge = ChallengeFactory()
    threads(challenge, 60)
    response = member_client.post(
        reverse("network:reply_create", args=[challenge.pk]), {"body": "Our newest idea", "client_key": "k"}
    )
    landed = member_client.get(response.url)
    assert landed.context["page"].number == 2
    assert "Our newest idea" in landed.content.decode()


def test_accepted_answers_show_on_every_page(member_client):
    challenge = ChallengeFactory()
    roots = threads(challenge, 60)
    roots[3].is_accepted = True
    roots[3].body = "The accepted idea"
    roots[3].save()
    html = member_client.get(challenge.get_absolute_url() + "?page=2").content.decode()
    assert "The accepted idea" in html and roots[3].get_absolute_url() in html
    first = member_client.get(challenge.get_absolute_url())
    assert first.context["accepted_elsewhere"] == []  # shown in its thread instead
    assert first.content.decode().count(f'id="reply-{roots[3].pk}"') == 1


def test_hostile_page_and_reply_numbers_answer_a_page(member_client):
    challenge = ChallengeFactory()
    threads(challenge, 3)
    other = ReplyFactory()
    for query in (
        "page=abc",
        "page=%00",
        "page=-3",
        "page=99999999999999999999",
        "reply=abc",
        "reply=%00",
        "reply=99999999999999999999",
        f"reply={other.pk}",
        "reply=៣",
        "reply=-1",
    ):
        response = member_client.get(f"{challenge.get_absolute_url()}?{query}")
        assert response.status_code == 200, query
        assert len(response.context["threads"]) == 3


def test_query_count_is_flat_with_few_and_many_threads(member_client, django_assert_num_queries):
    challenge = ChallengeFactory()
    roots = threads(challenge, REPLY_THREADS_PER_PAGE + 2)  # a second page of two threads
    ReplyFactory(challenge=challenge, parent=roots[0])
    ReplyFactory(challenge=challenge, parent=roots[-1])
    roots[1].is_accepted = True  # on the first page, shown above the threads of the others
    roots[1].save()
    url = challenge.get_absolute_url()
    few = {query: queries_for(member_client, f"{url}?{query}") for query in ("", "page=2", f"reply={roots[-1].pk}")}
    more = threads(challenge, 150)
    for root in more[::3]:
        ReplyFactory.create_batch(2, challenge=challenge, parent=root, author=UserFactory())
    for query, count in few.items():
        with django_assert_num_queries(count):
            member_client.get(f"{url}?{query}")


def test_a_member_who_may_not_see_the_challenge_gets_no_page(client, member):
    from tests.factories import CommunityFactory

    hidden = ChallengeFactory(community=CommunityFactory())
    reply = ReplyFactory(challenge=hidden)
    client.force_login(member)
    assert client.get(reply.get_absolute_url()).status_code in (403, 404)
