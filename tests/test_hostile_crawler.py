"""A hostile crawler: every URL pattern, as every role, with the demo network's own ids and with hostile ones;
every query parameter a page reads and every field of every form it shows, filled with malformed values.

Nothing may answer 5xx, and no page may carry a live script (a <script> that is not one of the project's own
files, an on* attribute, a javascript: link), whatever was sent to it.

1. The demo network is loaded (`seed_demo`), and each role signs in as its demo login (README's demo logins).
2. Discovery: starting from every address without parameters and a few that only e-mails or unopened pages
   link to, each role opens one address of every URL pattern found so far (of a proposal's pages, one per
   proposal: a draft, one under review, one being carried out), and the links and forms on the pages it sees
   add the patterns they name, with the demo's own ids, slugs and tokens. Pages are opened with a harmless
   `?utm_source=crawler`, and a middleware notes which query parameters each view, form, filterset or template
   reads.
3. Hostile path parameters (0, a number past any column, -1, abc, NUL, ², ១, 300 characters) replace each
   parameter of each pattern, as far as its converter lets them through.
4. Hostile query strings: each page, opened by the first role that may, gets every parameter it reads and
   the usual ones set to each HOSTILE_QUERY value (a page that reads none gets them once).
5. Hostile forms: each kind of form, posted by the first role that sees it: as the page filled it in; with
   every field set to NUL, ², 20 KB at once; with one field at a time set to a value that can pass its checks
   and reach the service (the page it leads to is then checked for the stored script); with every number
   large, and every date far away, at once.

Every request runs in a savepoint that is rolled back, so each meets the demo data as it was. Before the crawl,
what the demo network lacks but a page is about (slides, an attachment, a proposal document, a cancelled meeting,
an agenda proposal, an invitation to an organisation, a failed e-mail) is added, so every pattern has an address.

What it found beyond the 500s issue 13 names (each fixed, with a test of its own, in the same branch):
- `?next=` holding a bare word (`next=abc`, `next=dashboard`): redirect() took it for the name of a URL pattern
  and answered 500 (NoReverseMatch); safe_next_url now follows only an address (tests/common/test_http.py).
- `notification=abc` on "mark as read" marked every notification read instead of none
  (tests/network/test_resources_and_notifications.py::test_a_notification_id_that_names_none_marks_nothing).
- A workflow step's message (withdraw, decide, complete) holding a NUL answered 500 (PostgreSQL refuses it),
  and had no length bound (tests/proposals/test_workflow.py::test_a_message_postgresql_cannot_hold_or_too_long_is_refused).
- Days to come where only past days make sense, besides the stakeholder link the issue names: a member
  organisation joining a community next year, an interaction with a stakeholder tomorrow, an organisation that
  joined or left the network on a day to come (tests/communities/test_dates.py, tests/members/test_stakeholders.py,
  tests/members/test_organisation_editing.py).
- A meeting could last months, and a series start centuries back (tests/events/test_meetings.py::
  test_a_meeting_lasts_at_most_two_weeks, tests/events/test_series.py::
  test_a_first_date_more_than_five_years_ahead_or_two_back_is_refused).
- Setting an exchange rate afterwards at which an existing line overflows the money columns
  (tests/proposals/test_bounds.py::TestBudgetLines::test_a_rate_at_which_an_existing_line_overflows_is_refused).
"""

import logging
import os
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from tests.crawler import READ_PARAMETERS, CrawlClient, live_scripts, parse_page

pytestmark = pytest.mark.django_db

ROLES = {
    "coordinator": "coordinator@demo.example",
    "co-author": "srey@demo.example",
    "reviewer": "bopha@demo.example",
    "facilitator": "facilitator@demo.example",
    "leader": "leader@demo.example",
    "member": "member@demo.example",
    "pending": "newcomer@demo.example",
    "anonymous": None,
}
PROPOSAL_ROLES = {"coordinator", "co-author", "reviewer", "facilitator"}
# While developing the crawler: CRAWL_LOG=/tmp/crawl.log writes every request with its time.
LOG = open(os.environ["CRAWL_LOG"], "w") if os.environ.get("CRAWL_LOG") else None  # noqa: SIM115

