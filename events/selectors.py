"""Reads for the calendar: each page's meetings with what its template shows."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from communities.models import Membership
from communities.selectors import active_community_ids
from members.enums import OrganisationKind, OrganisationStatus
from members.models import Organisation, User

from .enums import AccessNeed, MeetingStatus, RsvpResponse
from .models import AgendaItem, Attendance, GuestAttendance, Meeting, Rsvp


def _with_counts_and_my_answer(meetings, user):
    mine = Rsvp.objects.filter(meeting=OuterRef("pk"), person=user.pk)
    # A correlated count for the rows shown, not a join of every meeting with every answer grouped before the
    # LIMIT: the upcoming list at 80,000 answers spent 150 ms in that GROUP BY.
    coming = (
        Rsvp.objects.filter(meeting=OuterRef("pk"), response=RsvpResponse.YES, waitlisted=False)
        .order_by()
        .values("meeting")
        .annotate(number=Count("pk"))
        .values("number")[:1]
    )
    return meetings.select_related("series", "community").annotate(
        yes_count=Coalesce(Subquery(coming), 0),
        my_response=Subquery(mine.values("response")[:1]),
    )


def visible_meetings(user):
    """Every meeting a member may see: the calendar shows the whole network's life."""
    return Meeting.objects.all()


def meetings_between(*, user, start: datetime, end: datetime, meetings=None):
    """Meetings that overlap [start, end), in time order: what the month grid shows of them (no counts)."""
    meetings = visible_meetings(user) if meetings is None else meetings
    return (
        meetings.filter(starts_at__lt=end, ends_at__gt=start)
        .only("pk", "title", "starts_at", "ends_at", "status")
        .order_by("starts_at")
    )


def upcoming_meetings(*, user, meetings=None):
    meetings = visible_meetings(user) if meetings is None else meetings
    return _with_counts_and_my_answer(meetings.filter(ends_at__gt=timezone.now()), user).order_by("starts_at")


def past_meetings(*, user, meetings=None):
    meetings = visible_meetings(user) if meetings is None else meetings
    return _with_counts_and_my_answer(meetings.filter(ends_at__lte=timezone.now()), user).order_by("-starts_at")


def next_meeting_for(user) -> Meeting | None:
    """The next scheduled meeting of the person's audience: the network's, or one of their communities'."""
    return (
        audience_meetings(user)
        .filter(status=MeetingStatus.SCHEDULED, ends_at__gt=timezone.now())
        .select_related("series", "community")
        .order_by("starts_at")
        .first()
    )


def audience_meetings(user):
    """Meetings whose audience includes the person."""
    communities = active_community_ids(user)
    return Meeting.objects.filter(Q(community__isnull=True) | Q(community_id__in=communities))


def meeting_detail(*, pk: int, user):
    # challenge_link is the network board's pointer at an agenda item, followed by its related name.
    agenda = AgendaItem.objects.select_related(
        "presenter", "presenter_organisation", "challenge_link__challenge"
    ).order_by("position", "pk")
    return (
        _with_counts_and_my_answer(Meeting.objects.filter(pk=pk), user)
        .select_related("minutes", "community")
        .annotate(
            maybe_count=Count("rsvps", filter=Q(rsvps__response=RsvpResponse.MAYBE), distinct=True),
            waiting_count=Count(
                "rsvps", filter=Q(rsvps__response=RsvpResponse.YES, rsvps__waitlisted=True), distinct=True
            ),
            attendance_count=Count("attendances", distinct=True),
            # A subquery, not a fourth join: the joins above already multiply answers by attendance.
            guest_count=Coalesce(
                Subquery(
                    GuestAttendance.objects.filter(meeting=OuterRef("pk"))
                    .order_by()
                    .values("meeting")
                    .annotate(number=Count("pk"))
                    .values("number")[:1]
                ),
                0,
            ),
        )
        .prefetch_related(Prefetch("agenda_items", queryset=agenda))
        .first()
    )


