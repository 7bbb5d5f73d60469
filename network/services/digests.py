"""The e-mail digest: what happened since the last digest a person was sent.

Windows tile without gaps or overlaps: each starts where the person's last digest (sent, failed or given
up: any that had content) ended, so a failed digest is retried on its own and never blocks the next.
The content of a window [start, end) is what was created in [start - grace, end - grace): anything
still being committed while the sweep runs (created a moment before, visible a moment after) falls
in the next digest, exactly once.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import OuterRef, Prefetch, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, deliver, register_kind, render_for, send_rows
from common.models import Delivery
from events.enums import MeetingStatus, RsvpResponse
from events.models import Meeting
from members.enums import DigestFrequency
from members.models import User
from proposals.models import StatusChange

from ..models import Challenge, Follow, Reply, Resource
from ..visibility import audience_includes

PERIOD = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# Beat runs hourly; a digest is due when its period has passed, give or take this much.
TOLERANCE = timedelta(minutes=30)
UPCOMING_DAYS = 14
UNSUBSCRIBE_SALT = "network.digest-unsubscribe"
# A digest is read in a minute: each section shows the newest few and says how many more there are.
SECTION_LIMIT = 8


def _resend(ids: list[int]) -> None:
    from ..tasks import digests_resend_task

    for start in range(0, len(ids), 200):
        digests_resend_task.delay(delivery_ids=ids[start : start + 200])


DIGEST = register_kind("digest", label=_("Digest"), resend=_resend)


def grace() -> timedelta:
    """How far a digest's content lags its window (DIGEST_COMMIT_GRACE_SECONDS). No side effects."""
    return timedelta(seconds=settings.DIGEST_COMMIT_GRACE_SECONDS)


def last_window_end():
    """Per person: the end of the last digest tried (sent, being sent, failed or given up; an empty one
    leaves no row). A subquery; no side effects."""
    return Subquery(
        Delivery.objects.filter(recipient=OuterRef("pk"), kind=DIGEST).order_by("-window_end").values("window_end")[:1]
    )


def subscribers():
    """Network members who take a digest. A read; no side effects."""
    return User.objects.network_members().exclude(digest_frequency=DigestFrequency.OFF)


def window_start_for(person, now: datetime) -> datetime:
    """Right after the last digest; for a first digest, one period back (or since joining).

    No side effects.
    """
    if person.last_window_end:
        return person.last_window_end
    return max(now - PERIOD[person.digest_frequency], person.date_joined)


def is_due(person, now: datetime) -> bool:
    """Whether a person (annotated with last_window_end) is due a digest at `now`. No side effects."""
    return person.last_window_end is None or now - person.last_window_end >= PERIOD[person.digest_frequency] - TOLERANCE


def due_ids(now=None) -> list[int]:
    """The ids of the subscribers whose digest is due now. A read; no side effects."""
    now = now or timezone.now()
    people = subscribers().annotate(last_window_end=last_window_end()).only("pk", "digest_frequency", "date_joined")
    return [person.pk for person in people if is_due(person, now)]


def unsubscribe_url(person, *, base: str = "") -> str:
    """The one-click address that stops a person's digest. No side effects."""
    token = signing.dumps(person.pk, salt=UNSUBSCRIBE_SALT)
    if not base:
        base = reverse("network:digest_unsubscribe", args=["TOKEN"])
    return settings.SITE_URL + base.replace("TOKEN", token)


def person_from_unsubscribe_token(token: str):
    """The person an unsubscribe link names, or None for a bad link. A read; no side effects."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first()


@dataclass
class Section:
    items: list
    total: int

    @classmethod
    def newest(cls, items: list) -> "Section":
        return cls(items=items[-SECTION_LIMIT:][::-1], total=len(items))

    @property
    def more(self) -> int:
        return self.total - len(self.items)

    def __bool__(self):
        return self.total > 0


@dataclass
class DigestContent:
    challenges: Section
    replies: Section
    meetings: list = field(default_factory=list)
    resources: Section = field(default_factory=lambda: Section([], 0))
    proposals: list = field(default_factory=list)

    def is_empty(self) -> bool:
        # Upcoming meetings alone do not make a digest worth sending.
        return not (self.challenges or self.replies or self.resources or self.proposals)


@dataclass(frozen=True)
class ProposalChange:
    title: str
    status_label: str
    url: str
    changed_at: datetime
    author_ids: frozenset


@dataclass
class Activity:
    """Everything new in the union of the batch's windows, loaded once and shared by the batch."""

    challenges: list
    replies: list
    meetings: list
    resources: list
    proposals: list
    challenge_themes: dict = field(default_factory=dict)