NUL = "a\x00b"
SCRIPT = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("https://example.org/x")'
HUGE = "x" * 20_000
LONG = "x" * 300
BIG = "99999999999999999999"
LARGE = "9999999999.99"

# Only the values a pattern's converter lets through reach the view (an <int:pk> never sees "abc").
HOSTILE_PATH = ["0", "99999999999999999999999", "-1", "abc", NUL, "²", "១", "a" * 300]
HOSTILE_QUERY = [
    "-1", "0", BIG, NUL, "²", "១", HUGE, "0001-01", "9999-12", "10000-01-01", "0001-01-01", FORMULA + SCRIPT,
]  # fmt: skip
# Parameters the views read by name; each page also gets the ones the recorder saw it read.
KNOWN_PARAMETERS = [
    "page", "month", "sort", "q", "token", "reply", "to", "from", "notification", "person", "organisation",
    "community", "status", "show", "type", "series", "kind", "next",
]  # fmt: skip
ADMIN_PARAMETERS = ["q", "o", "p", "e", "all", "_to_field", "_popup", "_changelist_filters"]

# A form is posted with every field set to each of these at once (no field may fail with a 500 while it is
# cleaned), and then with one field at a time set to a value that can pass its checks and reach the service;
# a value the field's own maxlength, min or max refuses is not sent (Django's form field refuses it as well).
# What a text field stores is then looked for, as a live script, on the page the form leads to.
WHOLE_FORM = [NUL, "²", HUGE]
STORED = FORMULA + SCRIPT
ONE_FIELD = {
    "text": [STORED, LONG],
    "textarea": [STORED],
    "hidden": [NUL, "²", BIG, LONG, STORED],
    "number": ["-1", "0", BIG, "0.000001", LARGE],
    "date": ["0001-01-01", "9999-12-31"],
    "datetime-local": ["0001-01-01T00:00", "9999-12-31T23:59"],
    "choice": [],
}
SKIPPED_TYPES = {"file", "reset", "image", "button"}


def _files_and_decisions() -> list[str]:
    """What the demo network does not hold but a page is about: a file of each private kind, a cancelled
    meeting, an agenda proposal waiting, an invitation to an organisation, an e-mail in the ledger. Made once
    before the crawl (in the test's transaction); returns the addresses that name them."""
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from common.models import Delivery
    from events.enums import MeetingStatus
    from events.models import Meeting
    from events.services import agenda_item_save, meeting_cancel
    from members.enums import AffiliationRole
    from members.models import Organisation, User
    from members.services import affiliation_invite
    from network.models import Attachment, Challenge
    from network.services.agenda import agenda_proposal_create
    from proposals.enums import DocumentKind
    from proposals.models import Proposal
    from proposals.services import document_add

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4 crawler", content_type="application/pdf")

    coordinator = User.objects.get(email=ROLES["coordinator"])
    member = User.objects.get(email=ROLES["member"])
    upcoming = list(
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now()).order_by("starts_at")
    )
    item = agenda_item_save(meeting=upcoming[0], by=coordinator, title="Crawler slides", slides=pdf("slides.pdf"))
    meeting_cancel(meeting=upcoming[-1], by=coordinator, reason="Crawler")
    challenge = Challenge.objects.filter(is_hidden=False).order_by("pk").first()
    attachment = Attachment.objects.create(
        challenge=challenge, file=pdf("notes.pdf"), name="notes.pdf", size=16, uploaded_by=challenge.author
    )
    proposal = Proposal.objects.filter(status="draft").order_by("pk").first()
    document = document_add(
        proposal=proposal,
        by=proposal.authors.first(),
        kind=DocumentKind.QUOTE,
        title="Crawler quote",
        file=pdf("quote.pdf"),
    )
    leader = User.objects.get(email=ROLES["leader"])
    organisation = Organisation.objects.filter(affiliations__person=leader).first()
    invitation = affiliation_invite(organisation=organisation, person=member, role=AffiliationRole.STAFF, by=leader)
    agenda_proposal = None
    for candidate in Challenge.objects.filter(is_hidden=False).select_related("author").order_by("pk"):
        for meeting in upcoming[:-1]:
            try:
                agenda_proposal = agenda_proposal_create(challenge=candidate, meeting=meeting, by=candidate.author)
            except ValidationError:
                continue
            break
        if agenda_proposal:
            break
    delivery = Delivery.objects.create(
        recipient=member, address=member.email, occasion="crawler", kind="crawler", status="failed", error="Crawler"
    )
    return [
        item.slides.url,
        attachment.file.url,
        document.file.url,
        reverse("events:meeting_reinstate", args=[upcoming[-1].pk]),
        reverse("proposals:document_delete", args=[proposal.pk, document.pk]),
        reverse("members:affiliation_invitation_answer", args=[invitation.pk]),
        reverse("network:agenda_proposal_decide", args=[agenda_proposal.pk]),
        reverse("network:delivery_list_person", args=[member.pk]),
        reverse("network:delivery_retry", args=[delivery.pk]),
    ]


