"""Who comes, who came, what was said: RSVPs, attendance, minutes and calendar feeds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common.mail import mail_people
from common.markup import check_markdown_fields
from members.enums import AffiliationRole
from members.models import Affiliation, Organisation

from ..enums import AccessNeed, MeetingStatus, MinutesStatus, RsvpResponse
from ..models import Attendance, CalendarFeed, GuestAttendance, Meeting, Minutes, MinutesVersion, Rsvp


@transaction.atomic
def rsvp_set(*, meeting: Meeting, person, response: str, note: str = "", needs=(), needs_other: str = "") -> Rsvp:
    """Answer whether one comes. Beyond the meeting's places a yes waits in line; when a place
    frees up, the first in line gets it.

    Writes the person's Rsvp (and the waitlist flag of those moved up); after commit, an e-mail to each
    person who got a place. Raises ValidationError when the meeting is not scheduled or over, or a need is wrong.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(
            _("This meeting is %(status)s; answers are closed.") % {"status": meeting.get_status_display().lower()}
        )
    if meeting.is_past:
        raise ValidationError(_("This meeting is over; answers are closed."))
    needs = list(dict.fromkeys(needs))
    unknown = set(needs) - set(AccessNeed.values)
    if unknown:
        raise ValidationError({"needs": _("Unknown need: %(needs)s") % {"needs": ", ".join(sorted(unknown))}})
    if AccessNeed.OTHER in needs and not needs_other.strip():
        raise ValidationError({"needs_other": _("Please describe the other need.")})

    rsvp = Rsvp.objects.filter(meeting=meeting, person=person).first() or Rsvp(meeting=meeting, person=person)
    had_place = rsvp.pk is not None and rsvp.response == RsvpResponse.YES and not rsvp.waitlisted
    rsvp.response = response
    rsvp.note = note
    rsvp.needs = needs
    rsvp.needs_other = needs_other.strip() if AccessNeed.OTHER in needs else ""
    if response == RsvpResponse.YES:
        if not had_place:
            rsvp.waitlisted = meeting.capacity is not None and _places_taken(meeting) >= meeting.capacity
            rsvp.responded_at = timezone.now()
    else:
        rsvp.waitlisted = False
    rsvp.full_clean(exclude=["meeting", "person"])
    rsvp.save()
    if had_place and response != RsvpResponse.YES:
        waiting_list_promote(meeting)
    return rsvp


def _places_taken(meeting: Meeting) -> int:
    return meeting.rsvps.filter(response=RsvpResponse.YES, waitlisted=False).count()


def waiting_list_promote(meeting: Meeting) -> list[Rsvp]:
    """Give the free places of a meeting (all of them when it has no limit) to those waiting, first come first.

    Call it inside the transaction that freed places, with the meeting locked. Writes the waitlist flag of
    each Rsvp moved up; after commit, the "a place is free" e-mail to each of them. Returns those Rsvps.
    """
    waiting = (
        meeting.rsvps.filter(response=RsvpResponse.YES, waitlisted=True)
        .select_related("person")
        .order_by("responded_at", "pk")
    )
    if meeting.capacity is not None:
        waiting = waiting[: max(meeting.capacity - _places_taken(meeting), 0)]
    waiting = list(waiting)
    for rsvp in waiting:
        rsvp.waitlisted = False
        rsvp.save(update_fields=["waitlisted"])
        # In the recipient's time zone, not that of the person who gave the place up.
        mail_people(
            [rsvp.person],
            template="rsvp_place_free",
            context={"meeting": meeting, "meeting_url": settings.SITE_URL + meeting.get_absolute_url()},
            topic=("events.meeting", meeting.pk),
        )
    return waiting


def guest_organisations(names) -> dict[str, int]:
    """The network's organisations the typed names stand for, matched by name or acronym whatever the case:
    {lower-case name: organisation id}. One query; a name that matches none is left out."""
    keys = {name.strip().lower() for name in names if name and name.strip()}
    if not keys:
        return {}
    matches = {}
    rows = Organisation.objects.annotate(lower_name=Lower("name"), lower_acronym=Lower("acronym")).filter(
        Q(lower_name__in=keys) | Q(lower_acronym__in=keys)
    )
    for organisation in rows.only("pk", "name", "acronym").order_by("pk"):
        for key in (organisation.lower_name, organisation.lower_acronym):
            if key in keys:
                matches.setdefault(key, organisation.pk)
    return matches


