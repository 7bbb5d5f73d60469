"""The one mail pipeline: rendering, the ledger's states, faults of the mail server, retries and the log."""

import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.safestring import mark_safe

from common.mail import NOTICE, Fragments, Rendered, render_for, render_message
from common.mail.sending import claim_rows, send_rows
from common.mail.sweep import deliveries_requeue
from common.models import Delivery, DeliveryStatus
from events import services as events_services
from events import tasks as event_tasks
from members.models import Invitation
from tests.common import mail_backends
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 5, 1, 30, tzinfo=UTC)


def at(moment):
    return time_machine.travel(moment, tick=False)


class TestRendering:
    def test_subject_is_plain_text_on_one_line_and_headers_mark_it_automatic(self, settings):
        settings.NETWORK_NAME = "Live & Learn\nCambodia"
        message = render_message(
            "digest", to="a@ngo.example", context={"content": None}, unsubscribe_url="https://x.example/u/1"
        )
        assert message.subject == "What is new in Live & Learn Cambodia"
        assert message.extra_headers["Auto-Submitted"] == "auto-generated"
        assert message.extra_headers["Message-ID"].endswith("@127.0.0.1>")
        assert message.extra_headers["List-Unsubscribe"] == "<https://x.example/u/1>"
        assert '<html lang="en">' in message.alternatives[0][0]


class TestSharedRendering:
    """A batch renders what its readers share once per language and time zone (Fragments.message);
    each reader's e-mail must read exactly as if it had been rendered for them alone."""

    SECTIONS = Rendered(text="\nNew in the resource centre\n- Guide\n", html=mark_safe("<h2>New</h2>\n"))
    CONTEXT = {"start": START, "end": START + timedelta(days=7), "preferences_url": "https://x.example/p"}

    def alone(self, person, sections):
        context = {**self.CONTEXT, "sections": sections, "unsubscribe_url": "https://x.example/u/1"}
        return render_for(person, "digest", context=context)

    def test_each_reader_reads_what_a_rendering_for_them_alone_gives(self):
        people = [
            UserFactory(display_name='Dara "<b>" & Co', time_zone="Asia/Phnom_Penh"),
            UserFactory(display_name="Sokha", time_zone="Asia/Phnom_Penh"),
            UserFactory(display_name="សុខា", language="km", time_zone="UTC"),
        ]
        fragments = Fragments()
        for person in people:
            shared = fragments.message(
                "digest",
                key="week",
                context=self.CONTEXT,
                personal={"sections": self.SECTIONS, "unsubscribe_url": "https://x.example/u/1"},
                person=person,
                unsubscribe_url="https://x.example/u/1",
            )
            assert shared.subject == self.alone(person, self.SECTIONS.text).subject
            assert shared.body == self.alone(person, self.SECTIONS.text).body
            assert shared.alternatives[0][0] == self.alone(person, self.SECTIONS.html).alternatives[0][0]
            assert shared.to == [person.email]
            assert shared.extra_headers["List-Unsubscribe"] == "<https://x.example/u/1>"
        assert "Hello Dara &quot;&lt;b&gt;&quot; &amp; Co," in shared_html(fragments, people[0], self)
        assert 'Hello Dara "<b>" & Co,' in shared_text(fragments, people[0], self)

    def test_a_name_holding_the_placeholder_mark_is_rendered_for_its_reader_alone(self):
        person = UserFactory(display_name="A\ue000name\ue001B")
        assert shared_text(Fragments(), person, self).startswith("Hello A\ue000name\ue001B,")

    def test_a_template_reading_more_of_the_person_than_the_name_is_rendered_for_each(self, settings, tmp_path):
        (tmp_path / "emails").mkdir()
        (tmp_path / "emails" / "peek.subject.txt").write_text("Hi")
        (tmp_path / "emails" / "peek.txt").write_text("{{ person.name }} <{{ person.email }}>")
        (tmp_path / "emails" / "peek.html").write_text("<p>{{ person.name }} &lt;{{ person.email }}&gt;</p>")
        settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
        fragments = Fragments()
        people = [UserFactory(display_name="Dara", email="dara@ngo.example"), UserFactory(display_name="Sokha")]
        bodies = [fragments.message("peek", key=None, context={}, personal={}, person=person).body for person in people]
        assert bodies == [f"{person.name} <{person.email}>" for person in people]


def shared_text(fragments, person, case):
    return fragments.message(
        "digest",
        key="week",
        context=case.CONTEXT,
        personal={"sections": case.SECTIONS, "unsubscribe_url": ""},
        person=person,
    ).body


def shared_html(fragments, person, case):
    return fragments.message(
        "digest",
        key="week",
        context=case.CONTEXT,
        personal={"sections": case.SECTIONS, "unsubscribe_url": ""},
        person=person,
    ).alternatives[0][0]


