import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from network import services
from network.enums import ChallengeStatus, ResourceKind
from network.models import Notification, Resource
from tests.factories import ChallengeFactory, ReplyFactory, ResourceFactory, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


class TestResources:
    def test_member_uploads_a_document_and_downloads_are_counted(self, member_client):
        pdf = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
        response = member_client.post(
            reverse("network:resource_create"),
            {"kind": "document", "title": "Fundraising guide", "file": pdf, "tags": "funding, guide"},
        )
        resource = Resource.objects.get()
        assert response.status_code == 302
        download = member_client.get(reverse("network:resource_download", args=[resource.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 guide"
        resource.refresh_from_db()
        assert resource.download_count == 1

    def test_exe_is_refused_and_title_kept(self, member_client):
        exe = SimpleUploadedFile("setup.exe", b"MZ", content_type="application/octet-stream")
        response = member_client.post(
            reverse("network:resource_create"), {"kind": "document", "title": "Typed title", "file": exe}
        )
        assert "is not a document or image we accept" in response.content.decode()
        assert 'value="Typed title"' in response.content.decode()
        assert not Resource.objects.exists()

    def test_a_link_needs_its_address(self, member_client):
        response = member_client.post(reverse("network:resource_create"), {"kind": "link", "title": "A link"})
        assert "Enter the link&#x27;s address." in response.content.decode()

    def test_members_only_by_default_public_when_marked(self):
        private = ResourceFactory(title="Members only")
        public = ResourceFactory(title="For everyone", is_public=True)
        anonymous = Client()
        assert anonymous.get(public.get_absolute_url()).status_code == 200
        assert anonymous.get(private.get_absolute_url()).status_code == 302
        listing = anonymous.get(reverse("network:resource_list")).content.decode()
        assert "For everyone" in listing and "Members only" not in listing

    def test_search_and_theme_filter(self, member_client):
        ResourceFactory(title="Social enterprise checklist", tags="business")
        ResourceFactory(title="Safeguarding template")
        titles = [
            r.title
            for r in member_client.get(reverse("network:resource_list") + "?q=enterprise").context["page"].object_list
        ]
        assert titles == ["Social enterprise checklist"]

    def test_coordinator_turns_an_answered_challenge_into_a_case_study(self, coordinator_client, coordinator):
        reply = ReplyFactory()
        services.reply_set_accepted(reply=reply, by=reply.challenge.author)
        response = coordinator_client.post(
            reverse("network:case_study_create", args=[reply.challenge_id]),
            {"title": "Keeping funding", "summary": "What **worked**."},
        )
        case = Resource.objects.get(kind=ResourceKind.CASE_STUDY)
        assert response.status_code == 302 and case.challenge == reply.challenge
        assert "<strong>worked</strong>" in coordinator_client.get(case.get_absolute_url()).content.decode()

    def test_an_open_challenge_cannot_become_a_case_study(self, coordinator):
        with pytest.raises(Exception, match="Only an answered challenge"):
            services.case_study_from_challenge(
                challenge=ChallengeFactory(status=ChallengeStatus.OPEN), by=coordinator, summary="x"
            )

    def test_member_may_not_make_case_studies(self, member_client):
        challenge = ChallengeFactory(status=ChallengeStatus.ANSWERED)
        assert member_client.get(reverse("network:case_study_create", args=[challenge.pk])).status_code == 403

    def test_only_creator_or_coordinator_edits(self, member_client):
        resource = ResourceFactory(created_by=UserFactory())
        assert member_client.get(reverse("network:resource_update", args=[resource.pk])).status_code == 403

    def test_resource_list_query_count_does_not_grow(self, member_client, django_assert_num_queries):
        ResourceFactory()
        few = queries_for(member_client, reverse("network:resource_list"))
        ResourceFactory.create_batch(40)
        with django_assert_num_queries(few):
            member_client.get(reverse("network:resource_list"))


class TestNotifications:
    def test_bell_shows_unread_and_reading_clears_it(self, member_client, member):
        challenge = ChallengeFactory(author=member)
        services.reply_create(challenge=challenge, author=UserFactory(), body="An idea")
        html = member_client.get(reverse("dashboard_detail")).content.decode()
        assert "1 unread notification" in html
        notification = Notification.objects.get(recipient=member)
        response = member_client.post(reverse("network:notification_read"), {"notification": notification.pk})
        assert response.url.startswith(challenge.get_absolute_url())
        assert "unread notification" not in member_client.get(reverse("dashboard_detail")).content.decode()

    def test_mark_all_read(self, member_client, member):
        for _ in range(3):
            services.reply_create(challenge=ChallengeFactory(author=member), author=UserFactory(), body="x")
        member_client.post(reverse("network:notification_read"))
        assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()

    def test_nobody_reads_another_persons_notification(self, member_client, member):
        other = UserFactory()
        services.reply_create(challenge=ChallengeFactory(author=other), author=member, body="x")
        notification = Notification.objects.get(recipient=other)
        member_client.post(reverse("network:notification_read"), {"notification": notification.pk})
        notification.refresh_from_db()
        assert notification.read_at is None

    @pytest.mark.parametrize("bad_id", ["²", "abc", "99999999999999999999", ""])
    def test_a_notification_id_that_names_none_marks_nothing(self, member_client, member, bad_id):
        services.reply_create(challenge=ChallengeFactory(author=member), author=UserFactory(), body="x")
        response = member_client.post(reverse("network:notification_read"), {"notification": bad_id})
        assert response.status_code == 302
        assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 1

    def test_list_needs_sign_in(self, client):
        assert client.get(reverse("network:notification_list")).status_code == 302

    def test_dashboard_lists_challenges_waiting_in_my_themes(self, member_client, member):
        from tests.factories import AffiliationFactory, OrganisationFactory

        AffiliationFactory(person=member, organisation=OrganisationFactory(focus_areas=["education"]))
        waiting = ChallengeFactory(title="Teachers leave after a year")
        waiting.themes.set(waiting.themes.model.objects.filter(slug="education"))
        ChallengeFactory(title="Elsewhere")
        html = member_client.get(reverse("dashboard_detail")).content.decode()
        assert "Teachers leave after a year" in html and "Elsewhere" not in html
