"""Challenge attachments and resource files: private, and given per request to whoever may see their post."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from communities.models import Membership
from communities.services import membership_leave
from network import services
from network.models import Attachment, Resource
from network.views import public_media
from tests.factories import (
    ChallengeFactory,
    CommunityFactory,
    MembershipFactory,
    OrganisationFactory,
    ResourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLAN = b"%PDF-1.4 the community's plan"


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def pdf(name="Plan for Kuy schools.pdf", content=PLAN) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def community(db):
    return CommunityFactory(short_name="CoP-IP")


@pytest.fixture
def insider(community):
    return MembershipFactory(community=community, person__display_name="Kosal Chea").person


@pytest.fixture
def community_challenge(private_media, community, insider):
    challenge, _created = services.challenge_create(
        author=MembershipFactory(community=community).person,
        title="Keeping Kuy teachers",
        body="Our plan is attached.",
        community=community,
        files=[pdf()],
    )
    return challenge


def attachment_url(attachment: Attachment) -> str:
    return reverse("network:attachment_download", args=[attachment.challenge_id, attachment.pk])


class TestChallengeAttachments:
    def test_is_stored_privately_under_an_unguessable_name(self, community_challenge, private_media):
        attachment = community_challenge.attachments.get()
        assert re.fullmatch(r"challenges/[A-Za-z0-9_-]{32}\.pdf", attachment.file.name)
        assert attachment.name == "Plan for Kuy schools.pdf"
        assert (private_media / attachment.file.name).read_bytes() == PLAN

    def test_a_member_of_the_community_gets_it_under_its_own_name(self, community_challenge, insider):
        response = signed_in(insider).get(attachment_url(community_challenge.attachments.get()))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PLAN
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="Plan for Kuy schools.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"

    def test_a_member_outside_the_community_is_refused(self, community_challenge, member):
        assert signed_in(member).get(attachment_url(community_challenge.attachments.get())).status_code == 403

    def test_anonymous_people_are_sent_to_sign_in(self, community_challenge):
        response = Client().get(attachment_url(community_challenge.attachments.get()))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_a_hidden_challenges_attachment_is_refused_to_members_at_once(
        self, community_challenge, insider, coordinator
    ):
        url = attachment_url(community_challenge.attachments.get())
        reader = signed_in(insider)
        assert reader.get(url).status_code == 200
        services.post_hide(post=community_challenge, by=coordinator, reason="Names a child.")
        assert reader.get(url).status_code == 403
        assert signed_in(community_challenge.author).get(url).status_code == 200
        assert signed_in(coordinator).get(url).status_code == 200

    def test_a_member_who_leaves_the_community_loses_the_attachment(self, community_challenge, insider):
        url = attachment_url(community_challenge.attachments.get())
        reader = signed_in(insider)
        assert reader.get(url).status_code == 200
        membership_leave(membership=Membership.objects.get(person=insider), by=insider)
        assert reader.get(url).status_code == 403

    def test_an_attachment_is_not_found_through_another_challenge(self, community_challenge, insider):
        other = ChallengeFactory(author=insider)
        url = reverse("network:attachment_download", args=[other.pk, community_challenge.attachments.get().pk])
        assert signed_in(insider).get(url).status_code == 404

    def test_the_challenge_page_links_to_the_checked_view(self, community_challenge, insider):
        attachment = community_challenge.attachments.get()
        page = signed_in(insider).get(community_challenge.get_absolute_url()).content.decode()
        assert f'href="{attachment_url(attachment)}"' in page
        assert "/media/" not in page
        assert attachment.file.url == attachment_url(attachment)

    def test_the_admin_links_to_the_checked_view(self, community_challenge, coordinator):
        attachment = community_challenge.attachments.get()
        page = signed_in(coordinator).get(reverse("admin:network_challenge_change", args=[community_challenge.pk]))
        assert page.status_code == 200
        assert f'href="{attachment_url(attachment)}"' in page.content.decode()


@pytest.fixture
def members_only(private_media, community):
    # A resource names only a community its author belongs to.
    author = MembershipFactory(community=community).person
    return services.resource_save(
        by=author, kind="document", title="Kuy teachers' handbook", file=pdf("handbook.pdf"), community=community
    )


@pytest.fixture
def public(private_media):
    return services.resource_save(
        by=UserFactory(), kind="document", title="Open guide", file=pdf("guide.pdf", b"%PDF-1.4 open"), is_public=True
    )


def download_url(resource: Resource) -> str:
    return reverse("network:resource_download", args=[resource.pk])


class TestResourceFiles:
    def test_is_stored_privately_under_an_unguessable_name(self, members_only, private_media):
        assert re.fullmatch(r"resources/[A-Za-z0-9_-]{32}\.pdf", members_only.file.name)
        assert (private_media / members_only.file.name).read_bytes() == PLAN

    def test_a_member_of_the_community_downloads_it_named_after_its_title(self, members_only, insider):
        response = signed_in(insider).get(download_url(members_only))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PLAN
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="Kuy teachers\' handbook.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private"
        members_only.refresh_from_db()
        assert members_only.download_count == 1

    def test_a_member_outside_the_community_is_refused(self, members_only, member):
        assert signed_in(member).get(download_url(members_only)).status_code == 403

    def test_anonymous_people_are_sent_to_sign_in(self, members_only):
        response = Client().get(download_url(members_only))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_a_member_who_leaves_the_community_loses_its_files_at_once(self, members_only, insider):
        reader = signed_in(insider)
        assert reader.get(download_url(members_only)).status_code == 200
        membership_leave(membership=Membership.objects.get(person=insider), by=insider)
        assert reader.get(download_url(members_only)).status_code == 403
        members_only.refresh_from_db()
        assert members_only.download_count == 1

    def test_a_public_resource_is_downloaded_by_anyone(self, public):
        response = Client().get(download_url(public))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 open"

    def test_a_link_has_no_file_to_download(self, private_media, member):
        link = ResourceFactory(kind="link")
        assert signed_in(member).get(download_url(link)).status_code == 404
        link.refresh_from_db()
        assert link.download_count == 0

    def test_behind_nginx_the_answer_is_empty(self, public, settings):
        settings.PRIVATE_MEDIA_ACCEL_REDIRECT = "/protected/"
        response = Client().get(download_url(public))
        assert response.status_code == 200 and response.content == b""
        assert response["X-Accel-Redirect"] == f"/protected/{public.file.name}"
        assert response["Content-Disposition"] == 'attachment; filename="Open guide.pdf"'

    def test_the_edit_form_and_the_admin_link_to_the_checked_view(self, members_only, coordinator):
        client = signed_in(coordinator)
        form = client.get(reverse("network:resource_update", args=[members_only.pk])).content.decode()
        admin = client.get(reverse("admin:network_resource_change", args=[members_only.pk])).content.decode()
        assert f'href="{download_url(members_only)}"' in form
        assert f'href="{download_url(members_only)}"' in admin


def test_the_public_media_address_serves_logos_and_never_a_private_file(member):
    """As the quick start runs: the real roots, and /media/ served by Django from MEDIA_ROOT."""
    assert resolve("/media/logos/x.png").func is public_media
    organisation = OrganisationFactory(logo=SimpleUploadedFile("logo.gif", b"GIF89a", content_type="image/gif"))
    resource = services.resource_save(by=member, kind="document", title="Handbook", file=pdf("handbook.pdf"))
    try:
        client = signed_in(member)
        assert client.get(organisation.logo.url).status_code == 200
        assert client.get(f"/media/{resource.file.name}").status_code == 404
        assert client.get(download_url(resource)).status_code == 200
    finally:
        organisation.logo.delete(save=False)
        resource.file.delete(save=False)
