from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from common.mail.sweep import deliveries_requeue
from common.models import Delivery, DeliveryStatus
from common.tasks import deliveries_send_task
from members.adapters import ACCOUNT_MAIL
from members.enums import Role
from members.models import User
from tests.common import mail_backends
from tests.factories import PASSWORD, UserFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


class TestSignIn:
    def test_member_signs_in_with_email_and_sees_the_dashboard(self, client, member):
        response = sign_in(client, member.email.upper())
        assert response.status_code == 302
        assert response.url == reverse("dashboard_detail")

    def test_wrong_password_gets_a_clear_message(self, client, member):
        response = sign_in(client, member.email, "wrong-password")
        assert response.status_code == 200
        assert "The email address and/or password you specified are not correct." in response.content.decode()
        assert f'value="{member.email}"' in response.content.decode()

    def test_unknown_email_gets_the_same_message(self, client):
        response = sign_in(client, "nobody@example.org", "whatever-password")
        assert response.status_code == 200
        assert "The email address and/or password you specified are not correct." in response.content.decode()

    def test_repeated_failures_are_rate_limited(self, client, member):
        for _ in range(5):
            sign_in(client, member.email, "wrong-password")
        response = sign_in(client, member.email, PASSWORD)
        assert response.status_code == 200
        assert "Too many failed login attempts" in response.content.decode()

    def test_logout_needs_a_post(self, client, member):
        client.force_login(member)
        client.get(reverse("account_logout"))
        assert client.get(reverse("dashboard_detail")).status_code == 200
        client.post(reverse("account_logout"))
        assert client.get(reverse("dashboard_detail")).status_code == 302

    def test_unverified_email_cannot_sign_in(self, client, db, django_capture_on_commit_callbacks):
        user = UserFactory(verified_email=False)
        EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_in(client, user.email)
        assert response.status_code == 302
        assert response.url == reverse("account_email_verification_sent")
        assert "confirm" in mail.outbox[-1].subject.lower()


class TestSignUp:
    def test_sign_up_is_closed_by_default(self, client):
        response = client.get(reverse("account_signup"))
        assert "Sign Up Closed" in response.content.decode()
        client.post(
            reverse("account_signup"),
            {"email": "x@example.org", "password1": "kampot-pepper-77", "password2": "kampot-pepper-77"},
        )
        assert not User.objects.filter(email="x@example.org").exists()

    @override_settings(OPEN_SIGNUP=True)
    def test_open_sign_up_waits_for_approval(self, client, coordinator, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("account_signup"),
                {"email": "new@ngo.org", "password1": "kampot-pepper-77", "password2": "kampot-pepper-77"},
            )
        user = User.objects.get(email="new@ngo.org")
        assert user.role == Role.PENDING
        assert "Confirm" in mail.outbox[-1].subject
        client.force_login(user)
        response = client.get(reverse("dashboard_detail"))
        assert "waiting for approval" in response.content.decode()
        assert client.get(reverse("members:invitation_list")).status_code == 403

        client.force_login(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("members:signup_list"), {"user": user.pk, "decision": "approve"})
        user.refresh_from_db()
        assert user.role == Role.MEMBER
        assert user.approved_by == coordinator
        assert mail.outbox[-1].to == ["new@ngo.org"]


class TestApprovals:
    def test_member_may_not_approve(self, member_client, pending_user):
        response = member_client.post(reverse("members:signup_list"), {"user": pending_user.pk, "decision": "approve"})
        assert response.status_code == 403
        pending_user.refresh_from_db()
        assert pending_user.role == Role.PENDING

    def test_coordinator_declines_a_sign_up(self, coordinator_client, pending_user):
        coordinator_client.post(reverse("members:signup_list"), {"user": pending_user.pk, "decision": "decline"})
        pending_user.refresh_from_db()
        assert pending_user.is_active is False

    def test_approving_someone_already_approved_says_why(self, coordinator_client, member):
        response = coordinator_client.post(
            reverse("members:signup_list"), {"user": member.pk, "decision": "approve"}, follow=True
        )
        assert "no longer waiting for approval" in response.content.decode()

    def test_list_shows_pending_people(self, coordinator_client, pending_user):
        response = coordinator_client.get(reverse("members:signup_list"))
        assert pending_user.email in response.content.decode()


