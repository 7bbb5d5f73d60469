import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from members import services
from members.enums import Role
from members.models import Invitation, User
from tests.factories import CoordinatorFactory, InvitationFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

STRONG = "kampong-cham-river-2026"


def link_from(message) -> str:
    match = re.search(r"http://[^\s]+/members/invitation/[^\s/]+/", message.body)
    assert match, message.body
    return match.group(0).replace("http://127.0.0.1:8000", "")


def invite(client, email="new.leader@ngo.org", **extra):
    data = {"email": email, "display_name": "New Leader", "role": Role.MEMBER, "message": "", **extra}
    return client.post(reverse("members:invitation_create"), data)


class TestInviting:
    def test_coordinator_invites_and_the_invitee_gets_a_link(
        self, coordinator_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = invite(coordinator_client)
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert invitation.email == "new.leader@ngo.org"
        assert invitation.sent_at is not None
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["new.leader@ngo.org"]
        assert "/members/invitation/" in mail.outbox[0].body
        assert mail.outbox[0].alternatives[0][1] == "text/html"

    def test_member_may_not_invite(self, member_client):
        assert invite(member_client).status_code == 403
        assert member_client.get(reverse("members:invitation_list")).status_code == 403
        assert not Invitation.objects.exists()

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(reverse("members:invitation_create"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))

    def test_inviting_an_existing_account_is_refused_and_keeps_the_input(self, coordinator_client, member):
        response = invite(coordinator_client, email=member.email.upper(), display_name="Typed Name")
        assert response.status_code == 200
        assert "already has an account" in response.content.decode()
        assert 'value="Typed Name"' in response.content.decode()
        assert not Invitation.objects.exists()

    def test_invalid_email_gets_a_message(self, coordinator_client):
        response = invite(coordinator_client, email="not-an-address")
        assert response.status_code == 200
        assert "Enter a valid email address." in response.content.decode()
        assert 'value="not-an-address"' in response.content.decode()

    def test_a_second_open_invitation_to_the_same_address_is_refused(self, coordinator_client):
        invite(coordinator_client)
        response = invite(coordinator_client)
        assert "already has an open invitation" in response.content.decode()
        assert Invitation.objects.count() == 1

    def test_invitation_list_query_count_does_not_grow(self, coordinator_client, django_assert_num_queries):
        coordinator = User.objects.get(role=Role.COORDINATOR)
        InvitationFactory(invited_by=coordinator)
        url = reverse("members:invitation_list")
        few = queries_for(coordinator_client, url)
        InvitationFactory.create_batch(40, invited_by=CoordinatorFactory())
        with django_assert_num_queries(few):
            response = coordinator_client.get(url)
        assert response.content.decode().count("<tr>") == 42


class TestAccepting:
    def make(self, **kwargs):
        invitation = InvitationFactory(display_name="Bopha", **kwargs)
        return invitation, reverse("members:invitation_accept", args=[services.invitation_token(invitation)])

    def test_invitee_sets_a_password_and_lands_signed_in(self, client):
        invitation, url = self.make(role=Role.COORDINATOR)
        page = client.get(url)
        assert page.status_code == 200
        assert invitation.email in page.content.decode()
        response = client.post(
            url, {"display_name": "Bopha Chea", "password1": STRONG, "password2": STRONG}, follow=True
        )
        assert response.redirect_chain[-1][0] == reverse("dashboard_detail")
        user = User.objects.get(email=invitation.email)
        assert user.role == Role.COORDINATOR
        assert user.display_name == "Bopha Chea"
        assert response.context["user"] == user
        assert EmailAddress.objects.get(user=user).verified is True
        invitation.refresh_from_db()
        assert invitation.accepted_by == user

    def test_used_link_says_so_and_offers_sign_in(self, client):
        invitation, url = self.make()
        client.post(url, {"display_name": "B", "password1": STRONG, "password2": STRONG})
        client.logout()
        response = client.get(url)
        assert response.status_code == 410
        assert "already been used" in response.content.decode()
        assert reverse("account_reset_password") in response.content.decode()
        assert User.objects.filter(email=invitation.email).count() == 1

    def test_expired_link_offers_to_ask_for_a_new_one(self, client, django_capture_on_commit_callbacks):
        invitation, url = self.make(expires_at=timezone.now() - timedelta(minutes=1))
        response = client.get(url)
        assert response.status_code == 410
        assert "has expired" in response.content.decode()
        assert "Ask for a new link" in response.content.decode()
        renew = reverse("members:invitation_request_renewal", args=[url.rstrip("/").rsplit("/", 1)[1]])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(renew)
            client.post(renew)
        assert [m.to for m in mail.outbox] == [[invitation.invited_by.email]]
        invitation.refresh_from_db()
        assert invitation.renewal_requested_at is not None
        assert "You have asked for a new link" in client.get(url).content.decode()

    def test_tampered_link_is_a_clear_404(self, client):
        _, url = self.make()
        tampered = url[:-2] + ("A" if url[-2] != "A" else "B") + "/"
        response = client.get(tampered)
        assert response.status_code == 404
        assert "not valid" in response.content.decode()

    def test_a_new_link_makes_the_old_one_useless(self, client):
        invitation, old_url = self.make()
        services.invitation_resend(invitation=invitation, by=invitation.invited_by)
        assert client.get(old_url).status_code == 404
        new_url = reverse("members:invitation_accept", args=[services.invitation_token(Invitation.objects.get())])
        assert client.get(new_url).status_code == 200

    def test_weak_password_is_refused_and_the_name_is_kept(self, client):
        invitation, url = self.make()
        response = client.post(url, {"display_name": "Kept Name", "password1": "123", "password2": "123"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "This password is too short" in html
        assert 'value="Kept Name"' in html
        assert not User.objects.filter(email=invitation.email).exists()

    def test_mismatched_passwords_are_refused(self, client):
        invitation, url = self.make()
        response = client.post(url, {"display_name": "X", "password1": STRONG, "password2": STRONG + "x"})
        assert "The two passwords differ." in response.content.decode()
        assert not User.objects.filter(email=invitation.email).exists()

    def test_accepting_twice_creates_one_account(self):
        invitation = InvitationFactory()
        services.invitation_accept(invitation=invitation, password=STRONG, display_name="A")
        with pytest.raises(Exception, match="already been used"):
            services.invitation_accept(invitation=invitation, password=STRONG, display_name="A")
        assert User.objects.filter(email=invitation.email).count() == 1


class TestManaging:
    def test_coordinator_withdraws_an_invitation(self, coordinator_client, coordinator):
        invitation = InvitationFactory(invited_by=coordinator)
        coordinator_client.post(reverse("members:invitation_revoke", args=[invitation.pk]))
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None

    def test_member_may_not_resend_or_withdraw(self, member_client):
        invitation = InvitationFactory()
        assert member_client.post(reverse("members:invitation_resend", args=[invitation.pk])).status_code == 403
        assert member_client.post(reverse("members:invitation_revoke", args=[invitation.pk])).status_code == 403
        invitation.refresh_from_db()
        assert invitation.revoked_at is None

    def test_resending_an_accepted_invitation_says_why_not(self, coordinator_client):
        invitation = InvitationFactory(accepted_at=timezone.now())
        response = coordinator_client.post(reverse("members:invitation_resend", args=[invitation.pk]), follow=True)
        assert "already accepted" in response.content.decode()


class TestInvitingIntoAnOrganisation:
    """An invitation may name an organisation and a role there; accepting it is the consent to be listed."""

    def test_coordinator_names_organisation_role_and_position(
        self, coordinator_client, organisation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = invite(
                coordinator_client, organisation=organisation.pk, organisation_role="leader", position="Director"
            )
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert (invitation.organisation, invitation.organisation_role, invitation.position) == (
            organisation,
            "leader",
            "Director",
        )
        assert f"It also asks you to join {organisation.name} (Leader)" in mail.outbox[0].body
        listing = coordinator_client.get(reverse("members:invitation_list")).content.decode()
        assert f"Leader at {escape(organisation.name)}" in listing

    def test_an_unknown_role_is_refused_on_its_field(self, coordinator_client, organisation):
        response = invite(coordinator_client, organisation=organisation.pk, organisation_role="owner")
        assert response.status_code == 200
        assert "organisation_role" in response.context["form"].errors
        assert not Invitation.objects.exists()

    def test_a_former_organisation_is_not_offered(self, coordinator_client, organisation):
        organisation.status = "former"
        organisation.save()
        response = invite(coordinator_client, organisation=organisation.pk)
        assert "organisation" in response.context["form"].errors
        assert not Invitation.objects.exists()

    def test_accepting_lists_the_person_in_the_role(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, organisation_role="leader", position="Director")
        url = reverse("members:invitation_accept", args=[services.invitation_token(invitation)])
        page = client.get(url).content.decode()
        assert f"List me at {escape(organisation.name)} as leader" in page
        assert re.search(r'<input type="checkbox" name="join_organisation"[^>]* checked', page)
        client.post(url, {"display_name": "Bopha", "password1": STRONG, "password2": STRONG, "join_organisation": "on"})
        user = User.objects.get(email=invitation.email)
        affiliation = user.affiliations.get()
        assert (affiliation.organisation, affiliation.role, affiliation.position) == (
            organisation,
            "leader",
            "Director",
        )

    def test_unticking_the_box_creates_the_account_without_listing(self, client, organisation):
        invitation = InvitationFactory(organisation=organisation, organisation_role="leader")
        url = reverse("members:invitation_accept", args=[services.invitation_token(invitation)])
        client.post(url, {"display_name": "Bopha", "password1": STRONG, "password2": STRONG})
        user = User.objects.get(email=invitation.email)
        assert not user.affiliations.exists()

    def test_nobody_is_listed_before_accepting(self, coordinator_client, organisation):
        invite(coordinator_client, organisation=organisation.pk, organisation_role="leader")
        assert not organisation.affiliations.exists()

    def test_an_invitation_without_an_organisation_has_no_box(self, client):
        invitation = InvitationFactory()
        url = reverse("members:invitation_accept", args=[services.invitation_token(invitation)])
        assert "join_organisation" not in client.get(url).content.decode()

    def test_a_member_may_not_invite_into_an_organisation(self, member_client, organisation):
        assert invite(member_client, organisation=organisation.pk, organisation_role="leader").status_code == 403
        assert not Invitation.objects.exists()
