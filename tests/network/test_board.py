import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.enums import MembershipStatus
from communities.models import Community, Membership
from events.models import AgendaItem
from network import services
from network.enums import ChallengeStatus, NotificationKind
from network.models import Attachment, Challenge, Notification, Reply
from tests.factories import (
    AffiliationFactory,
    ChallengeFactory,
    MeetingFactory,
    PastMeetingFactory,
    ReplyFactory,
    UserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("network:challenge_list")
CREATE = reverse("network:challenge_create")


def post_data(**extra):
    return {"title": "Staff stress since COVID", "body": "Sick leave has **doubled**.", "client_key": "key-1", **extra}


class TestPosting:
    def test_leader_posts_on_behalf_of_their_organisation(self, client, organisation, leader):
        client.force_login(leader)
        response = client.post(CREATE, post_data(organisation=organisation.pk, themes=[]))
        challenge = Challenge.objects.get()
        assert response.status_code == 302
        assert (challenge.author, challenge.organisation, challenge.status) == (
            leader,
            organisation,
            ChallengeStatus.OPEN,
        )
        assert challenge.follows.filter(person=leader).exists()

    def test_double_submit_creates_one_post(self, member_client):
        member_client.post(CREATE, post_data())
        member_client.post(CREATE, post_data())
        assert Challenge.objects.count() == 1

    def test_empty_body_is_refused_and_title_kept(self, member_client):
        response = member_client.post(CREATE, post_data(body="   "))
        html = response.content.decode()
        assert "This field is required." in html or "This cannot be empty." in html
        assert 'value="Staff stress since COVID"' in html
        assert not Challenge.objects.exists()

    def test_cannot_post_for_someone_elses_organisation(self, member_client, organisation):
        response = member_client.post(CREATE, post_data(organisation=organisation.pk))
        assert "Select a valid choice" in response.content.decode()
        assert not Challenge.objects.exists()

    def test_exe_and_oversized_uploads_are_refused(self, member_client):
        exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
        response = member_client.post(CREATE, {**post_data(), "files": [exe]})
        assert "is not a document or image we accept" in response.content.decode()
        big = SimpleUploadedFile("report.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
        response = member_client.post(CREATE, {**post_data(), "files": [big]})
        assert "the limit is 10.0\xa0MB" in response.content.decode()
        fake = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
        response = member_client.post(CREATE, {**post_data(), "files": [fake]})
        assert "does not look like a .pdf file" in response.content.decode()
        assert not Challenge.objects.exists()

    def test_pdf_attachment_is_kept(self, member_client):
        pdf = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget", content_type="application/pdf")
        member_client.post(CREATE, {**post_data(), "files": [pdf]})
        assert Attachment.objects.get().name == "budget.pdf"

    def test_pending_person_may_not_post(self, client, pending_user):
        client.force_login(pending_user)
        assert client.post(CREATE, post_data()).status_code == 403
        assert client.get(LIST).status_code == 403

    def test_only_the_author_edits(self, client_for, member):
        challenge = ChallengeFactory(author=member)
        url = reverse("network:challenge_update", args=[challenge.pk])
        assert client_for(UserFactory()).post(url, {"title": "Hijacked", "body": "x"}).status_code == 403
        client_for(member).post(url, {"title": "Better title", "body": "More detail"})
        challenge.refresh_from_db()
        assert (challenge.title, challenge.edited_at is not None) == ("Better title", True)
        assert "(edited)" in client_for(member).get(challenge.get_absolute_url()).content.decode()


class TestInertContent:
    @pytest.mark.parametrize(
        ("title", "body", "forbidden"),
        [
            ("<script>alert(1)</script>Help", "plain", "<script>alert(1)"),
            ("Images", '<img src=x onerror="alert(1)">', "onerror"),
            ("Links", "[click me](javascript:alert(1))", "javascript:"),
            ("Handlers", '<a href="https://ok.example" onclick="steal()">ok</a>', "onclick"),
        ],
    )
    def test_script_is_stored_but_rendered_inert(self, member_client, member, title, body, forbidden):
        challenge, _created = services.challenge_create(author=member, title=title, body=body)
        assert Challenge.objects.get(pk=challenge.pk).body == body  # stored as written
        html = member_client.get(challenge.get_absolute_url()).content.decode()
        assert forbidden not in html
        reply, _created = services.reply_create(challenge=challenge, author=UserFactory(), body=body)
        html = member_client.get(challenge.get_absolute_url()).content.decode()
        assert forbidden not in html
        assert "<script>alert(1)" not in member_client.get(LIST).content.decode()


class TestReplies:
    def test_two_peers_reply_one_nested_and_notifications_follow(self, client_for, member):
        challenge = ChallengeFactory(author=member)
        services.challenge_toggle_follow(
            challenge=challenge, person=member
        )  # author already follows by posting normally
        follower = UserFactory()
        services.challenge_toggle_follow(challenge=challenge, person=follower)
        first_peer, second_peer = UserFactory(), UserFactory()
        url = reverse("network:reply_create", args=[challenge.pk])
        client_for(first_peer).post(url, {"body": "Try monthly giving.", "client_key": "a"})
        top = Reply.objects.get()
        client_for(second_peer).post(url, {"body": "Agreed, and report back.", "parent": top.pk, "client_key": "b"})
        nested = Reply.objects.get(author=second_peer)
        assert nested.parent == top
        kinds = sorted(Notification.objects.filter(recipient=member).values_list("kind", flat=True))
        assert kinds == [NotificationKind.REPLY, NotificationKind.REPLY]
        assert Notification.objects.filter(recipient=follower, kind=NotificationKind.FOLLOWED_REPLY).count() == 2
        assert Notification.objects.filter(recipient=first_peer, kind=NotificationKind.FOLLOWED_REPLY).count() == 1

    def test_reply_to_a_nested_reply_stays_one_level_deep(self, member):
        top = ReplyFactory()
        child, _created = services.reply_create(challenge=top.challenge, author=member, body="x", parent=top)
        grandchild, _created = services.reply_create(challenge=top.challenge, author=member, body="y", parent=child)
        assert grandchild.parent == top

    def test_double_click_reply_creates_one(self, member_client):
        challenge = ChallengeFactory()
        url = reverse("network:reply_create", args=[challenge.pk])
        member_client.post(url, {"body": "Once", "client_key": "same"})
        member_client.post(url, {"body": "Once", "client_key": "same"})
        assert Reply.objects.count() == 1

    def test_empty_reply_is_refused(self, member_client):
        challenge = ChallengeFactory()
        response = member_client.post(reverse("network:reply_create", args=[challenge.pk]), {"body": "  "})
        assert response.status_code == 400
        assert not Reply.objects.exists()

    def test_closed_challenge_takes_no_replies(self, member_client):
        challenge = ChallengeFactory(status=ChallengeStatus.CLOSED)
        assert (
            member_client.post(reverse("network:reply_create", args=[challenge.pk]), {"body": "x"}).status_code == 403
        )

    def test_mention_notifies(self, member):
        named = UserFactory(display_name="Dara Kim")
        services.reply_create(
            challenge=ChallengeFactory(author=member), author=UserFactory(), body="Ask @dara-kim, he did this."
        )
        assert Notification.objects.filter(recipient=named, kind=NotificationKind.MENTION).count() == 1

    def test_only_the_reply_author_edits_and_it_is_marked(self, client_for):
        reply = ReplyFactory()
        url = reverse("network:reply_update", args=[reply.challenge_id, reply.pk])
        assert client_for(UserFactory()).post(url, {"body": "mine now"}).status_code == 403
        client_for(reply.author).post(url, {"body": "Corrected"})
        reply.refresh_from_db()
        assert (reply.body, reply.edited_at is not None) == ("Corrected", True)


class TestVotesAndAnswers:
    def test_one_helpful_vote_per_person(self, client_for):
        reply = ReplyFactory()
        voter = client_for(UserFactory())
        url = reverse("network:reply_vote", args=[reply.challenge_id, reply.pk])
        voter.post(url)
        assert reply.votes.count() == 1
        voter.post(url)  # a second click takes it back
        assert reply.votes.count() == 0

    def test_author_accepts_an_answer(self, client_for):
        reply = ReplyFactory()
        client_for(reply.challenge.author).post(reverse("network:reply_accept", args=[reply.challenge_id, reply.pk]))
        reply.refresh_from_db()
        reply.challenge.refresh_from_db()
        assert reply.is_accepted and reply.challenge.status == ChallengeStatus.ANSWERED
        assert Notification.objects.filter(recipient=reply.author, kind=NotificationKind.ACCEPTED).exists()

    def test_others_may_not_accept(self, client_for):
        reply = ReplyFactory()
        response = client_for(UserFactory()).post(reverse("network:reply_accept", args=[reply.challenge_id, reply.pk]))
        assert response.status_code == 403
        reply.refresh_from_db()
        assert not reply.is_accepted


class TestModeration:
    def test_coordinator_hides_with_a_reason_the_author_sees(self, client_for, coordinator):
        reply = ReplyFactory(body="Rude words")
        client_for(coordinator).post(
            reverse("network:reply_moderate", args=[reply.challenge_id, reply.pk]),
            {"reason": "Please stay respectful."},
        )
        reply.refresh_from_db()
        assert reply.is_hidden
        author_view = client_for(reply.author).get(reply.challenge.get_absolute_url()).content.decode()
        assert "Please stay respectful." in author_view
        other_view = client_for(UserFactory()).get(reply.challenge.get_absolute_url()).content.decode()
        assert "Rude words" not in other_view and "Please stay respectful." not in other_view

    def test_hidden_challenge_is_gone_for_others(self, client_for, coordinator):
        challenge = ChallengeFactory()
        services.post_hide(post=challenge, by=coordinator, reason="Spam")
        assert client_for(UserFactory()).get(challenge.get_absolute_url()).status_code == 403
        assert client_for(challenge.author).get(challenge.get_absolute_url()).status_code == 200

    def test_member_may_not_moderate_but_may_report(self, member_client, client_for, coordinator):
        challenge = ChallengeFactory()
        assert (
            member_client.post(reverse("network:challenge_moderate", args=[challenge.pk]), {"reason": "x"}).status_code
            == 403
        )
        member_client.post(reverse("network:challenge_report", args=[challenge.pk]), {"reason": "This is an advert."})
        assert challenge.reports.get().reason == "This is an advert."


class TestAgenda:
    def test_author_puts_the_challenge_on_the_next_meeting(self, client_for, coordinator):
        challenge = ChallengeFactory()
        meeting = MeetingFactory(title="Monthly learning meeting")
        follower = UserFactory()
        services.challenge_toggle_follow(challenge=challenge, person=follower)
        client_for(challenge.author).post(
            reverse("network:challenge_schedule", args=[challenge.pk]), {"meeting": meeting.pk, "duration_minutes": 20}
        )
        # The author's choice is a proposal; the coordinator who runs the meeting accepts it.
        assert not AgendaItem.objects.filter(meeting=meeting).exists()
        proposal = challenge.agenda_proposals.get()
        client_for(coordinator).post(
            reverse("network:agenda_proposal_decide", args=[proposal.pk]), {"decision": "accept"}
        )
        item = AgendaItem.objects.get(meeting=meeting)
        assert item.title == f"Challenge: {challenge.title}"
        assert item.challenge_link.challenge == challenge
        assert Notification.objects.filter(recipient=follower, kind=NotificationKind.AGENDA, meeting=meeting).exists()
        meeting_page = client_for(follower).get(meeting.get_absolute_url()).content.decode()
        assert challenge.get_absolute_url() in meeting_page
        challenge_page = client_for(follower).get(challenge.get_absolute_url()).content.decode()
        assert meeting.get_absolute_url() in challenge_page

    def test_scheduling_twice_or_onto_a_past_meeting_is_refused(self, coordinator, client_for):
        challenge = ChallengeFactory()
        meeting = MeetingFactory()
        services.challenge_schedule(challenge=challenge, meeting=meeting, by=coordinator)
        with pytest.raises(Exception, match="already on that meeting"):
            services.challenge_schedule(challenge=challenge, meeting=meeting, by=coordinator)
        with pytest.raises(Exception, match="still to come"):
            services.challenge_schedule(challenge=challenge, meeting=PastMeetingFactory(), by=coordinator)

    def test_other_members_may_not_schedule(self, member_client):
        challenge = ChallengeFactory()
        assert member_client.get(reverse("network:challenge_schedule", args=[challenge.pk])).status_code == 403


class TestListAndSearch:
    def test_search_finds_words_in_title_body_and_replies(self, member_client):
        funding = ChallengeFactory(title="Funding sustainability", body="Our donor leaves.")
        ReplyFactory(challenge=ChallengeFactory(title="Volunteers"), body="We started a social enterprise bakery.")
        ChallengeFactory(title="Stress", body="Staff are tired.")
        titles = lambda q: [c.title for c in member_client.get(LIST + "?q=" + q).context["page"].object_list]  # noqa: E731
        assert titles("funding") == ["Funding sustainability"]
        assert titles("bakery") == ["Volunteers"]
        assert titles("donors") == ["Funding sustainability"]  # stemmed on PostgreSQL
        assert funding

    def test_title_match_ranks_above_body_match(self, member_client):
        ChallengeFactory(title="Staff", body="We need advice on fundraising from businesses.")
        ChallengeFactory(title="Fundraising from businesses", body="Where to start?")
        titles = [c.title for c in member_client.get(LIST + "?q=fundraising").context["page"].object_list]
        assert titles == ["Fundraising from businesses", "Staff"]

    def test_tabs_and_filters(self, member_client):
        answered = ChallengeFactory(title="Answered one")
        ReplyFactory(challenge=answered)
        ChallengeFactory(title="Waiting one")
        unanswered = [c.title for c in member_client.get(LIST + "?sort=unanswered").context["page"].object_list]
        assert unanswered == ["Waiting one"]
        assert member_client.get(LIST + "?status=nonsense&theme=zzz&sort=evil&page=x").status_code == 200

    def test_community_challenges_are_for_their_members(self, client_for, member):
        community = Community.objects.create(name="CoP-PwD", slug="cop-pwd")
        private = ChallengeFactory(title="Only for CoP-PwD", community=community)
        outsider = client_for(UserFactory())
        assert "Only for CoP-PwD" not in outsider.get(LIST).content.decode()
        assert outsider.get(private.get_absolute_url()).status_code == 403
        Membership.objects.create(community=community, person=member, status=MembershipStatus.ACTIVE)
        assert client_for(member).get(private.get_absolute_url()).status_code == 200

    def test_list_and_page_query_counts_do_not_grow(self, member_client, django_assert_num_queries):
        challenge = ChallengeFactory()
        ReplyFactory(challenge=challenge, author=AffiliationFactory().person)
        few_list, few_page = queries_for(member_client, LIST), queries_for(member_client, challenge.get_absolute_url())
        for _ in range(99):
            ReplyFactory(challenge=challenge, author=AffiliationFactory().person)
        ChallengeFactory.create_batch(30)
        with django_assert_num_queries(few_list):
            member_client.get(LIST)
        with django_assert_num_queries(few_page):
            response = member_client.get(challenge.get_absolute_url())
        # The page shows the first 50 threads of the 100 (network.selectors.REPLY_THREADS_PER_PAGE).
        assert len(response.context["threads"]) == 50
        assert response.context["page"].paginator.count == 100