def _working_together_addresses() -> list[str]:
    """Addresses of the later features' pages and buttons that the demo's roles cannot reach by following links
    (a consortium's space is its organisations' only, forms appear in one state of a record, a page lists its
    people's link only past twelve): taken from the demo's records, with a consortium document made for it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communities.models import Community, HealthReview
    from events.enums import MeetingStatus
    from events.models import AgendaItem, Meeting, MeetingSeries
    from members.models import Offer, OfferPhoto, Organisation
    from network.models import CaseAnalysis, Consortium, Signature, Statement, Survey
    from network.services.funding import consortium_document_add
    from proposals.models import BudgetRevision

    consortium = Consortium.objects.order_by("pk").first()
    document = consortium_document_add(
        consortium=consortium,
        by=consortium.created_by,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 crawler", content_type="application/pdf"),
        name="plan.pdf",
    )
    partner = consortium.partners.order_by("pk").first()
    step = consortium.steps.order_by("pk").first()
    statement = Statement.objects.order_by("pk").first()
    signature = Signature.objects.filter(statement=statement).order_by("pk").first()
    survey = Survey.objects.filter(questions__isnull=False).order_by("pk").first()
    question = survey.questions.order_by("pk").first()
    review = HealthReview.objects.order_by("pk").first()
    revision = BudgetRevision.objects.order_by("pk").first()
    offer = Offer.objects.order_by("pk").first()
    photo = OfferPhoto.objects.order_by("pk").first()
    # First, so that the meeting pages are crawled on a meeting to come: the surveys' pages also link past
    # meetings, whose pages offer no agenda, RSVP or editing.
    upcoming = (
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    held = Meeting.objects.filter(status=MeetingStatus.HELD).order_by("-starts_at").first()
    return [
        reverse("events:meeting_detail", args=[upcoming.pk]),
        # Reached by a link on a past meeting's page; the check page sends back to the upload without one.
        reverse("events:attendance_import", args=[held.pk]),
        reverse("events:attendance_import_confirm", args=[held.pk]),
        reverse("communities:member_list", args=[Community.objects.order_by("pk").first().slug]),
        reverse("network:consortium_document_create", args=[consortium.pk]),
        reverse("network:consortium_document_download", args=[consortium.pk, document.pk]),
        reverse("network:consortium_invite", args=[consortium.pk]),
        reverse("network:consortium_message_create", args=[consortium.pk]),
        reverse("network:consortium_record_outcome", args=[consortium.pk]),
        reverse("network:consortium_partner_answer", args=[consortium.pk, partner.pk]),
        reverse("network:consortium_link_proposal", args=[consortium.pk]),
        reverse("network:consortium_step_create", args=[consortium.pk]),
        reverse("network:consortium_step_done", args=[consortium.pk, step.pk]),
        reverse("network:lesson_present", args=[AgendaItem.objects.order_by("pk").first().pk]),
        reverse("network:case_analysis_detail", args=[CaseAnalysis.objects.order_by("pk").first().pk]),
        reverse("members:offer_create", args=[Organisation.objects.filter(offers__isnull=False).first().slug]),
        reverse("members:offer_photo_download", args=[offer.pk if photo is None else photo.offer_id, photo.pk]),
        reverse("members:offer_photo_delete", args=[photo.offer_id, photo.pk]),
        reverse("partnerships:review_answer", args=[review.partnership_id, review.number]),
        reverse("partnerships:review_close", args=[review.partnership_id, review.number]),
        reverse("proposals:budget_revision_decide", args=[revision.proposal_id, revision.pk]),
        reverse("proposals:budget_revision_withdraw", args=[revision.proposal_id, revision.pk]),
        reverse("network:statement_close", args=[statement.pk]),
        reverse("network:statement_update", args=[statement.pk]),
        reverse("network:statement_open", args=[statement.pk]),
        reverse("network:statement_publish", args=[statement.pk]),
        reverse("network:signature_create", args=[statement.pk]),
        reverse("network:signature_withdraw", args=[statement.pk, signature.pk]),
        reverse("network:survey_answer", args=[survey.pk]),
        reverse("network:survey_close", args=[survey.pk]),
        reverse("network:survey_open", args=[survey.pk]),
        reverse("network:question_create", args=[survey.pk]),
        reverse("network:question_delete", args=[survey.pk, question.pk]),
        reverse("network:feedback_trend", args=[MeetingSeries.objects.order_by("pk").first().pk]),
    ]


# Addresses with a parameter that no page of the demo links to (a token in an e-mail, a form on a page the
# crawl's one address per pattern did not open), taken from the database.


def _unlinked_addresses():
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import int_to_base36

    from communities.enums import MembershipStatus
    from communities.models import Community, Membership
    from events.models import MinutesVersion
    from events.services import calendar_feed_for
    from members.models import JoinRequest, User
    from members.services import invitation_create, invitation_token
    from network.models import Challenge, Reply, Resource
    from network.services.digests import unsubscribe_url
    from proposals.models import Expense, Proposal, ReportPhoto

    member = User.objects.get(email=ROLES["member"])
    coordinator = User.objects.get(email=ROLES["coordinator"])
    invitation = invitation_token(invitation_create(email="invited@crawler.example", by=coordinator))
    pending_address = EmailAddress.objects.get(user__email=ROLES["pending"])
    reply = Reply.objects.order_by("pk").first()
    challenge = Challenge.objects.order_by("pk").first()
    expense = Expense.objects.order_by("pk").first()
    photo = ReportPhoto.objects.select_related("report").order_by("pk").first()
    proposal = Proposal.objects.order_by("pk").first()
    addresses = [
        f"/calendar/feed/{calendar_feed_for(member).token}.ics",
        urlsplit(unsubscribe_url(member)).path,
        f"/accounts/confirm-email/{EmailConfirmationHMAC(pending_address).key}/",
        f"/accounts/password/reset/key/{int_to_base36(member.pk)}-{default_token_generator.make_token(member)}/",
        f"/members/invitation/{invitation}/",
        f"/members/invitation/{invitation}/renew/",
        f"/challenges/{challenge.pk}/case-study/",
        f"/communities/{Community.objects.order_by('pk').first().slug}/invitation/",
        f"/proposals/{proposal.pk}/start/",
        f"/resources/{Resource.objects.order_by('pk').first().pk}/download/",
    ]
    for action in ("accept", "edit", "moderate", "vote"):
        addresses.append(f"/challenges/{reply.challenge_id}/replies/{reply.pk}/{action}/")
    version = MinutesVersion.objects.select_related("minutes").order_by("pk").first()
    addresses.append(f"/calendar/meetings/{version.minutes.meeting_id}/minutes/{version.number}/")
    request = Membership.objects.filter(status=MembershipStatus.REQUESTED).select_related("community").first()
    for action in ("approve", "decline"):
        addresses.append(f"/communities/{request.community.slug}/people/{request.pk}/{action}/")
    join_request = JoinRequest.objects.order_by("pk").first()
    addresses.append(f"/members/join-requests/{join_request.pk if join_request else 0}/decide/")
    addresses.append(
        f"/proposals/{expense.proposal_id}/spending/{expense.pk}/receipt/"
        if expense
        else f"/proposals/{proposal.pk}/spending/0/receipt/"
    )
    addresses.append(
        f"/proposals/{photo.report.proposal_id}/reports/photos/{photo.pk}/"
        if photo
        else f"/proposals/{proposal.pk}/reports/photos/0/"
    )
    return addresses


@contextmanager
def quiet_loggers(*names):
    """The crawler reports its 500s itself; Django's log of each would bury the report."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# --- the URL patterns ---------------------------------------------------------------------