def rsvps_for(meeting: Meeting):
    return (
        meeting.rsvps.select_related("person")
        .prefetch_related("person__affiliations__organisation")
        .order_by("response", "waitlisted", "responded_at")
    )


def audience_people(meeting: Meeting):
    """The people a meeting is for, with anyone who answered or attended it."""
    people = User.objects.network_members()
    if meeting.community_id:
        in_community = Q(pk__in=Membership.objects.active().filter(community_id=meeting.community_id).values("person"))
        people = User.objects.filter(
            in_community | Q(rsvps__meeting=meeting) | Q(attendances__meeting=meeting), is_active=True
        ).distinct()
    return people.prefetch_related("affiliations__organisation").order_by("display_name", "email")


def not_answered(meeting: Meeting):
    """The people a meeting is for who have not answered, by name, with their organisations."""
    return audience_people(meeting).exclude(pk__in=meeting.rsvps.values("person"))


def access_need_counts(meeting: Meeting) -> list[tuple[str, int]]:
    """(need's label, how many asked for it) for every need, among those coming, waiting or maybe coming:
    one query, however many answered."""
    asking = meeting.rsvps.exclude(response=RsvpResponse.NO)
    counts = asking.aggregate(
        **{need: Count("pk", filter=Q(needs__contains=[need])) for need in AccessNeed.values},
    )
    return [(label, counts[need]) for need, label in AccessNeed.choices]


def my_rsvp(*, meeting: Meeting, user) -> Rsvp | None:
    return Rsvp.objects.filter(meeting=meeting, person=user.pk).first()


def attendance_by_month(*, organisation=None, person=None, months: int = 12) -> list[tuple[date, int]]:
    """How many attended per month over the last months, oldest first, with empty months as 0."""
    today = timezone.localdate()
    first = today.replace(day=1) - relativedelta(months=months - 1)
    records = Attendance.objects.filter(
        meeting__starts_at__gte=datetime.combine(first, time(), tzinfo=timezone.get_current_timezone())
    )
    if organisation is not None:
        records = records.filter(organisation=organisation)
    if person is not None:
        records = records.filter(person=person)
    counts = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["count"]
        for row in records.annotate(month=TruncMonth("meeting__starts_at")).values("month").annotate(count=Count("pk"))
    }
    result, month = [], first
    while month <= today:
        result.append((month, counts.get(month, 0)))
        month += relativedelta(months=1)
    return result


def attendance_records(*, organisation=None, person=None):
    records = Attendance.objects.select_related("meeting", "person", "organisation").order_by("-meeting__starts_at")
    if organisation is not None:
        records = records.filter(organisation=organisation)
    if person is not None:
        records = records.filter(person=person)
    return records


@dataclass
class OrganisationCount:
    name: str
    organisation: Organisation | None  # None: a guest's organisation that is not in the network
    meetings: int = 0
    people: int = 0