def load_activity(*, since: datetime, until: datetime) -> Activity:
    """Everything new between since and until, plus the meetings coming up. A read; no side effects."""
    now = timezone.now()
    since, until = since - grace(), until - grace()
    challenges = list(
        Challenge.objects.filter(created_at__gte=since, created_at__lt=until, is_hidden=False)
        .select_related("author", "organisation", "community")
        .prefetch_related("themes")
        .order_by("created_at")
    )
    activity = Activity(
        challenges=challenges,
        challenge_themes={c.pk: {theme.pk for theme in c.themes.all()} for c in challenges},
        replies=list(
            Reply.objects.filter(created_at__gte=since, created_at__lt=until, is_hidden=False)
            .select_related("author", "challenge")
            .order_by("created_at")
        ),
        meetings=list(
            Meeting.objects.filter(
                status=MeetingStatus.SCHEDULED, starts_at__gte=now, starts_at__lt=now + timedelta(days=UPCOMING_DAYS)
            ).order_by("starts_at")
        ),
        resources=list(
            Resource.objects.filter(created_at__gte=since, created_at__lt=until).select_related("community")
        ),
        proposals=[
            ProposalChange(
                title=change.proposal.title,
                status_label=str(change.get_to_status_display()),
                url=change.proposal.get_absolute_url(),
                changed_at=change.at,
                author_ids=frozenset(author.pk for author in change.proposal.authors.all()),
            )
            for change in StatusChange.objects.filter(at__gte=since, at__lt=until)
            .select_related("proposal")
            .prefetch_related("proposal__authors")
            .order_by("at")
        ],
    )
    # Each address is worked out once per batch, not once per person who reads it.
    for item in [*activity.challenges, *activity.meetings, *activity.resources]:
        item.absolute_url = item.get_absolute_url()
    challenge_urls = {c.pk: c.absolute_url for c in activity.challenges}
    for reply in activity.replies:
        base = challenge_urls.get(reply.challenge_id) or reply.challenge.get_absolute_url()
        reply.absolute_url = f"{base}#reply-{reply.pk}"
    return activity


def people_for_batch(ids: list[int]):
    """The batch's people with what decides their digest: themes, communities, follows, declines.

    A read; no side effects.
    """
    return list(
        subscribers()
        .filter(pk__in=ids)
        .annotate(last_window_end=last_window_end())
        .prefetch_related(
            "affiliations__organisation__focus_areas",
            Prefetch("community_memberships", queryset=_active_memberships(), to_attr="active_memberships"),
            Prefetch(
                "followed_challenges", queryset=Follow.objects.only("challenge_id", "person_id"), to_attr="follows"
            ),
            Prefetch("rsvps", queryset=_declines(), to_attr="declines"),
        )
    )


def _active_memberships():
    from communities.models import Membership

    return Membership.objects.active().only("community_id", "person_id")


def _declines():
    from events.models import Rsvp

    return Rsvp.objects.filter(response=RsvpResponse.NO).only("meeting_id", "person_id")