def _join(route1, route2):
    # As URLResolver._join_route does, so that the keys match ResolverMatch.route.
    return route2 if not route1 else route1 + route2.removeprefix("^")


def all_routes():
    """Every URL pattern's route, as ResolverMatch.route names it."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, _join(prefix, str(pattern.pattern)))
            elif isinstance(pattern, URLPattern):
                yield _join(prefix, str(pattern.pattern))

    return sorted(set(walk(get_resolver().url_patterns, "")))


def is_admin(route: str) -> bool:
    return route.startswith("admin/")


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def local_path(href: str, base: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#"):
        return None
    path = parts.path or base
    if not path.startswith("/") or path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


# --- the crawl ------------------------------------------------------------------------------


class Crawl:
    def __init__(self):
        from members.models import User

        self.clients = {}
        for role, email in ROLES.items():
            client = CrawlClient()
            if email:
                client.force_login(User.objects.get(email=email))
            self.clients[role] = client
        self.pool: dict[str, list[str]] = defaultdict(list)  # route -> its addresses (one, or one per proposal)
        self.visited: dict[str, set[str]] = {role: set() for role in ROLES}
        self.status: dict[tuple[str, str], int] = {}  # (role, route) -> status
        self.reads: dict[str, set[str]] = defaultdict(set)  # route -> query parameters read
        # (route of the action, names of the fields) -> (role, address, form): each kind of form once
        self.forms: dict[tuple[str, tuple[str, ...]], tuple[str, str, object]] = {}
        self.failures: list[str] = []
        self.requests = 0
        self.phase = ""

    # one request, checked

    def fetch(self, role, method, address, data=None, note="", follow=False):
        """GET or POST as role; record a 5xx or a live script. With follow, the page a POST redirects to is
        opened too, before the POST is rolled back, so that what it stored is seen where it is shown."""
        client = self.clients[role]
        READ_PARAMETERS.clear()
        started = time.monotonic()
        with transaction.atomic():
            self.requests += 1
            response = client.get(address, data) if method == "get" else client.post(address, data or {})
            html = self.check(response, role, method, address, note)
            if follow and response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
                READ_PARAMETERS.clear()
                self.requests += 1
                target = response["Location"]
                self.check(client.get(target), role, "get", target, f"after {method.upper()} {address} {note}")
            transaction.set_rollback(True)
        if LOG:
            route = route_of(address.split("?")[0])
            milliseconds = (time.monotonic() - started) * 1000
            LOG.write(
                f"{self.phase}\t{role}\t{method}\t{route}\t{response.status_code}\t{milliseconds:.0f}\t{note[:60]!r}\n"
            )
        return response, html

    def check(self, response, role, method, address, note):
        if len(mail.outbox) > 50:
            mail.outbox.clear()
        where = f"{role} {method.upper()} {address[:200]!r}" + (f" {note}" if note else "")
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else None
            self.failures.append(f"{response.status_code} {where}: {type(error).__name__}: {str(error)[:300]}")
            return None
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        html = response.content.decode(errors="replace")
        for script in live_scripts(html):
            self.failures.append(f"live script {where}: {script[:300]}")
        return html

    # every role opens one address of every pattern

    def add(self, path):
        path = path.split("?")[0]
        route = route_of(path)
        if route is None or path in self.pool[route]:
            return
        # A proposal's pages differ with its state (a draft is edited, a submitted one reviewed, an approved one
        # spends): the demo has one of each, and each is crawled.
        if len(self.pool[route]) < (3 if route.startswith("proposals/<int:pk>/") else 1):
            self.pool[route].append(path)

    def addresses(self):
        return [address for route in list(self.pool) for address in self.pool[route]]

    def visit(self, role, address):
        self.visited[role].add(address)
        route = route_of(address)
        if is_admin(route) and role != "coordinator" and route != "admin/":
            return  # the admin lets only staff past its login page
        if address != self.pool[route][0] and role not in PROPOSAL_ROLES:
            return  # every role opens the first proposal's pages; the others, the roles they are for
        response, html = self.fetch(role, "get", address, {"utm_source": "crawler"})
        self.status[(role, address)] = response.status_code
        self.reads[route] |= READ_PARAMETERS - {"utm_source"}
        if html is None or response.status_code != 200:
            return
        page = parse_page(html)
        for href in page.links:
            local = local_path(href, address)
            if local:
                self.add(local)
        for form in page.forms:
            action = (local_path(form.action, address) if form.action else address) or ""
            self.add(action)
            action_route = route_of(action.split("?")[0])
            key = (action_route, tuple(sorted({control.name for control in form.controls})))
            if form.method == "post" and action_route and key not in self.forms:
                self.forms[key] = (role, action, form)

    def discover(self):
        for address in _unlinked_addresses():
            self.add(address)
        for route in all_routes():
            if "<" not in route and "(" not in route and "^" not in route:
                self.add("/" + route)
        while True:
            pending = [
                (role, address) for role in ROLES for address in self.addresses() if address not in self.visited[role]
            ]
            if not pending:
                return
            for role, address in pending:
                self.visit(role, address)

    # hostile path parameters

    def hostile_paths(self):
        for route, addresses in sorted(self.pool.items()):
            if is_admin(route):
                continue
            match = resolve(addresses[0])
            name = f"{':'.join(match.namespaces)}:{match.url_name}" if match.namespaces else match.url_name
            for kwarg in match.kwargs:
                for value in HOSTILE_PATH:
                    try:
                        hostile = reverse(name, kwargs={**match.kwargs, kwarg: value})
                    except NoReverseMatch:
                        continue
                    self.fetch("coordinator", "get", hostile, note=f"[{kwarg}={value[:20]!r}]")

    # hostile query strings

    def hostile_queries(self):
        for route, addresses in sorted(self.pool.items()):
            address = addresses[0]
            role = next((role for role in ROLES if self.status.get((role, address)) == 200), None)
            if role is None:
                continue
            names = sorted(self.reads[route] | set(ADMIN_PARAMETERS if is_admin(route) else KNOWN_PARAMETERS))
            if not self.reads[route] or is_admin(route) or route.startswith("accounts/"):
                # A page that reads no parameter, or one of Django's admin or allauth's pages, gets them all at
                # once, each with another hostile value.
                query = {name: HOSTILE_QUERY[index % len(HOSTILE_QUERY)] for index, name in enumerate(names)}
                self.fetch(role, "get", address, query, note="[each parameter another value]")
                continue
            for value in HOSTILE_QUERY:
                response, _page = self.fetch(
                    role, "get", address, dict.fromkeys(names, value), note=f"[all={value[:20]!r}]"
                )
                if response.status_code >= 500:
                    # Name the parameter: ask again with one at a time.
                    self.failures.pop()
                    for name in names:
                        self.fetch(role, "get", address, {name: value}, note=f"[{name}={value[:20]!r}]")

    # hostile forms

    @staticmethod
    def fields(form):
        """(name, kind) of each control a person can fill in or choose, once per name."""
        seen = {}
        for control in form.controls:
            if control.disabled or control.type in SKIPPED_TYPES or control.name == "csrfmiddlewaretoken":
                continue
            if control.type in {"checkbox", "radio", "select", "select-multiple", "submit"}:
                kind = "choice"
            elif control.type in ONE_FIELD:
                kind = control.type
            else:
                kind = "text"
            seen.setdefault(control.name, (kind, control))
        return [(name, kind, control) for name, (kind, control) in seen.items()]

    @staticmethod
    def allowed(control, value) -> bool:
        """Whether the control's own maxlength, min and max let the value through."""
        if control.maxlength is not None and len(value) > control.maxlength:
            return False
        if control.type == "number" and (control.min or control.max):
            try:
                number = Decimal(value)
                return (not control.min or number >= Decimal(control.min)) and (
                    not control.max or number <= Decimal(control.max)
                )
            except InvalidOperation:
                return True
        too_early = control.min and value < control.min
        too_late = control.max and value > control.max
        return not (control.type == "date" and (too_early or too_late))

    @staticmethod
    def filled_in(form):
        """The form as the page filled it in, with a plausible value in each empty required field."""
        today = timezone.localdate()
        data = defaultdict(list)
        for control in form.controls:
            if control.disabled or control.type in SKIPPED_TYPES | {"submit"} or control.name == "csrfmiddlewaretoken":
                continue
            if control.type in {"checkbox", "radio"}:
                if control.checked:
                    data[control.name].append(control.value)
            elif control.tag == "select":
                chosen = control.selected or [next((option for option in control.options if option), "")]
                data[control.name].extend(chosen if control.type == "select-multiple" else chosen[:1])
            else:
                value = control.value
                if not value and control.required:
                    value = {
                        "email": "crawler@example.org",
                        "url": "https://example.org/",
                        "number": "1",
                        "date": (today + timedelta(days=30)).isoformat(),
                        "time": "09:00",
                        "password": "Crawler-pass-2026!",
                    }.get(control.type, "Crawler text")
                data[control.name].append(value)
        for control in form.controls:  # a required radio group with nothing chosen gets its first choice
            if control.type == "radio" and control.required and control.name not in data:
                data[control.name].append(control.value)
        return dict(data)

    def hostile_forms(self):
        for (route, _names), (role, action, form) in sorted(self.forms.items()):
            if is_admin(route) or route.startswith("accounts/"):
                # Django's and allauth's own forms: opened and queried above, not filled in here.
                continue
            base = self.filled_in(form)
            fields = self.fields(form)
            self.fetch(role, "post", action, base, note="[as filled in]")
            for value in WHOLE_FORM:
                data = {name: [value] for name, _kind, _control in fields}
                self.fetch(role, "post", action, data, note=f"[all={value[:20]!r}]")
            # Values each allowed alone can still break what is computed from them together (a quantity times a
            # rate, a span of dates).
            for kind, value in (("number", LARGE), ("date", "9999-12-31")):
                chosen = {name: [value] for name, k, control in fields if k == kind and self.allowed(control, value)}
                if len(chosen) > 1:
                    self.fetch(role, "post", action, {**base, **chosen}, note=f"[every {kind}={value!r}]")
            for name, kind, control in fields:
                for value in ONE_FIELD[kind]:
                    if self.allowed(control, value):
                        note = f"[{name}={value[:20]!r}]"
                        self.fetch(role, "post", action, {**base, name: [value]}, note=note, follow=value == STORED)


