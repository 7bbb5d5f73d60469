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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from common.mail import BatchResult, Fragments, Rendered, deliver, register_kind, send_rows
from common.models import Delivery
from events.enums import MeetingStatus, RsvpResponse
from events.models import Meeting
from members.enums import AffiliationRole, DigestFrequency
from members.models import User
from proposals.enums import ProposalStatus
from proposals.models import StatusChange

from ..models import Action, Challenge, Follow, FundingOpportunity, Reply, Resource
from ..models.board import reply_url
from ..models.funding import today
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
    # Actions of a work plan past their end date, owned by an organisation the person leads.
    overdue_actions: list = field(default_factory=list)
    opportunities: Section = field(default_factory=lambda: Section([], 0))

    def is_empty(self) -> bool:
        # Upcoming meetings alone do not make a digest worth sending.
        return not (
            self.challenges
            or self.replies
            or self.resources
            or self.proposals
            or self.overdue_actions
            or self.opportunities
        )


@dataclass(frozen=True)
class ProposalChange:
    title: str
    status_label: str
    url: str
    changed_at: datetime
    author_ids: frozenset


@dataclass
class Activity:
    """Everything new in the union of the batch's windows, loaded once and shared by the batch, with
    indexes so that each person's digest looks only at what may concern them."""

    challenges: list
    replies: list
    meetings: list
    resources: list
    proposals: list
    challenge_themes: dict = field(default_factory=dict)
    # Positions in `challenges` / `replies` (kept in the order they were created), by what selects them.
    challenges_by_theme: dict = field(default_factory=dict)
    challenges_by_community: dict = field(default_factory=dict)
    replies_by_challenge: dict = field(default_factory=dict)
    resources_for_all: list = field(default_factory=list)
    resources_by_community: dict = field(default_factory=dict)
    overdue_actions: list = field(default_factory=list)
    overdue_by_owner: dict = field(default_factory=dict)
    # Funding opportunities shared in the window, by their themes.
    opportunities: list = field(default_factory=list)
    opportunity_themes: dict = field(default_factory=dict)
    opportunities_by_theme: dict = field(default_factory=dict)

    def index(self) -> "Activity":
        for position, opportunity in enumerate(self.opportunities):
            for theme in self.opportunity_themes.get(opportunity.pk, ()):
                self.opportunities_by_theme.setdefault(theme, []).append(position)
        for position, challenge in enumerate(self.challenges):
            for theme in self.challenge_themes.get(challenge.pk, ()):
                self.challenges_by_theme.setdefault(theme, []).append(position)
            if challenge.community_id:
                self.challenges_by_community.setdefault(challenge.community_id, []).append(position)
        for position, reply in enumerate(self.replies):
            self.replies_by_challenge.setdefault(reply.challenge_id, []).append(position)
        for position, resource in enumerate(self.resources):
            if resource.is_public or resource.community_id is None:
                self.resources_for_all.append(position)
            else:
                self.resources_by_community.setdefault(resource.community_id, []).append(position)
        for position, action in enumerate(self.overdue_actions):
            self.overdue_by_owner.setdefault(action.owner_id, []).append(position)
        return self

    def picked(self, items: list, *groups) -> list:
        """The items at the positions in any of the groups, in the order they were created."""
        positions = set()
        for group in groups:
            positions.update(group)
        return [items[position] for position in sorted(positions)]


def _addresses(name: str):
    """The address of a view that takes one id, for any id: reverse() once, not once per item."""
    marker = 9_876_543_210
    pattern = reverse(name, args=[marker])
    return lambda pk: pattern.replace(str(marker), str(pk))