def attendance_check_open(meeting: Meeting) -> None:
    """Refuse recording attendance for a cancelled meeting or one that has not started. No side effects."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled; nobody can have attended."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))


def attending_organisations(person_ids) -> dict[int, int]:
    """{person id: the organisation they came for}: the one they lead, else their first. One query, no writes."""
    organisation_of = {}
    affiliations = Affiliation.objects.filter(person_id__in=list(person_ids)).order_by("person_id", "role", "pk")
    for affiliation in affiliations:
        current = organisation_of.get(affiliation.person_id)
        if current is None or (affiliation.role == AffiliationRole.LEADER and current[1] != AffiliationRole.LEADER):
            organisation_of[affiliation.person_id] = (affiliation.organisation_id, affiliation.role)
    return {person: organisation for person, (organisation, _role) in organisation_of.items()}


@transaction.atomic
def attendance_record(*, meeting: Meeting, people, by, guests=None) -> int:
    """Record exactly these people (and, given `guests`, exactly these guests) as present, and mark the
    meeting as held. Returns how many came.

    guests are (name, organisation) pairs for people without an account; a guest's organisation counts for
    the network's organisation of that name or acronym. Deletes the Attendance rows of people not named,
    writes one (with their organisation) per new person and keeps those of people still named (with the
    minutes a meeting tool's report gave them); when guests are given, keeps each GuestAttendance whose
    name and organisation are still listed (report minutes included), deletes the others and writes the new
    ones; sets a scheduled Meeting to held. Raises ValidationError when it was cancelled or has not started.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    attendance_check_open(meeting)
    people = {person.pk: person for person in people}
    meeting.attendances.exclude(person_id__in=people).delete()
    already = set(meeting.attendances.values_list("person_id", flat=True))
    organisation_of = attending_organisations(people)
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                person_id=pk,
                organisation_id=organisation_of.get(pk),
                recorded_by=by,
            )
            for pk in people
            if pk not in already
        ],
        ignore_conflicts=True,
    )
    guest_count = meeting.guest_attendances.count() if guests is None else _guests_replace(meeting, guests, by)
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status", "updated_at"])
    return len(people) + guest_count


def _guests_replace(meeting: Meeting, guests, by) -> int:
    guests = [(name.strip(), organisation.strip()) for name, organisation in guests if name.strip()]
    matches = guest_organisations(organisation for _name, organisation in guests)
    # A guest still listed keeps their row, so the minutes and e-mail a report gave them are not lost.
    kept = {}
    for guest in meeting.guest_attendances.all():
        kept.setdefault((guest.name, guest.organisation_name), []).append(guest.pk)
    keep, rows = [], []
    for name, organisation in guests:
        same = kept.get((name, organisation))
        if same:
            keep.append(same.pop(0))
            continue
        rows.append(
            GuestAttendance(
                meeting=meeting,
                name=name,
                organisation_name=organisation,
                organisation_id=matches.get(organisation.lower()),
                recorded_by=by,
            )
        )
    meeting.guest_attendances.exclude(pk__in=keep).delete()
    for row in rows:
        row.full_clean(exclude=["meeting", "organisation", "recorded_by"])
    GuestAttendance.objects.bulk_create(rows)
    return len(keep) + len(rows)


@transaction.atomic
def minutes_save(*, meeting: Meeting, body: str, status: str, by) -> Minutes:
    """Save the minutes as a new version. Final minutes are published to the meeting's audience.

    A draft saved over published minutes leaves the published text as it is: members keep reading it until
    a new final version replaces it. Writes the Minutes (published_body and published_at on a final save)
    and a MinutesVersion row; no e-mail. Raises ValidationError when the meeting was cancelled or final
    minutes are empty.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("A cancelled meeting has no minutes."))
    if status == MinutesStatus.FINAL and not body.strip():
        raise ValidationError({"body": _("Final minutes cannot be empty.")})
    check_markdown_fields(body=body)
    minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=meeting)
    minutes.body = body
    minutes.status = status
    minutes.updated_by = by
    minutes.updated_at = timezone.now()
    if status == MinutesStatus.FINAL:
        minutes.published_body = body
        minutes.published_at = minutes.published_at or timezone.now()
    minutes.save()
    number = (minutes.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    MinutesVersion.objects.create(minutes=minutes, number=number, body=body, status=status, saved_by=by)
    return minutes


def calendar_feed_for(person) -> CalendarFeed:
    """The person's secret calendar feed. Writes a CalendarFeed the first time."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, person) -> CalendarFeed:
    """Give the person a new secret address; the old one stops working at once.

    Deletes the CalendarFeed and writes a new one.
    """
    CalendarFeed.objects.filter(person=person).delete()
    return CalendarFeed.objects.create(person=person)


def calendar_feed_url(feed: CalendarFeed) -> str:
    """The full address of a personal calendar feed. No side effects."""
    return settings.SITE_URL + reverse("events:calendar_feed_export", args=[feed.token])