def test_no_page_answers_500_or_runs_a_script_whatever_it_is_sent(private_media):
    call_command("seed_demo", verbosity=0)
    extra = _files_and_decisions() + _working_together_addresses()
    crawl = Crawl()
    for address in extra:
        crawl.add(address)
    timings = {}
    with (
        override_settings(MIDDLEWARE=["tests.crawler.QueryRecorderMiddleware", *settings.MIDDLEWARE]),
        quiet_loggers("django.request", "django.security"),
    ):
        for phase in ("discover", "hostile_paths", "hostile_queries", "hostile_forms"):
            if phase not in os.environ.get("CRAWL_PHASES", phase):
                continue
            crawl.phase = phase
            started, cpu, before = time.monotonic(), time.process_time(), crawl.requests
            getattr(crawl, phase)()
            timings[phase] = (
                round(time.monotonic() - started, 1),
                round(time.process_time() - cpu, 1),
                crawl.requests - before,
            )
            print(phase, timings[phase], len(crawl.failures), file=sys.stderr, flush=True)
    print(f"{crawl.requests} requests: {timings}")
    unvisited = [
        route
        for route in all_routes()
        if route not in crawl.pool and not route.startswith("^media/") and not is_admin(route)
    ]
    if LOG:
        LOG.write("\n".join(["UNVISITED", *unvisited, "FAILURES", *crawl.failures]))
        LOG.flush()
    assert not unvisited, f"No address found for these URL patterns: {unvisited}"
    assert not crawl.failures, f"{len(crawl.failures)} failures:\n" + "\n".join(crawl.failures)