def load_activity(*, since: datetime, until: datetime, people=()) -> Activity:
    """Everything new between since and until, plus the meetings coming up. Replies are loaded only on
    the challenges someone among `people` follows. A read; no side effects."""
    now = timezone.now()
    since, until = since - grace(), until - grace()
    followed = {challenge_id for person in people for challenge_id in person.digest_follows}
    challenges = list(
        Challenge.objects.filter(created_at__gte=since, created_at__lt=until, is_hidden=False)
        .select_related("author", "organisation")
        .only(
            "pk", "title", "created_at", "community_id", "author_id", "author__display_name",
            "author__email", "organisation__name",
        )
        .order_by("created_at", "pk")
    )  # fmt: skip
    activity = Activity(
        challenges=challenges,
        challenge_themes=_grouped(
            Challenge.themes.through.objects.filter(challenge_id__in=[c.pk for c in challenges]).values_list(
                "challenge_id", "focusarea_id"
            )
        ),
        replies=list(
            Reply.objects.filter(
                created_at__gte=since, created_at__lt=until, is_hidden=False, challenge_id__in=followed
            )
            .select_related("author", "challenge")
            .only(
                "pk", "created_at", "challenge_id", "author_id", "author__display_name", "author__email",
                "challenge__title", "challenge__community_id",
            )
            .order_by("created_at", "pk")
        ),
        meetings=list(
            Meeting.objects.filter(
                status=MeetingStatus.SCHEDULED, starts_at__gte=now, starts_at__lt=now + timedelta(days=UPCOMING_DAYS)
            ).order_by("starts_at")
        ),
        resources=list(Resource.objects.filter(created_at__gte=since, created_at__lt=until).order_by("created_at")),
        proposals=[],
    )  # fmt: skip
    activity.opportunities = list(
        FundingOpportunity.objects.filter(created_at__gte=since, created_at__lt=until, deadline__gte=today())
        .only("pk", "title", "donor", "deadline", "created_at", "posted_by_id")
        .order_by("created_at", "pk")
    )
    activity.opportunity_themes = _grouped(
        FundingOpportunity.themes.through.objects.filter(
            fundingopportunity_id__in=[o.pk for o in activity.opportunities]
        ).values_list("fundingopportunity_id", "focusarea_id")
    )
    opportunity_url = _addresses("network:opportunity_detail")
    for opportunity in activity.opportunities:
        opportunity.absolute_url = opportunity_url(opportunity.pk)
    proposal_url = _addresses("proposals:proposal_detail")
    activity.proposals = [
        ProposalChange(
            title=change.proposal.title,
            # Lazy: it is read in each reader's language when their digest is rendered.
            status_label=ProposalStatus(change.to_status).label,
            url=proposal_url(change.proposal_id),
            changed_at=change.at,
            author_ids=frozenset(author.pk for author in change.proposal.authors.all()),
        )
        for change in StatusChange.objects.filter(at__gte=since, at__lt=until)
        .select_related("proposal")
        .prefetch_related(Prefetch("proposal__authors", queryset=User.objects.only("pk")))
        .order_by("at")
    ]
    # Each address is worked out once per batch, not once per person who reads it.
    challenge_url = _addresses("network:challenge_detail")
    for challenge in activity.challenges:
        challenge.absolute_url = challenge_url(challenge.pk)
    for reply in activity.replies:
        reply.absolute_url = reply_url(challenge_url(reply.challenge_id), reply.pk)
    resource_url = _addresses("network:resource_detail")
    for resource in activity.resources:
        resource.absolute_url = resource_url(resource.pk)
    meeting_url = _addresses("events:meeting_detail")
    for meeting in activity.meetings:
        meeting.absolute_url = meeting_url(meeting.pk)
    activity.overdue_actions = list(
        Action.objects.overdue(timezone.localdate(now))
        .select_related("owner", "objective__plan")
        .only("title", "ends_on", "owner__name", "objective__plan__title")
        .order_by("ends_on", "pk")
    )
    plan_url = _addresses("network:workplan_detail")
    for action in activity.overdue_actions:
        action.absolute_url = f"{plan_url(action.objective.plan_id)}#action-{action.pk}"
    return activity.index()


def people_for_batch(ids: list[int]):
    """The batch's people with what decides their digest: the themes of their organisations, the
    communities they are active in, the challenges they follow and the meetings they declined (sets of
    ids, each read in one query for the whole batch). A read; no side effects.
    """
    from communities.models import Membership
    from events.models import Rsvp
    from members.models import Affiliation

    people = list(subscribers().filter(pk__in=ids).annotate(last_window_end=last_window_end()))
    ids = [person.pk for person in people]
    themes = _grouped(
        Affiliation.objects.filter(person_id__in=ids, organisation__focus_areas__isnull=False).values_list(
            "person_id", "organisation__focus_areas"
        )
    )
    communities = _grouped(
        Membership.objects.active().filter(person_id__in=ids).values_list("person_id", "community_id")
    )
    leads = _grouped(
        Affiliation.objects.filter(person_id__in=ids, role=AffiliationRole.LEADER).values_list(
            "person_id", "organisation_id"
        )
    )
    follows = _grouped(Follow.objects.filter(person_id__in=ids).values_list("person_id", "challenge_id"))
    declines = _grouped(
        Rsvp.objects.filter(person_id__in=ids, response=RsvpResponse.NO).values_list("person_id", "meeting_id")
    )
    for person in people:
        person.digest_themes = themes.get(person.pk, frozenset())
        person.digest_communities = communities.get(person.pk, frozenset())
        person.digest_follows = follows.get(person.pk, frozenset())
        person.digest_declines = declines.get(person.pk, frozenset())
        person.digest_leads = leads.get(person.pk, frozenset())
    return people


def _grouped(pairs) -> dict[int, set]:
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, set()).add(value)
    return grouped


