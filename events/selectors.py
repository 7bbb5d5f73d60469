"""Reads for the calendar: each page's meetings with what its template shows."""

from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from communities.models import Membership
from communities.selectors import active_community_ids
from members.models import User

from .enums import AccessNeed, MeetingStatus, RsvpResponse
from .models import AgendaItem, Attendance, Meeting, Rsvp


def _with_counts_and_my_answer(meetings, user):
    mine = Rsvp.objects.filter(meeting=OuterRef("pk"), person=user.pk)
    return meetings.select_related("series", "community").annotate(
        yes_count=Count("rsvps", filter=Q(rsvps__response=RsvpResponse.YES, rsvps__waitlisted=False), distinct=True),
        my_response=Subquery(mine.values("response")[:1]),
    )


def visible_meetings(user):
    """Every meeting a member may see: the calendar shows the whole network's life."""
    return Meeting.objects.all()


def meetings_between(*, user, start: datetime, end: datetime, meetings=None):
    """Meetings that overlap [start, end), in time order."""
    meetings = visible_meetings(user) if meetings is None else meetings
    return _with_counts_and_my_answer(meetings.filter(starts_at__lt=end, ends_at__gt=start), user).order_by("starts_at")


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