class TestAccountPages:
    def test_password_reset_sends_a_link(self, client, member, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_reset_password"), {"email": member.email})
        assert mail.outbox[-1].to == [member.email]
        assert "/accounts/password/reset/key/" in mail.outbox[-1].body

    def test_email_change_page_is_for_signed_in_people(self, client, member):
        assert client.get(reverse("account_email")).status_code == 302
        client.force_login(member)
        assert client.get(reverse("account_email")).status_code == 200

    def test_preferences_save_language_and_time_zone(self, member_client, member):
        response = member_client.post(
            reverse("members:preferences_update"),
            {"display_name": "Dara K.", "language": "km", "time_zone": "Europe/Amsterdam", "digest_frequency": "daily"},
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert (member.display_name, member.language, member.time_zone, member.digest_frequency) == (
            "Dara K.",
            "km",
            "Europe/Amsterdam",
            "daily",
        )

    def test_unknown_time_zone_is_refused_and_input_kept(self, member_client, member):
        response = member_client.post(
            reverse("members:preferences_update"),
            {"display_name": "Typed", "language": "en", "time_zone": "Mars/Olympus", "digest_frequency": "weekly"},
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert 'value="Typed"' in response.content.decode()
        member.refresh_from_db()
        assert member.time_zone == "Asia/Phnom_Penh"

    def test_preferences_need_sign_in(self, client):
        assert client.get(reverse("members:preferences_update")).status_code == 302


class TestAccountMail:
    """allauth's e-mails go the one way: rendered in the reader's language with allauth's own words,
    recorded in the delivery ledger, sent by a worker after the request."""

    def reset(self, client, email, capture):
        with capture(execute=True):
            return client.post(reverse("account_reset_password"), {"email": email})

    def test_a_password_reset_is_sent_once_through_the_ledger_in_the_readers_language(
        self, client, member, django_capture_on_commit_callbacks
    ):
        member.language = "km"
        member.save()
        response = self.reset(client, member.email, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        [message] = mail.outbox
        assert message.to == [member.email]
        assert message.subject == "[Learning Network] អ៊ីមែលកំណត់ពាក្យសម្ងាត់ឡើងវិញ"
        assert "/accounts/password/reset/key/" in message.body
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        html = message.alternatives[0][0]
        assert '<html lang="km">' in html and 'href="http://testserver/accounts/password/reset/key/' in html
        row = Delivery.objects.get()
        assert (row.recipient, row.kind, row.status, row.subject) == (member, ACCOUNT_MAIL, "sent", message.subject)
        assert row.message == {}  # the link with its key is not kept once sent
        # Sent once: the task run again and the sweep send nothing more.
        deliveries_send_task(delivery_ids=[row.pk])
        deliveries_requeue(now=timezone.now() + timedelta(days=1))
        assert len(mail.outbox) == 1

    def test_an_smtp_failure_during_a_password_reset_gives_a_normal_page_and_it_goes_on_retry(
        self, client, member, settings, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = "tests.common.mail_backends.ServerGoesAway"
        mail_backends.ServerGoesAway.broken_address = member.email
        response = self.reset(client, member.email, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        assert response.url == reverse("account_reset_password_done")
        row = Delivery.objects.get(recipient=member)
        assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 1)
        assert "SMTPServerDisconnected" in row.error
        assert mail.outbox == []
        mail_backends.ServerGoesAway.broken_address = "nobody"
        with time_machine.travel(timezone.now() + timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS + 1)):
            deliveries_requeue()
        [message] = mail.outbox
        assert message.to == [member.email] and "/accounts/password/reset/key/" in message.body
        row.refresh_from_db()
        assert row.status == DeliveryStatus.SENT

    def test_a_reset_for_an_unknown_address_is_recorded_without_a_person(
        self, client, db, django_capture_on_commit_callbacks
    ):
        self.reset(client, "nobody@ngo.example", django_capture_on_commit_callbacks)
        row = Delivery.objects.get()
        assert (row.recipient, row.address, row.status) == (None, "nobody@ngo.example", DeliveryStatus.SENT)
        assert mail.outbox[0].to == ["nobody@ngo.example"]


class TestWhatPeopleWroteWhenSigningUp:
    """The coordinator who approves a sign-up reads what the person wrote: name, organisation, reason."""

    @override_settings(OPEN_SIGNUP=True)
    def test_sign_up_keeps_organisation_position_and_reason(self, coordinator_client):
        client = Client()
        form = client.get(reverse("account_signup")).content.decode()
        assert 'name="organisation_name"' in form and 'name="reason"' in form
        client.post(
            reverse("account_signup"),
            {
                "email": "sophea@ngo.org",
                "password1": "kampot-pepper-77",
                "password2": "kampot-pepper-77",
                "display_name": "Sophea Lim",
                "organisation_name": "Banteay Srei",
                "position": "Programme officer",
                "reason": "We run a CoP on women's safety\nand want to share it.",
            },
        )
        person = User.objects.get(email="sophea@ngo.org")
        assert (person.display_name, person.role) == ("Sophea Lim", Role.PENDING)
        note = person.signup_note
        assert (note.organisation_name, note.position) == ("Banteay Srei", "Programme officer")
        html = coordinator_client.get(reverse("members:signup_list")).content.decode()
        assert "Sophea Lim" in html and "Banteay Srei" in html and "Programme officer" in html
        assert "We run a CoP on women&#x27;s safety<br>and want to share it." in html

    def test_the_page_shows_the_request_to_join_they_sent(self, coordinator_client, pending_user):
        from members.models import JoinRequest

        JoinRequest.objects.create(
            requested_by=pending_user,
            organisation_name="Khmer Youth Voices",
            mission="Radio for young people",
            position="Founder",
            message="To learn from peers",
            website="https://kyv.example.org",
        )
        html = coordinator_client.get(reverse("members:signup_list")).content.decode()
        assert "They asked for Khmer Youth Voices to join the network" in html
        assert "Radio for young people" in html and "Founder" in html and "To learn from peers" in html
        assert 'href="https://kyv.example.org" rel="noopener noreferrer nofollow"' in html

    def test_someone_who_wrote_nothing_is_said_so(self, coordinator_client, pending_user):
        html = coordinator_client.get(reverse("members:signup_list")).content.decode()
        assert "They wrote nothing else when signing up." in html

    def test_hostile_text_is_escaped(self, coordinator_client, pending_user):
        from members.models import SignupNote

        SignupNote.objects.create(person=pending_user, organisation_name="<script>x</script>", reason="<b>hi</b>")
        html = coordinator_client.get(reverse("members:signup_list")).content.decode()
        assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
        assert "&lt;b&gt;hi&lt;/b&gt;" in html

    def test_a_member_may_not_read_them(self, member_client, pending_user):
        assert member_client.get(reverse("members:signup_list")).status_code == 403

    def test_query_count_does_not_grow(self, coordinator_client, django_assert_num_queries):
        from members.models import JoinRequest, SignupNote
        from tests.factories import PendingUserFactory

        def add():
            person = PendingUserFactory()
            SignupNote.objects.create(person=person, organisation_name="Org", reason="Because")
            JoinRequest.objects.create(requested_by=person, organisation_name=f"Org {person.pk}", mission="m")

        add()
        url = reverse("members:signup_list")
        few = queries_for(coordinator_client, url)
        for _ in range(8):
            add()
        with django_assert_num_queries(few):
            response = coordinator_client.get(url)
        assert response.content.decode().count('class="card signup"') == 9