class TestLeases:
    def test_a_chunk_whose_lease_is_half_gone_is_renewed_so_no_other_sender_takes_its_rows(self, settings):
        settings.MAIL_LEASE_SECONDS = 1
        people = UserFactory.create_batch(3)
        rows = [row for _person, row in claim_rows(recipients=people, occasion="lease", kind=NOTICE, claim="first")]
        other = {}

        def build(row):
            time.sleep(0.6)  # three messages take longer than the one-second lease
            if row.pk == rows[-1].pk:
                # Another sender (the sweep, a second task) tries while the first still sends the last one.
                other["result"] = send_rows(
                    Delivery.objects.filter(pk__in=[r.pk for r in rows]), build=message, claim="second"
                )
            return message(row)

        def message(row):
            return EmailMultiAlternatives("Notice", "Body", to=[row.address])

        result = send_rows(rows, build=build, claim="first")
        assert sorted(result.sent) == sorted(p.pk for p in people)
        assert other["result"].sent == [] and sorted(other["result"].skipped) == sorted(p.pk for p in people)
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
        assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}


@pytest.fixture
def meeting(db):
    with at(START - timedelta(days=30)):
        return MeetingFactory(title="Monthly learning meeting", starts_at=START, ends_at=START + timedelta(minutes=90))