def content_for(person, activity: Activity, *, start: datetime, end: datetime) -> DigestContent:
    """What one person's digest shows from the batch's activity, within their window and what they may see.

    No side effects.
    """
    themes = {
        area.pk for affiliation in person.affiliations.all() for area in affiliation.organisation.focus_areas.all()
    }
    communities = {membership.community_id for membership in person.active_memberships}
    followed = {follow.challenge_id for follow in person.follows}
    declined = {rsvp.meeting_id for rsvp in person.declines}

    # The window's content is shifted back by the commit grace (see the module's docstring).
    start, end = start - grace(), end - grace()

    def in_window(moment):
        return start <= moment < end

    def visible(community_id):
        return audience_includes(community_id=community_id, member_of=communities, is_coordinator=person.is_coordinator)

    return DigestContent(
        challenges=Section.newest([
            c for c in activity.challenges
            if in_window(c.created_at) and c.author_id != person.pk and visible(c.community_id)
            and (activity.challenge_themes[c.pk] & themes or (c.community_id and c.community_id in communities))
        ]),
        replies=Section.newest([
            r for r in activity.replies
            if r.challenge_id in followed and in_window(r.created_at) and r.author_id != person.pk and visible(r.challenge.community_id)
        ]),
        meetings=[m for m in activity.meetings if visible(m.community_id) and m.pk not in declined][:SECTION_LIMIT],
        resources=Section.newest([r for r in activity.resources if in_window(r.created_at) and (r.is_public or visible(r.community_id))]),
        proposals=[p for p in activity.proposals if in_window(p.changed_at) and person.pk in p.author_ids],
    )  # fmt: skip


def batch_urls() -> dict:
    """The addresses every digest of a batch links to, worked out once. No side effects."""
    return {
        "challenges": settings.SITE_URL + reverse("network:challenge_list"),
        "resources": settings.SITE_URL + reverse("network:resource_list"),
        "preferences": settings.SITE_URL + reverse("members:preferences_update"),
        "unsubscribe": reverse("network:digest_unsubscribe", args=["TOKEN"]),
    }


def _digest_message(person, content: DigestContent, start, end, urls: dict):
    if content.is_empty():
        return None
    url = unsubscribe_url(person, base=urls["unsubscribe"])
    return render_for(
        person,
        "digest",
        context={
            "content": content,
            "start": start,
            "end": end,
            "unsubscribe_url": url,
            "preferences_url": urls["preferences"],
            "urls": urls,
        },
        unsubscribe_url=url,
    )


def digest_occasion(person) -> str:
    """Keyed to where the window starts: the end of the last digest tried. A first digest has no such
    end, and its start moves with the clock, so it has an occasion of its own: there is only one first.

    No side effects.
    """
    if person.last_window_end is None:
        return "digest:first"
    return f"digest:{person.last_window_end:%Y%m%dT%H%M%S.%f}"


def send_digests(*, recipient_ids: list[int], window_end_iso: str, claim: str) -> BatchResult:
    """Send each person still due the digest of [their last digest's end, window_end). Nobody gets an
    empty one, and nobody gets one who is no longer due (an earlier sweep's batch got there first).

    The occasion is keyed to the window's start (see digest_occasion): a second run for the same
    window claims nobody. Side effects through deliver: Delivery rows of kind digest, one e-mail per person.
    """
    end = datetime.fromisoformat(window_end_iso)
    people = people_for_batch(recipient_ids)
    people = [person for person in people if is_due(person, end)]
    windows = {person.pk: (window_start_for(person, end), end) for person in people}
    people = [person for person in people if windows[person.pk][0] < end]
    if not people:
        return BatchResult()
    activity = load_activity(since=min(start for start, _end in windows.values()), until=end)
    urls = batch_urls()

    def build(person):
        start = windows[person.pk][0]
        return _digest_message(person, content_for(person, activity, start=start, end=end), start, end, urls)

    return deliver(
        recipients=people,
        occasion=digest_occasion,
        kind=DIGEST,
        claim=claim,
        window_of=lambda person: windows[person.pk],
        build=build,
    )


def resend_digests(*, delivery_ids: list[int], claim: str) -> BatchResult:
    """Send again digests that failed or whose sender died, each with its own window.

    Side effects: one e-mail per row that can be taken; the rows' states (see common.mail.send_rows).
    """
    rows = list(Delivery.objects.filter(pk__in=delivery_ids, kind=DIGEST).order_by("recipient_id"))
    if not rows:
        return BatchResult()
    people = {person.pk: person for person in people_for_batch([row.recipient_id for row in rows])}
    activity = load_activity(since=min(row.window_start for row in rows), until=max(row.window_end for row in rows))
    urls = batch_urls()

    def build(row):
        person = people.get(row.recipient_id)
        if person is None:  # no longer takes a digest
            return None
        content = content_for(person, activity, start=row.window_start, end=row.window_end)
        return _digest_message(person, content, row.window_start, row.window_end, urls)

    return send_rows(rows, build=build, claim=claim)