def content_for(person, activity: Activity, *, start: datetime, end: datetime) -> DigestContent:
    """What one person's digest shows from the batch's activity, within their window and what they may see.

    No side effects.
    """
    themes, communities = person.digest_themes, person.digest_communities
    followed, declined = person.digest_follows, person.digest_declines

    # The window's content is shifted back by the commit grace (see the module's docstring).
    start, end = start - grace(), end - grace()

    def in_window(moment):
        return start <= moment < end

    is_coordinator = person.is_coordinator

    def visible(community_id):
        return audience_includes(community_id=community_id, member_of=communities, is_coordinator=is_coordinator)

    # Only what may concern them: a challenge in one of their themes or communities, a reply on a
    # challenge they follow, a resource for everyone or for a community of theirs (for coordinators, all).
    challenges = activity.picked(
        activity.challenges,
        *(activity.challenges_by_theme.get(theme, ()) for theme in themes),
        *(activity.challenges_by_community.get(community, ()) for community in communities),
    )
    replies = activity.picked(
        activity.replies, *(activity.replies_by_challenge.get(challenge, ()) for challenge in followed)
    )
    resources = (
        activity.resources
        if is_coordinator
        else activity.picked(
            activity.resources,
            activity.resources_for_all,
            *(activity.resources_by_community.get(community, ()) for community in communities),
        )
    )

    return DigestContent(
        challenges=Section.newest([
            c for c in challenges if in_window(c.created_at) and c.author_id != person.pk and visible(c.community_id)
        ]),
        replies=Section.newest([
            r for r in replies
            if in_window(r.created_at) and r.author_id != person.pk and visible(r.challenge.community_id)
        ]),
        meetings=[m for m in activity.meetings if visible(m.community_id) and m.pk not in declined][:SECTION_LIMIT],
        resources=Section.newest([r for r in resources if in_window(r.created_at)]),
        proposals=[p for p in activity.proposals if in_window(p.changed_at) and person.pk in p.author_ids],
        overdue_actions=activity.picked(
            activity.overdue_actions, *(activity.overdue_by_owner.get(owner, ()) for owner in person.digest_leads)
        )[:SECTION_LIMIT],
        opportunities=Section.newest([
            o for o in activity.picked(
                activity.opportunities, *(activity.opportunities_by_theme.get(theme, ()) for theme in themes)
            )
            if in_window(o.created_at) and o.posted_by_id != person.pk
        ]),
    )  # fmt: skip


def batch_urls() -> dict:
    """The addresses every digest of a batch links to, worked out once. No side effects."""
    return {
        "challenges": settings.SITE_URL + reverse("network:challenge_list"),
        "resources": settings.SITE_URL + reverse("network:resource_list"),
        "opportunities": settings.SITE_URL + reverse("network:opportunity_list"),
        "preferences": settings.SITE_URL + reverse("members:preferences_update"),
        "unsubscribe": reverse("network:digest_unsubscribe", args=["TOKEN"]),
    }


SECTIONS = ("overdue_actions", "challenges", "replies", "proposals", "opportunities", "resources", "meetings")


def _section_key(name: str, part) -> tuple:
    """What a section shows, to render it once for all who see the same (see common.mail.Fragments)."""
    if name == "proposals":
        return (name, tuple((p.url, str(p.status_label), p.changed_at) for p in part))
    if name in ("meetings", "overdue_actions"):
        return (name, tuple(item.pk for item in part))
    return (name, tuple(item.pk for item in part.items), part.total)


def _sections(person, content: DigestContent, urls: dict, fragments: Fragments) -> Rendered:
    rendered = {"text": [], "html": []}
    for name in SECTIONS:
        part = getattr(content, name)
        if not part:
            continue
        for fmt, extension in (("text", "txt"), ("html", "html")):
            rendered[fmt].append(
                fragments.render(
                    f"emails/_digest_section.{extension}",
                    key=_section_key(name, part),
                    context={"section": name, "part": part, "urls": urls},
                    language=person.language,
                    time_zone=person.time_zone,
                )
            )
    return Rendered(text="".join(rendered["text"]), html=mark_safe("".join(rendered["html"])))  # noqa: S308


def _digest_message(person, content: DigestContent, start, end, urls: dict, fragments: Fragments):
    """The digest: its sections rendered once for all who see the same, the rest once per window,
    with the person's name and unsubscribe address filled in. No side effects."""
    if content.is_empty():
        return None
    url = unsubscribe_url(person, base=urls["unsubscribe"])
    return fragments.message(
        "digest",
        key=(start, end),
        context={"start": start, "end": end, "preferences_url": urls["preferences"]},
        personal={"sections": _sections(person, content, urls, fragments), "unsubscribe_url": url},
        person=person,
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
    activity = load_activity(since=min(start for start, _end in windows.values()), until=end, people=people)
    urls, fragments = batch_urls(), Fragments()

    def build(person):
        start = windows[person.pk][0]
        content = content_for(person, activity, start=start, end=end)
        return _digest_message(person, content, start, end, urls, fragments)

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
    activity = load_activity(
        since=min(row.window_start for row in rows), until=max(row.window_end for row in rows), people=people.values()
    )
    urls, fragments = batch_urls(), Fragments()

    def build(row):
        person = people.get(row.recipient_id)
        if person is None:  # no longer takes a digest
            return None
        content = content_for(person, activity, start=row.window_start, end=row.window_end)
        return _digest_message(person, content, row.window_start, row.window_end, urls, fragments)

    return send_rows(rows, build=build, claim=claim)