class TestFaults:
    def test_a_550_for_one_address_gives_that_row_up_and_the_batch_goes_on(self, meeting, settings):
        people = [UserFactory(email=f"m{n}@ngo.example") for n in range(4)]
        settings.EMAIL_BACKEND = "tests.common.mail_backends.RefusesOneAddress"
        mail_backends.RefusesOneAddress.refused_address = people[1].email
        with at(START - timedelta(hours=23)):
            event_tasks.reminders_sweep_task()
        refused = Delivery.objects.get(recipient=people[1])
        assert refused.status == DeliveryStatus.GIVEN_UP
        assert "550 5.1.1 No such user here" in refused.error
        assert people[1].email not in [m.to[0] for m in mail.outbox]
        assert {people[0].email, people[2].email, people[3].email} <= {m.to[0] for m in mail.outbox}
        with at(START - timedelta(hours=20)):
            assert deliveries_requeue() == 0  # given up is not retried by itself

    def test_421_for_a_while_then_every_message_goes_once(self, meeting, settings):
        people = [UserFactory(email=f"m{n}@ngo.example") for n in range(5)]
        settings.EMAIL_BACKEND = "tests.common.mail_backends.Busy"
        mail_backends.Busy.busy = True
        with at(START - timedelta(hours=23)):
            event_tasks.reminders_sweep_task()
        assert mail.outbox == []
        states = set(Delivery.objects.values_list("status", flat=True))
        assert states == {DeliveryStatus.FAILED}
        assert "421" in Delivery.objects.first().error
        mail_backends.Busy.busy = False
        with at(START - timedelta(hours=23) + timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS * 2)):
            deliveries_requeue()
            deliveries_requeue()
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
        assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == Delivery.objects.count() == 5

    def test_a_smtp_failure_during_an_invitation_gives_a_normal_page_and_it_goes_on_retry(
        self, coordinator_client, settings, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = "tests.common.mail_backends.ServerGoesAway"
        mail_backends.ServerGoesAway.broken_address = "new.leader@ngo.org"
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(
                reverse("members:invitation_create"),
                {"email": "new.leader@ngo.org", "display_name": "New Leader", "role": "member", "message": ""},
            )
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert invitation.sent_at is None and mail.outbox == []
        assert Delivery.objects.get().status == DeliveryStatus.FAILED
        mail_backends.ServerGoesAway.broken_address = "nobody"
        with at(datetime.now(UTC) + timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS + 1)):
            deliveries_requeue()
        assert [m.to for m in mail.outbox] == [["new.leader@ngo.org"]]
        invitation.refresh_from_db()
        assert invitation.sent_at is not None

    def test_a_smtp_failure_during_a_join_request_gives_a_normal_page_and_it_goes_on_retry(
        self, client, pending_user, coordinator, settings, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = "tests.common.mail_backends.ServerGoesAway"
        mail_backends.ServerGoesAway.broken_address = coordinator.email
        client.force_login(pending_user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("members:join_request_create"),
                {"organisation_name": "Mekong Youth", "position": "Director", "mission": "Youth"},
            )
        assert response.status_code in (200, 302)
        row = Delivery.objects.get(recipient=coordinator)
        assert row.status == DeliveryStatus.FAILED
        mail_backends.ServerGoesAway.broken_address = "nobody"
        with at(datetime.now(UTC) + timedelta(seconds=settings.MAIL_RETRY_BASE_SECONDS + 1)):
            deliveries_requeue()
        assert [m.to for m in mail.outbox] == [[coordinator.email]]


class TestMeetingChanges:
    def test_a_move_sends_one_notice_with_the_updated_calendar_file(self, meeting, coordinator):
        person = UserFactory(email="coming@ngo.example")
        events_services.rsvp_set(meeting=meeting, person=person, response="yes")
        later = START + timedelta(days=2)
        with at(START - timedelta(days=3)):
            events_services.meeting_update(
                meeting=meeting, by=coordinator, starts_at=later, ends_at=later + timedelta(hours=1)
            )
            event_tasks.meeting_changed_task(meeting_id=meeting.pk, notice="moved")  # queued twice: told once
        [notice] = [m for m in mail.outbox if m.subject.startswith("Moved")]
        assert notice.to == ["coming@ngo.example"]
        ics = notice.attachments[0][1]
        ics = ics.decode() if isinstance(ics, bytes) else ics
        assert "SEQUENCE:1" in ics and f"UID:{meeting.uid}@" in ics

    def test_a_batch_stopped_by_a_move_tells_those_it_reminded_even_after_the_changes_own_notices(
        self, meeting, settings
    ):
        people = [UserFactory(email=f"m{n}@ngo.example") for n in range(3)]
        settings.MAIL_RECHECK_SECONDS = 0  # the batch reads its meeting before every message
        settings.EMAIL_BACKEND = "tests.common.mail_backends.MovesTheMeeting"
        mail_backends.MovesTheMeeting.meeting_id = meeting.pk
        with at(START - timedelta(hours=23)):
            event_tasks.meeting_reminders_task(
                meeting_id=meeting.pk,
                offset=24 * 60,
                starts_at_iso=meeting.starts_at.isoformat(),
                recipient_ids=[p.pk for p in people],
            )
        [reminder] = [m for m in mail.outbox if m.subject.startswith("Reminder")]
        # The move's own notices (planned before this reminder was recorded) would have missed them.
        assert [m.to for m in mail.outbox if m.subject.startswith("Moved")] == [reminder.to]

    def test_a_cancellation_cancels_the_event_in_the_calendar(
        self, meeting, coordinator, django_capture_on_commit_callbacks
    ):
        UserFactory(email="member@ngo.example")
        with at(START - timedelta(days=3)), django_capture_on_commit_callbacks(execute=True):
            events_services.meeting_cancel(meeting=meeting, by=coordinator, reason="Flooding")
        notices = [m for m in mail.outbox if m.subject.startswith("Cancelled")]
        assert len(notices) == 2  # the member and the coordinator, once each
        ics = notices[0].attachments[0][1]
        assert "METHOD:CANCEL" in (ics.decode() if isinstance(ics, bytes) else ics)


class TestRetryFromTheLog:
    def failed_row(self, meeting, settings):
        person = UserFactory(email="late@ngo.example")
        settings.EMAIL_BACKEND = "tests.common.mail_backends.RefusesOneAddress"
        mail_backends.RefusesOneAddress.refused_address = person.email
        with at(START - timedelta(hours=23)):
            event_tasks.reminders_sweep_task()
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        mail.outbox.clear()
        return Delivery.objects.get(recipient=person)

    def test_a_coordinator_retries_a_given_up_email(
        self, meeting, settings, coordinator_client, django_capture_on_commit_callbacks
    ):
        row = self.failed_row(meeting, settings)
        log = reverse("network:delivery_list", args=[meeting.pk])
        assert "No such user here" in coordinator_client.get(log).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = coordinator_client.post(reverse("network:delivery_retry", args=[row.pk]), {"next": log})
        assert response.status_code == 302 and response["Location"] == log
        row.refresh_from_db()
        assert row.status == DeliveryStatus.SENT
        assert [m.to for m in mail.outbox] == [["late@ngo.example"]]

    def test_a_member_may_not_retry_or_read_a_persons_log(self, meeting, settings, member_client, member):
        row = self.failed_row(meeting, settings)
        assert member_client.post(reverse("network:delivery_retry", args=[row.pk])).status_code == 403
        assert member_client.get(reverse("network:delivery_list_person", args=[member.pk])).status_code == 403
        row.refresh_from_db()
        assert row.status == DeliveryStatus.GIVEN_UP

    def test_a_coordinator_reads_a_persons_log(self, meeting, settings, coordinator_client):
        row = self.failed_row(meeting, settings)
        html = coordinator_client.get(reverse("network:delivery_list_person", args=[row.recipient_id])).content.decode()
        assert "Given up" in html and "No such user here" in html
