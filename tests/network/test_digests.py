from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from common.models import Delivery, DeliveryStatus
from members.enums import DigestFrequency
from members.models import User
from network import services, tasks
from network.models import Challenge
from network.services import digests
from network.services.digests import DIGEST
from proposals.enums import ProposalStatus
from proposals.models import StatusChange
from tests.factories import (
    AffiliationFactory,
    ChallengeFactory,
    MeetingFactory,
    OrganisationFactory,
    ProposalFactory,
    ResourceFactory,
    UserFactory,
)
from tests.helpers import lease_chunks, ledger_writes, queries_besides_ledger_writes

pytestmark = pytest.mark.django_db
T0 = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def reader(db):
    """A weekly reader whose organisation works on education; joined before T0."""
    with at(T0 - timedelta(days=30)):
        person = AffiliationFactory(
            person__email="reader@ngo.example", organisation=OrganisationFactory(focus_areas=["education"])
        ).person
    return person


def education_challenge(title, when):
    with at(when):
        challenge = ChallengeFactory(title=title)
        challenge.themes.set(challenge.themes.model.objects.filter(slug="education"))
        Challenge.objects.filter(pk=challenge.pk).update(created_at=when)
    return challenge


def digests_to(address):
    return [m for m in mail.outbox if m.to == [address] and "What is new" in m.subject]


