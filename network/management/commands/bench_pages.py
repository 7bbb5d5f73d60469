"""Time the key pages at the size of a real network, in-process and under gunicorn.

Builds 500 organisations, 5,000 people, 10,000 challenges with 40,000 replies, 40 communities (one with 500
members), about 2,000 meetings with 80,000 answers, and about 1,000 proposals with 20,000 budget lines, with bulk
inserts. Then it requests each key page at least 30 times as a member and as a coordinator (DEBUG off) and prints
`page=<name> role=<role> queries=<n> median_ms=<x> p95_ms=<y>`; last, under gunicorn on loopback, the requests per
second of the dashboard against a bare view behind the same middleware, as `throughput dashboard_over_bare=<r>`.
BENCH_SCALE (default 1) shrinks the data for trying things, for example BENCH_SCALE=0.1. `--keep` measures again on
a database this command filled before (building takes minutes), `--pages a,b` measures only those pages.
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from communities.enums import MembershipStatus
from communities.models import Community, Membership
from events.enums import RsvpResponse
from events.models import Meeting, Rsvp
from members.enums import Role
from members.models import Affiliation, FocusArea, Organisation, User
from network.models import Challenge, Reply
from proposals.enums import BudgetCategory, Currency, ProposalStatus
from proposals.models import BudgetLine, Call, Proposal

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
WORDS = ["funding", "training", "disability", "youth", "water", "health", "land", "women", "school", "budget"]


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Benchmark the key pages at the size of a real network."

    def add_arguments(self, parser):
        parser.add_argument("--no-throughput", action="store_true", help="Skip the gunicorn comparison.")
        parser.add_argument(
            "--keep", action="store_true", help="Reuse the data of an earlier run in this database if there is some."
        )
        parser.add_argument("--pages", default="", help="Comma-separated page names to measure (default: all).")
        parser.add_argument("--roles", default="member,coordinator", help="Comma-separated roles to measure.")

    def handle(self, *args, no_throughput=False, keep=False, pages="", roles="member,coordinator", **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: use `make bench`.")
        self.scale = float(os.environ.get("BENCH_SCALE", "1"))
        if keep and User.objects.filter(email="person0@bench.example").exists():
            targets = self._found()
        elif User.objects.exists():
            raise CommandError("The benchmark needs an empty database (or --keep on one it filled).")
        else:
            started = time.perf_counter()
            targets = self._data()
            self.stdout.write(f"data scale={self.scale} seconds={time.perf_counter() - started:.1f}")
        chosen = {name for name in pages.split(",") if name}
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"]):
            for role, person in (("member", targets["member"]), ("coordinator", targets["coordinator"])):
                if role not in roles.split(","):
                    continue
                client = Client()
                client.force_login(person)
                for name, url in self._pages(targets):
                    if not chosen or name in chosen:
                        self._measure(client, name, role, url)
        if not no_throughput and (not chosen or "throughput" in chosen):
            self._throughput(targets["member"])

    def n(self, count):
        return max(1, int(count * self.scale))

    # Data

    def _data(self):
        now = timezone.now()
        themes = list(FocusArea.objects.all())
        if not themes:
            themes = FocusArea.objects.bulk_create([FocusArea(name=f"Theme {n}", slug=f"theme-{n}") for n in range(10)])
        organisations = Organisation.objects.bulk_create(
            [Organisation(name=f"Bench NGO {n}", slug=f"bench-ngo-{n}", acronym=f"BN{n}") for n in range(self.n(500))],
            batch_size=1000,
        )
        people = User.objects.bulk_create(
            [
                User(
                    email=f"person{n}@bench.example",
                    display_name=f"Person {n}",
                    role=Role.COORDINATOR if n == 1 else Role.MEMBER,
                    date_joined=now - timedelta(days=400),
                    password="!",
                )
                for n in range(self.n(5000))
            ],
            batch_size=2000,
        )
        member, coordinator = people[0], people[1]
        Affiliation.objects.bulk_create(
            [Affiliation(person=p, organisation=organisations[n % len(organisations)]) for n, p in enumerate(people)],
            batch_size=2000,
        )
        communities = Community.objects.bulk_create(
            [Community(name=f"Bench community {n}", slug=f"bench-community-{n}") for n in range(40)]
        )
        big = communities[0]
        memberships = [
            Membership(community=big, person=p, status=MembershipStatus.ACTIVE) for p in people[: self.n(500)]
        ]
        for index, community in enumerate(communities[1:], start=1):
            memberships += [
                Membership(community=community, person=people[(index * 37 + k) % len(people)], status="active")
                for k in range(1, 21)
            ]
        Membership.objects.bulk_create(memberships, batch_size=2000, ignore_conflicts=True)

        challenge_count = self.n(10000)
        challenges = Challenge.objects.bulk_create(
            [
                Challenge(
                    author=people[(n * 7) % len(people)],
                    organisation=organisations[n % len(organisations)] if n % 5 == 0 else None,
                    title=f"Challenge {n} about {WORDS[n % len(WORDS)]}" + (" quokka" if n % 997 == 0 else ""),
                    body=f"How do we keep {WORDS[(n * 3) % len(WORDS)]} going in the province? " * 3,
                    created_at=now - timedelta(minutes=n * 7),
                    last_activity_at=now - timedelta(minutes=n * 5),
                    community=communities[n % 40] if n % 4 == 0 else None,
                )
                for n in range(challenge_count)
            ],
            batch_size=2000,
        )
        through = Challenge.themes.through
        through.objects.bulk_create(
            [through(challenge=c, focusarea=themes[n % len(themes)]) for n, c in enumerate(challenges)],
            batch_size=5000,
        )
        # Replies: one challenge with 500, one with 100, the rest spread over the others; about a quarter of
        # the challenges keep none. The reply trigger is off meanwhile, and the vectors are built once after.
        with_500, with_100 = challenges[10], challenges[11]
        replies = [Reply(challenge=with_500, author=people[k % len(people)], body=f"Idea {k}") for k in range(500)]
        replies += [Reply(challenge=with_100, author=people[k % len(people)], body=f"Idea {k}") for k in range(100)]
        spread = [c for n, c in enumerate(challenges) if n % 4 != 3 and c not in (with_500, with_100)]
        for k in range(self.n(40000) - 600):
            replies.append(
                Reply(
                    challenge=spread[k % len(spread)],
                    author=people[(k * 13) % len(people)],
                    body=f"We tried {WORDS[k % len(WORDS)]} with the commune council.",
                )
            )
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE network_reply DISABLE TRIGGER network_reply_search")
        try:
            Reply.objects.bulk_create(replies, batch_size=5000)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE network_reply ENABLE TRIGGER network_reply_search")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE network_challenge SET id = id")  # the trigger builds every search vector

        meetings = []
        for n in range(self.n(2000)):
            start = now + timedelta(hours=(n - self.n(1000)) * 9)
            meetings.append(
                Meeting(
                    title=f"Meeting {n}",
                    community=communities[n % 40],
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    time_zone=settings.TIME_ZONE,
                    online_url="https://meet.example/bench",
                )
            )
        meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)
        responses = [RsvpResponse.YES, RsvpResponse.MAYBE, RsvpResponse.NO]
        Rsvp.objects.bulk_create(
            [
                Rsvp(meeting=m, person=people[(i * 40 + k) % len(people)], response=responses[k % 3])
                for i, m in enumerate(meetings)
                for k in range(40)
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )

        call = Call.objects.create(
            title="Bench call",
            slug="bench-call",
            opens_at=now - timedelta(days=300),
            closes_at=now + timedelta(days=60),
            budget_ceiling=Decimal("50000"),
            currency=Currency.USD,
        )
        statuses = [ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, ProposalStatus.APPROVED, ProposalStatus.REJECTED]
        proposals = Proposal.objects.bulk_create(
            [
                Proposal(
                    call=call,
                    community=communities[n % 40],
                    title=f"Proposal {n}",
                    summary="Training for district teams.",
                    status=statuses[n % len(statuses)],
                    created_by=member if n == 0 else people[(n * 11) % len(people)],
                )
                for n in range(self.n(1000))
            ],
            batch_size=2000,
        )
        authors = Proposal.authors.through
        authors.objects.bulk_create(
            [
                authors(proposal=p, user=member if n == 0 else people[(n * 11) % len(people)])
                for n, p in enumerate(proposals)
            ],
            batch_size=5000,
        )
        lines = [self._line(proposals[0], k) for k in range(200)]
        others = proposals[1:] or proposals
        lines += [self._line(others[k % len(others)], k) for k in range(self.n(20000) - 200)]
        BudgetLine.objects.bulk_create(lines, batch_size=5000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return {
            "member": member,
            "coordinator": coordinator,
            "with_500": with_500,
            "with_100": with_100,
            "big": big,
            "proposal": proposals[0],
        }

    def _found(self):
        """The targets of the data an earlier run left (see the end of _data)."""
        with_500, with_100 = Challenge.objects.filter(
            title__in=["Challenge 10 about funding", "Challenge 11 about training"]
        ).order_by("title")
        return {
            "member": User.objects.get(email="person0@bench.example"),
            "coordinator": User.objects.get(email="person1@bench.example"),
            "with_500": with_500,
            "with_100": with_100,
            "big": Community.objects.get(slug="bench-community-0"),
            "proposal": Proposal.objects.get(call__slug="bench-call", title="Proposal 0"),
        }

    def _line(self, proposal, k):
        return BudgetLine(
            proposal=proposal,
            position=k,
            category=BudgetCategory.PERSONNEL if k % 2 else BudgetCategory.TRAVEL,
            description=f"Line {k}",
            unit="person-day",
            quantity=Decimal(k % 9 + 1),
            unit_cost=Decimal("25.00"),
            currency=Currency.USD,
        )

    # Measures

    def _pages(self, t):
        return [
            ("dashboard", reverse("dashboard_detail")),
            ("calendar_month", reverse("events:meeting_calendar")),
            ("upcoming", reverse("events:meeting_list_upcoming")),
            ("challenge_list", reverse("network:challenge_list")),
            ("search_common", reverse("network:challenge_list") + "?q=funding"),
            ("search_rare", reverse("network:challenge_list") + "?q=quokka"),
            ("challenge_100_replies", reverse("network:challenge_detail", args=[t["with_100"].pk])),
            ("challenge_500_replies", reverse("network:challenge_detail", args=[t["with_500"].pk])),
            ("directory", reverse("members:person_list")),
            ("community_500_members", reverse("communities:community_detail", args=[t["big"].slug])),
            ("proposal_list", reverse("proposals:proposal_list")),
            ("proposal_200_lines", reverse("proposals:proposal_detail", args=[t["proposal"].pk])),
            ("budget_200_lines", reverse("proposals:budget_detail", args=[t["proposal"].pk])),
        ]

    def _measure(self, client, name, role, url):
        times, counts, status = [], [], None
        for _ in range(REQUESTS + 2):
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            counts.append(counter.count)
            status = response.status_code
        times, counts = times[2:], counts[2:]  # the first two warm the caches
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        note = "" if status == 200 else f" status={status}"
        self.stdout.write(
            f"page={name} role={role} queries={max(counts)} median_ms={statistics.median(times):.1f} "
            f"p95_ms={p95:.1f}{note}"
        )

    def _throughput(self, person):
        client = Client()
        client.force_login(person)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_DEBUG": "false"}
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on loopback
            [
                os.path.join(os.path.dirname(sys.executable), "gunicorn"),
                "network.bench_wsgi:application",
                "--workers=3",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/bench/bare/", timeout=1)  # noqa: S310 - loopback
                    break
                except OSError:
                    time.sleep(0.1)
            dashboard, bare = [], []
            for round_number in range(3):
                for label, path, into in (("bare", "/bench/bare/", bare), ("dashboard", "/dashboard/", dashboard)):
                    rate = self._rate(base + path, cookie)
                    into.append(rate)
                    self.stdout.write(f"throughput round={round_number + 1} view={label} rps={rate:.1f}")
            ratio = sum(dashboard) / sum(bare) if sum(bare) else 0
            self.stdout.write(f"throughput dashboard_over_bare={ratio:.3f}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # workers still busy on a loaded machine
                server.kill()
                server.wait()

    def _rate(self, url, cookie, *, seconds=4.0, threads=6):
        """Requests per second over a bounded time with a few concurrent clients (loopback only)."""
        done = [0] * threads
        failed = [0] * threads
        deadline = time.perf_counter() + seconds

        def work(index):
            request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback
            while time.perf_counter() < deadline:
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                        response.read()
                    done[index] += 1
                except OSError:
                    failed[index] += 1

        started = time.perf_counter()
        workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        if sum(failed):
            self.stdout.write(f"throughput url={url} failed={sum(failed)}")
        return sum(done) / (time.perf_counter() - started)