def attendance_by_organisation(meeting: Meeting) -> list[OrganisationCount]:
    """Who came to one meeting, counted by organisation (people and guests), most first. Three queries."""
    counts: dict = {}
    for organisation_id, number in (
        meeting.attendances.filter(organisation__isnull=False)
        .values_list("organisation_id")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts[organisation_id] = number
    guests_elsewhere: dict[str, OrganisationCount] = {}
    for guest in meeting.guest_attendances.exclude(organisation_name="", organisation__isnull=True):
        if guest.organisation_id:
            counts[guest.organisation_id] = counts.get(guest.organisation_id, 0) + 1
        else:
            row = guests_elsewhere.setdefault(
                guest.organisation_name.lower(), OrganisationCount(name=guest.organisation_name, organisation=None)
            )
            row.people += 1
    rows = [
        OrganisationCount(name=organisation.name, organisation=organisation, people=counts[organisation.pk])
        for organisation in Organisation.objects.filter(pk__in=counts).only("name", "slug", "acronym")
    ]
    return sorted([*rows, *guests_elsewhere.values()], key=lambda row: (-row.people, row.name.lower()))


@dataclass
class Participation:
    rows: list[OrganisationCount]
    meetings: int  # meetings in the period with attendance recorded
    member_organisations: int  # active member organisations of the network
    member_organisations_came: int


def organisation_participation(*, start: date, end: date) -> Participation:
    """Per organisation, how many of the meetings between start and end (days in the network's time zone,
    both included) it came to, by a person or a guest, and how many of its people came; every active member
    organisation is listed, those that did not come with 0. Six queries, however many meetings and people."""
    zone = timezone.get_default_timezone()
    meetings = Meeting.objects.not_cancelled().filter(
        starts_at__gte=datetime.combine(start, time(), tzinfo=zone),
        starts_at__lt=datetime.combine(end + timedelta(days=1), time(), tzinfo=zone),
    )
    people = Attendance.objects.filter(meeting__in=meetings)
    guests = GuestAttendance.objects.filter(meeting__in=meetings)
    pairs = (
        people.exclude(organisation=None)
        .values_list("organisation_id", "meeting_id")
        .union(guests.exclude(organisation=None).values_list("organisation_id", "meeting_id"))
    )
    meetings_of, people_of = defaultdict(int), defaultdict(int)
    for organisation_id, _meeting_id in pairs:
        meetings_of[organisation_id] += 1
    for source in (people, guests):
        for organisation_id, number in (
            source.exclude(organisation=None).values_list("organisation_id").annotate(n=Count("pk")).order_by()
        ):
            people_of[organisation_id] += number
    elsewhere: dict[str, OrganisationCount] = {}
    seen: dict[str, set] = defaultdict(set)
    for name, meeting_id in (
        guests.filter(organisation=None).exclude(organisation_name="").values_list("organisation_name", "meeting_id")
    ):
        row = elsewhere.setdefault(name.lower(), OrganisationCount(name=name, organisation=None))
        row.people += 1
        seen[name.lower()].add(meeting_id)
    for key, row in elsewhere.items():
        row.meetings = len(seen[key])
    members = Q(kind=OrganisationKind.MEMBER, status=OrganisationStatus.ACTIVE)
    organisations = Organisation.objects.filter(members | Q(pk__in=list(meetings_of))).only(
        "name", "slug", "acronym", "kind", "status"
    )
    rows, member_count, member_came = [], 0, 0
    for organisation in organisations:
        is_member = organisation.kind == OrganisationKind.MEMBER and organisation.status == OrganisationStatus.ACTIVE
        member_count += is_member
        member_came += is_member and meetings_of[organisation.pk] > 0
        rows.append(
            OrganisationCount(
                name=organisation.name,
                organisation=organisation,
                meetings=meetings_of[organisation.pk],
                people=people_of[organisation.pk],
            )
        )
    held = (
        meetings.filter(Q(pk__in=people.values("meeting_id")) | Q(pk__in=guests.values("meeting_id")))
        .distinct()
        .count()
    )
    return Participation(
        rows=sorted([*rows, *elsewhere.values()], key=lambda row: (-row.meetings, -row.people, row.name.lower())),
        meetings=held,
        member_organisations=member_count,
        member_organisations_came=member_came,
    )


def attendance_with_minutes(meeting: Meeting) -> list[dict]:
    """Everyone recorded as present, people then guests, with the minutes a meeting tool's report gave them;
    [] when no minutes were recorded. Two queries whatever the count."""
    people = list(meeting.attendances.select_related("person", "organisation").order_by("person__display_name", "pk"))
    guests = list(meeting.guest_attendances.select_related("organisation").order_by("name", "pk"))
    if all(row.minutes_present is None for row in [*people, *guests]):
        return []
    rows = [
        {
            "name": row.person.name,
            "organisation": row.organisation.name if row.organisation else "",
            "minutes": row.minutes_present,
            "is_guest": False,
        }
        for row in people
    ]
    rows += [
        {
            "name": row.name,
            "organisation": row.organisation.name if row.organisation else row.organisation_name,
            "minutes": row.minutes_present,
            "is_guest": True,
        }
        for row in guests
    ]
    return rows