class TestContent:
    def test_digest_gathers_my_themes_follows_resources_and_meetings(self, reader):
        education_challenge("Teachers leave after a year", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=2)):
            ChallengeFactory(title="Unrelated theme")
            followed = ChallengeFactory(title="Followed one")
            services.challenge_toggle_follow(challenge=followed, person=reader)
            services.reply_create(challenge=followed, author=UserFactory(display_name="Bopha Ros"), body="An idea")
            services.reply_create(challenge=followed, author=reader, body="My own reply")
            ResourceFactory(title="Fundraising guide")
            MeetingFactory(title="Monthly learning meeting", starts_at=T0 + timedelta(days=9))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        [digest] = digests_to(reader.email)
        assert "Teachers leave after a year" in digest.body
        assert "Unrelated theme" not in digest.body
        assert "Bopha Ros on “Followed one”" in digest.body
        assert "My own reply" not in digest.body and digest.body.count("on “Followed one”") == 1
        assert "Fundraising guide" in digest.body
        assert "Monthly learning meeting" in digest.body
        assert digest.alternatives[0][1] == "text/html"

    def test_a_proposals_new_status_reads_in_each_authors_language(self, reader):
        khmer = AffiliationFactory(
            person__email="khmer@ngo.example",
            person__language="km",
            organisation=reader.affiliations.get().organisation,
        ).person
        User.objects.filter(pk=khmer.pk).update(date_joined=T0 - timedelta(days=30))
        with at(T0 + timedelta(days=2)):
            proposal = ProposalFactory(title="Kuy songs", authors=[reader, khmer])
            StatusChange.objects.create(
                proposal=proposal, from_status=ProposalStatus.SUBMITTED, to_status=ProposalStatus.APPROVED
            )
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        with translation.override("km"):
            approved_in_khmer = str(ProposalStatus.APPROVED.label)
        assert approved_in_khmer != "Approved"
        [english] = digests_to(reader.email)
        [khmer_digest] = [m for m in mail.outbox if m.to == [khmer.email]]  # its subject is in Khmer too
        assert "Kuy songs: Approved" in english.body
        assert f"Kuy songs: {approved_in_khmer}" in khmer_digest.body

    def test_empty_digest_is_not_sent(self, reader):
        with at(T0 + timedelta(days=7)):
            MeetingFactory(starts_at=T0 + timedelta(days=9))
            tasks.digests_sweep_task()
        assert digests_to(reader.email) == []
        assert not Delivery.objects.filter(kind=DIGEST).exists()

    def test_people_who_turned_it_off_get_nothing(self, reader):
        reader.digest_frequency = DigestFrequency.OFF
        reader.save()
        education_challenge("News", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        assert digests_to(reader.email) == []


class TestWindows:
    def test_the_second_digest_starts_where_the_first_ended(self, reader):
        education_challenge("First week", T0 + timedelta(days=1))
        first_run = T0 + timedelta(days=7)
        with at(first_run):
            tasks.digests_sweep_task()
            tasks.digests_sweep_task()  # beat fires twice: no duplicate
        assert len(digests_to(reader.email)) == 1
        education_challenge("Second week", first_run + timedelta(hours=1))
        with at(first_run + timedelta(days=3)):
            tasks.digests_sweep_task()
        assert len(digests_to(reader.email)) == 1  # a weekly digest is not due again yet
        with at(first_run + timedelta(days=7)):
            tasks.digests_sweep_task()
        first, second = digests_to(reader.email)
        assert "First week" in first.body and "Second week" not in first.body
        assert "Second week" in second.body and "First week" not in second.body
        windows = list(
            Delivery.objects.filter(recipient=reader, kind=DIGEST)
            .order_by("window_end")
            .values_list("window_start", "window_end")
        )
        assert windows[1][0] == windows[0][1] == first_run

    def test_a_quiet_week_extends_the_next_window(self, reader):
        education_challenge("First news", T0 + timedelta(days=1))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        with at(T0 + timedelta(days=14)):
            tasks.digests_sweep_task()  # nothing new: nothing sent, nothing recorded
        assert Delivery.objects.filter(recipient=reader, kind=DIGEST).count() == 1
        education_challenge("Later news", T0 + timedelta(days=17))
        with at(T0 + timedelta(days=21)):
            tasks.digests_sweep_task()
        latest = Delivery.objects.filter(recipient=reader, kind=DIGEST).latest("window_end")
        assert (latest.window_start, latest.window_end) == (T0 + timedelta(days=7), T0 + timedelta(days=21))

    def test_a_challenge_committed_during_a_digest_run_is_in_exactly_one_digest(self, reader):
        education_challenge("Already there", T0 + timedelta(days=2))
        run = T0 + timedelta(days=7)
        with at(run):
            tasks.digests_sweep_task()
        # Created a second before the sweep, committed after it read: the next digest has it.
        education_challenge("Committed late", run - timedelta(seconds=1))
        education_challenge("Next week", run + timedelta(days=1))
        with at(run + timedelta(days=7)):
            tasks.digests_sweep_task()
        first, second = digests_to(reader.email)
        assert "Already there" in first.body and "Committed late" not in first.body
        assert "Committed late" in second.body and "Already there" not in second.body

    def test_two_sweeps_seconds_apart_give_one_digest(self, reader):
        education_challenge("News", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        with at(T0 + timedelta(days=7, seconds=5)):
            assert reader.pk not in digests.due_ids()
            tasks.digests_sweep_task()
        assert len(digests_to(reader.email)) == 1
        assert Delivery.objects.filter(recipient=reader).count() == 1

    def test_a_given_up_digest_does_not_block_the_next(self, reader, settings):
        from tests.common import mail_backends

        settings.EMAIL_BACKEND = "tests.common.mail_backends.RefusesOneAddress"
        mail_backends.RefusesOneAddress.refused_address = reader.email
        education_challenge("Bounced", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        assert Delivery.objects.get(recipient=reader).status == DeliveryStatus.GIVEN_UP
        mail_backends.RefusesOneAddress.refused_address = "nobody"
        education_challenge("Delivered", T0 + timedelta(days=9))
        with at(T0 + timedelta(days=14)):
            tasks.digests_sweep_task()
        [digest] = digests_to(reader.email)
        assert "Delivered" in digest.body and "Bounced" not in digest.body

    def test_daily_readers_are_due_every_day(self, reader):
        reader.digest_frequency = DigestFrequency.DAILY
        reader.save()
        education_challenge("Today", T0 + timedelta(hours=3))
        with at(T0 + timedelta(days=1, minutes=5)):
            tasks.digests_sweep_task()
        assert len(digests_to(reader.email)) == 1

    def test_query_count_per_batch_does_not_grow(self, reader):
        few = [reader] + [
            AffiliationFactory(organisation=reader.affiliations.get().organisation).person for _ in range(2)
        ]
        many = [AffiliationFactory(organisation=reader.affiliations.get().organisation).person for _ in range(40)]
        education_challenge("News for all", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            with CaptureQueriesContext(connection) as small:
                digests.send_digests(
                    recipient_ids=[p.pk for p in few], window_end_iso=(T0 + timedelta(days=7)).isoformat(), claim="a"
                )
            with CaptureQueriesContext(connection) as large:
                digests.send_digests(
                    recipient_ids=[p.pk for p in many], window_end_iso=(T0 + timedelta(days=7)).isoformat(), claim="b"
                )
        # Reads and the batch's claim stay flat; each chunk of rows adds its lease (two statements), and
        # each message exactly its outcome.
        assert queries_besides_ledger_writes(large.captured_queries) - queries_besides_ledger_writes(
            small.captured_queries
        ) == 2 * (lease_chunks(40) - lease_chunks(3))
        assert (len(ledger_writes(small.captured_queries)), len(ledger_writes(large.captured_queries))) == (3, 40)
        assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 43


class TestUnsubscribe:
    def test_one_click_unsubscribe(self, reader):
        education_challenge("News", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        [digest] = digests_to(reader.email)
        url = digest.extra_headers["List-Unsubscribe"].strip("<>")
        assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url in digest.body
        path = url.replace("http://127.0.0.1:8000", "")
        client = Client(enforce_csrf_checks=True)
        assert "Stop the e-mail digest?" in client.get(path).content.decode()
        reader.refresh_from_db()
        assert reader.digest_frequency == DigestFrequency.WEEKLY  # a link scanner's GET changes nothing
        client.post(path, {"List-Unsubscribe": "One-Click"})
        reader.refresh_from_db()
        assert reader.digest_frequency == DigestFrequency.OFF

    def test_a_forged_link_is_refused(self, client):
        assert client.post(reverse("network:digest_unsubscribe", args=["forged:token"])).status_code == 404

    def test_people_see_their_own_digests_only(self, reader, member_client):
        education_challenge("News", T0 + timedelta(days=2))
        with at(T0 + timedelta(days=7)):
            tasks.digests_sweep_task()
        own = Client()
        own.force_login(reader)
        assert "4 Jan 2027" in own.get(reverse("network:digest_list")).content.decode()
        assert "4 Jan 2027" not in member_client.get(reverse("network:digest_list")).content.decode()
        assert Client().get(reverse("network:digest_list")).status_code == 302