# --- the crawler's own checks can fail -------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<script src="https://cdn.example/x.js"></script>',
        '<a href=" javascript:alert(1)">x</a>',
        '<form action="javascript:alert(1)"></form>',
    ],
)
def test_the_page_parser_finds_a_live_script(html):
    assert parse_page(html).live_scripts
    assert live_scripts(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; and onerror=alert(1)</p>",
        '<script type="application/json">{"a": 1}</script>',
        '<script src="/static/img/favicon.svg"></script>',
        '<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
    ],
)
def test_the_page_parser_lets_inert_text_and_own_files_be(html):
    assert parse_page(html).live_scripts == []
    assert live_scripts(html) == []


def test_the_page_parser_reads_a_form_as_a_browser_would_send_it():
    page = parse_page(
        '<form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<input name="title" value="Hello" maxlength="200" required><textarea name="body">\nText</textarea>'
        '<select name="kind"><option value="">---</option><option value="a" selected>A</option></select>'
        '<input type="checkbox" name="themes" value="1" checked><input type="checkbox" name="themes" value="2">'
        '<input type="number" name="n" min="1" max="600"></form>'
    )
    (form,) = page.forms
    assert Crawl.filled_in(form) == {"title": ["Hello"], "body": ["Text"], "kind": ["a"], "themes": ["1"], "n": [""]}
    fields = {name: (kind, control) for name, kind, control in Crawl.fields(form)}
    assert {name: kind for name, (kind, _control) in fields.items()} == {
        "title": "text",
        "body": "textarea",
        "kind": "choice",
        "themes": "choice",
        "n": "number",
    }
    assert not Crawl.allowed(fields["title"][1], LONG)
    assert not Crawl.allowed(fields["n"][1], BIG)
    assert Crawl.allowed(fields["n"][1], "600")


def test_the_page_parser_sends_a_form_to_each_of_its_buttons_formaction():
    page = parse_page(
        '<form id="remove" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t"></form>'
        '<button form="remove" formaction="/lines/1/delete/">Remove</button>'
        '<form method="post" action="/x/"><button formaction="/x/other/">Other</button></form>'
    )
    assert [(form.method, form.action) for form in page.forms] == [
        ("post", ""),
        ("post", "/x/"),
        ("post", "/lines/1/delete/"),
        ("post", "/x/other/"),
    ]


@override_settings(ROOT_URLCONF="tests.network.boom_urls", DEBUG=False)
def test_the_crawl_client_reports_a_500_with_its_exception(db):
    response = CrawlClient().get("/boom/")
    assert response.status_code == 500
    assert isinstance(response.exc_info[1], RuntimeError)
