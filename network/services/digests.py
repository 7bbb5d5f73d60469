"""The e-mail digest: what happened since the last digest a person received."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import OuterRef, Prefetch, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events.enums import MeetingStatus, RsvpResponse
from events.models import Meeting
from members.enums import DigestFrequency
from members.models import User
from proposals.models import StatusChange

from ..models import Challenge, Delivery, DeliveryKind, DeliveryStatus, Follow, Reply, Resource
from ..visibility import audience_includes
from .mailing import BatchResult, deliver

PERIOD = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# Beat runs hourly; a digest is due when its period has passed, give or take this much.
TOLERANCE = timedelta(minutes=30)
UPCOMING_DAYS = 14
UNSUBSCRIBE_SALT = "network.digest-unsubscribe"
# A digest is read in a minute: each section shows the newest few and says how many more there are.
SECTION_LIMIT = 8


def last_window_end():
    """Per person: the end of the last digest they received. A subquery; no side effects."""
    return Subquery(
        Delivery.objects.filter(recipient=OuterRef("pk"), kind=DeliveryKind.DIGEST, status=DeliveryStatus.SENT)
        .order_by("-window_end")
        .values("window_end")[:1]
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


def due_ids(now=None) -> list[int]:
    """The ids of the subscribers whose digest is due now. A read; no side effects."""
    now = now or timezone.now()
    due = []
    for person in (
        subscribers().annotate(last_window_end=last_window_end()).only("pk", "digest_frequency", "date_joined")
    ):
        if (
            person.last_window_end is None
            or now - person.last_window_end >= PERIOD[person.digest_frequency] - TOLERANCE
        ):
            due.append(person.pk)
    return due


def unsubscribe_url(person) -> str:
    """The one-click address that stops a person's digest. No side effects."""
    token = signing.dumps(person.pk, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("network:digest_unsubscribe", args=[token])


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
    challenges = list(
        Challenge.objects.filter(created_at__gte=since, created_at__lt=until, is_hidden=False)
        .select_related("author", "organisation", "community")
        .prefetch_related("themes")
        .order_by("created_at")
    )
    return Activity(
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


def _digest_message(person, content: DigestContent, start, end) -> EmailMultiAlternatives | None:
    if content.is_empty():
        return None
    url = unsubscribe_url(person)
    context = {
        "site_url": settings.SITE_URL,
        "network_name": settings.NETWORK_NAME,
        "person": person,
        "content": content,
        "start": start,
        "end": end,
        "unsubscribe_url": url,
        "preferences_url": settings.SITE_URL + reverse("members:preferences_update"),
    }
    with (
        translation.override(person.language or settings.LANGUAGE_CODE),
        timezone.override(person.time_zone or settings.TIME_ZONE),
    ):
        subject = " ".join(render_to_string("emails/digest.subject.txt", context).split())
        text = render_to_string("emails/digest.txt", context)
        html = render_to_string("emails/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_occasion(person) -> str:
    """Keyed to where the window starts: the end of the last digest sent. A first digest has no such
    end, and its start moves with the clock, so it has an occasion of its own: there is only one first.

    No side effects.
    """
    if person.last_window_end is None:
        return "digest:first"
    return f"digest:{person.last_window_end:%Y%m%dT%H%M%S.%f}"


def send_digests(*, recipient_ids: list[int], window_end_iso: str, claim: str) -> BatchResult:
    """Send each person the digest of [their last digest's end, window_end). Nobody gets an empty one.

    The occasion is keyed to the window's start (see digest_occasion): a second run for the same
    window claims nobody. Side effects through deliver: Delivery rows of kind digest, one e-mail per person.
    """
    end = datetime.fromisoformat(window_end_iso)
    people = people_for_batch(recipient_ids)
    windows = {person.pk: (window_start_for(person, end), end) for person in people}
    people = [person for person in people if windows[person.pk][0] < end]
    if not people:
        return BatchResult()
    activity = load_activity(since=min(start for start, _end in windows.values()), until=end)

    def build(person):
        start = windows[person.pk][0]
        return _digest_message(person, content_for(person, activity, start=start, end=end), start, end)

    return deliver(
        recipients=people,
        occasion=lambda person: digest_occasion(person),
        kind=DeliveryKind.DIGEST,
        claim=claim,
        window_of=lambda person: windows[person.pk],
        build=build,
    )
