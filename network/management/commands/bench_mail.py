"""Time the weekly digest for 5,000 people and the reminders of a 500-person meeting."""

import time
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from communities.enums import MembershipStatus
from communities.models import Community, Membership
from events.models import AgendaItem, Meeting
from events.services import reminders
from members.enums import Role
from members.models import Affiliation, FocusArea, Organisation, User
from network.models import Challenge, Follow, Reply, Resource
from network.services import digests

PEOPLE = 5000
MEETING_AUDIENCE = 500


class QueryCounter:
    """A connection.execute_wrapper that counts queries and the time spent waiting on them."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started

    def take(self) -> int:
        """The queries since the last take."""
        count, self.count = self.count, 0
        return count


class Command(BaseCommand):
    help = "Benchmark the weekly digest for 5,000 people and the reminders for a 500-person meeting."

    def add_arguments(self, parser):
        parser.add_argument("--data-only", action="store_true", help="Build the data and stop (for profiling).")

    def handle(self, *args, data_only=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: use `make bench`.")
        if User.objects.exists():
            raise CommandError("The benchmark needs an empty database.")
        started = time.perf_counter()
        meeting = self._data()
        self.stdout.write(
            f"Data: {PEOPLE} people, 400 challenges, 2,000 replies, 100 resources ({time.perf_counter() - started:.1f} s)"
        )
        if data_only:
            return
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self._measure("Weekly digest", self._digest, target=30)
            self._measure("Reminders, 500-person meeting", lambda: self._reminders(meeting), target=5)

    def _measure(self, label, work, *, target):
        """Time `work` (wall and this process's CPU: on a loaded machine the two part) and count its
        queries per chunk with a wrapper on the connection (CaptureQueriesContext keeps only the last
        9,000). work() yields once when it has planned the chunks, then the e-mails each chunk sent."""
        counter = QueryCounter()
        per_chunk, sent = [], 0
        started, cpu = time.perf_counter(), time.process_time()
        with connection.execute_wrapper(counter):
            batches = work()
            next(batches)
            planning = counter.take()
            for chunk_sent in batches:
                per_chunk.append(counter.take())
                sent += chunk_sent
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        verdict = "ok" if elapsed < target else "SLOW"
        counts = ", ".join(f"{count} × {queries}" for queries, count in sorted(Counter(per_chunk).items()))
        self.stdout.write(
            f"{label}: {sent} e-mails in {elapsed:.1f} s (target {target} s: {verdict}; {cpu:.1f} s of CPU here, "
            f"{counter.seconds:.1f} s waiting on PostgreSQL); {planning + sum(per_chunk)} queries: {planning} to "
            f"plan, then {len(per_chunk)} chunks of up to {reminders.CHUNK_SIZE} e-mails (chunks × queries: {counts})"
        )

    def _digest(self):
        now = timezone.now()
        due = digests.due_ids(now)
        yield
        for number, chunk in enumerate(reminders.chunks(due)):
            yield len(
                digests.send_digests(recipient_ids=chunk, window_end_iso=now.isoformat(), claim=f"bench-{number}").sent
            )

    def _reminders(self, meeting):
        ids = reminders.recipient_ids(meeting)
        yield
        for number, chunk in enumerate(reminders.chunks(ids)):
            yield len(
                reminders.send_meeting_reminders(
                    meeting_id=meeting.pk,
                    offset=1440,
                    starts_at_iso=meeting.starts_at.isoformat(),
                    recipient_ids=chunk,
                    claim=f"bench-r{number}",
                ).sent
            )

    def _data(self):
        joined = timezone.now() - timedelta(days=30)
        themes = list(FocusArea.objects.all())
        organisations = Organisation.objects.bulk_create(
            [Organisation(name=f"Bench NGO {n}", slug=f"bench-ngo-{n}", acronym=f"BN{n}") for n in range(100)]
        )
        for index, organisation in enumerate(organisations):
            organisation.focus_areas.set(themes[index % len(themes) : index % len(themes) + 2])
        people = User.objects.bulk_create(
            [
                User(
                    email=f"person{n}@bench.example",
                    display_name=f"Person {n}",
                    role=Role.MEMBER,
                    date_joined=joined,
                    password="!",
                )
                for n in range(PEOPLE)
            ],
            batch_size=1000,
        )
        Affiliation.objects.bulk_create(
            [
                Affiliation(person=person, organisation=organisations[n % len(organisations)])
                for n, person in enumerate(people)
            ],
            batch_size=1000,
        )
        week = timezone.now() - timedelta(days=3)
        challenges = Challenge.objects.bulk_create(
            [
                Challenge(author=people[n * 7], title=f"Challenge {n}", body="How do we keep funding?", created_at=week)
                for n in range(400)
            ]
        )
        through = Challenge.themes.through
        through.objects.bulk_create(
            [through(challenge=c, focusarea=themes[n % len(themes)]) for n, c in enumerate(challenges)]
        )
        Reply.objects.bulk_create(
            [
                Reply(challenge=challenges[n % 400], author=people[(n * 13) % PEOPLE], body="An idea", created_at=week)
                for n in range(2000)
            ],
            batch_size=1000,
        )
        Follow.objects.bulk_create(
            [Follow(challenge=challenges[n % 400], person=people[n]) for n in range(0, PEOPLE, 3)],
            batch_size=1000,
            ignore_conflicts=True,
        )
        Resource.objects.bulk_create(
            [Resource(kind="link", title=f"Guide {n}", url="https://example.org/", created_at=week) for n in range(100)]
        )
        community = Community.objects.create(name="Bench community", slug="bench-community")
        Membership.objects.bulk_create(
            [
                Membership(community=community, person=person, status=MembershipStatus.ACTIVE)
                for person in people[:MEETING_AUDIENCE]
            ]
        )
        start = timezone.now() + timedelta(hours=20)
        meeting = Meeting.objects.create(
            title="Bench community meeting",
            community=community,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            time_zone=settings.TIME_ZONE,
            online_url="https://meet.example/bench",
            reminder_offsets=[1440],
        )
        AgendaItem.objects.bulk_create([AgendaItem(meeting=meeting, position=n, title=f"Item {n}") for n in range(5)])
        return meeting
