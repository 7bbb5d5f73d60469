"""Attendance from an online meeting tool's participants report: matching its rows to people, then recording
them in one go (events.attendance_report reads the file)."""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..attendance_report import MAX_MINUTES, MAX_ROWS, NAME_MAX_LENGTH, normalise_name
from ..enums import AttendanceSource, MeetingStatus
from ..models import Attendance, GuestAttendance, Meeting
from ..selectors import audience_people
from .participation import attendance_check_open, attending_organisations, guest_organisations

# How alike two names must be (difflib's ratio) to offer one for the other.
FUZZY_CUTOFF = 0.85
MAX_CANDIDATES = 5
# Names are compared only with names having a word that starts with the same letters.
PREFIX = 3


class Certainty:
    EMAIL = "email"  # the e-mail is the person's: certain
    LIKELY = "likely"  # the only person of that name
    UNCERTAIN = "uncertain"  # several people of that name, or a name nearly like theirs: the coordinator picks
    GUEST = "guest"  # nobody of the network


@dataclass
class ReportMatch:
    """Who a report row stands for: `person` when certain or likely, else the `candidates` to pick from."""

    row: dict
    certainty: str
    person: object = None
    candidates: list = field(default_factory=list)
    # A guest's organisation, from the text in parentheses after their name ("Sokha (CWCC)"), and the
    # network's organisation of that name or acronym.
    organisation_name: str = ""
    organisation_id: int | None = None


def _name_keys(person) -> tuple[str, str]:
    name = normalise_name(person.name)
    return name, " ".join(sorted(name.split()))


def report_match(*, meeting: Meeting, rows: list[dict]) -> list[ReportMatch]:
    """Match each row of a participants report to the meeting's people (audience_people): by e-mail (their
    account's, or any address they added), then by name. No writes; two queries whatever the rows (three when
    names carry a text in parentheses, looked up as an organisation)."""
    people = list(audience_people(meeting).prefetch_related(None))
    by_pk = {person.pk: person for person in people}
    by_email = {person.email.lower(): person.pk for person in people}
    addresses = EmailAddress.objects.filter(user_id__in=by_pk).values_list("email", "user_id")
    for email, user_id in addresses:
        by_email.setdefault(email.lower(), user_id)
    by_name, by_tokens, by_prefix = defaultdict(list), defaultdict(list), defaultdict(set)
    for person in people:
        name, tokens = _name_keys(person)
        if name:
            by_name[name].append(person)
            by_tokens[tokens].append(person)
            for word in name.split():
                by_prefix[word[:PREFIX]].add(name)
    organisations = guest_organisations(row.get("aside", "") for row in rows)

    matches = []
    for row in rows:
        match = ReportMatch(row=row, certainty=Certainty.GUEST)
        person_pk = by_email.get((row.get("email") or "").lower())
        if person_pk is not None:
            match.certainty, match.person = Certainty.EMAIL, by_pk[person_pk]
        else:
            by_aside = _match_name(match, [row.get("name", ""), row.get("aside", "")], by_name, by_tokens, by_prefix)
            if by_aside:
                matches.append(match)
                continue
        aside = (row.get("aside") or "").strip()
        # Zoom puts a renamed person's original name in parentheses: an aside sharing a word with the name is
        # that, not an organisation.
        if aside and not set(normalise_name(aside).split()) & set(normalise_name(row.get("name", "")).split()):
            match.organisation_name = aside[:200]
            match.organisation_id = organisations.get(aside.lower())
        matches.append(match)
    return matches


def _match_name(match: ReportMatch, names, by_name, by_tokens, by_prefix) -> bool:
    """Fill in the match from the name, else from the text in parentheses (Zoom's original name); True when
    that text named the person, so it is no organisation."""
    keys = [normalise_name(name) for name in names if name and normalise_name(name)]
    for position, key in enumerate(keys):
        same = by_name.get(key, [])
        if len(same) == 1:
            match.certainty, match.person = Certainty.LIKELY, same[0]
            return position > 0
        if same:
            match.certainty, match.candidates = Certainty.UNCERTAIN, same[:MAX_CANDIDATES]
            return position > 0
    for key in keys:
        reordered = by_tokens.get(" ".join(sorted(key.split())), [])
        # Only names sharing the start of a word are compared: a report of hundreds of guests against a
        # network of hundreds of people stays quick.
        alike = sorted(set().union(*(by_prefix.get(word[:PREFIX], ()) for word in key.split())))
        close = difflib.get_close_matches(key, alike, n=MAX_CANDIDATES, cutoff=FUZZY_CUTOFF)
        candidates = list(dict.fromkeys([*reordered, *(person for name in close for person in by_name[name])]))
        if candidates:
            match.certainty, match.candidates = Certainty.UNCERTAIN, candidates[:MAX_CANDIDATES]
            return False
    return False


@dataclass
class ImportLine:
    """One row to record: a person of the network, or (person None) a guest."""

    name: str
    person: object = None
    email: str = ""
    organisation_name: str = ""
    organisation_id: int | None = None
    minutes: int | None = None


@dataclass
class ImportResult:
    people: int
    guests: int


def guest_report_key(*, name: str, email: str) -> str:
    """How a guest from a report is found again: their e-mail, else their name as compared. No side effects."""
    return (email or "").strip().lower() or normalise_name(name)


def _add_minutes(total, minutes):
    if minutes is None:
        return total
    return (total or 0) + minutes


@transaction.atomic
def attendance_import(*, meeting: Meeting, lines: list[ImportLine], by) -> ImportResult:
    """Record the people and guests of a meeting tool's report as present, with the minutes they stayed, and
    mark the meeting as held. Importing the same report again changes nothing.

    Adds to what is recorded, never removes: a person already present gets the report's minutes (Attendance
    updated, or written with their organisation); a guest is found again by e-mail or normalised name (a
    guest typed by hand with that name included) and updated, else a GuestAttendance is written. Lines for
    the same person or guest are added up. No e-mail. Raises ValidationError when the meeting was cancelled
    or has not started, or a line's minutes or name are out of bounds.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    attendance_check_open(meeting)
    if len(lines) > MAX_ROWS:
        raise ValidationError(_("At most %(limit)s rows at once.") % {"limit": MAX_ROWS})
    minutes_of, guests = {}, {}
    for line in lines:
        if line.minutes is not None and not 0 <= line.minutes <= MAX_MINUTES:
            raise ValidationError(_("Minutes present must be between 0 and %(limit)s.") % {"limit": MAX_MINUTES})
        if line.person is not None:
            minutes_of[line.person.pk] = _add_minutes(minutes_of.get(line.person.pk), line.minutes)
            continue
        # The attendance form lists guests as "name, organisation": a comma in a name would split it there,
        # and saving the form would then replace the guest, minutes and all.
        name = " ".join(line.name.replace(",", " ").split())[:NAME_MAX_LENGTH]
        key = guest_report_key(name=name, email=line.email)
        if not key:
            raise ValidationError(_("A guest without a name cannot be recorded."))
        if key in guests:
            guests[key].minutes = _add_minutes(guests[key].minutes, line.minutes)
        else:
            guests[key] = ImportLine(
                name=name,
                email=line.email,
                organisation_name=line.organisation_name[:200],
                organisation_id=line.organisation_id,
                minutes=line.minutes,
            )
    if any(minutes is not None and minutes > MAX_MINUTES for minutes in minutes_of.values()):
        raise ValidationError(_("Minutes present must be between 0 and %(limit)s.") % {"limit": MAX_MINUTES})

    _import_people(meeting, minutes_of, by)
    _import_guests(meeting, guests, by)
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status", "updated_at"])
    return ImportResult(people=len(minutes_of), guests=len(guests))


def _import_people(meeting: Meeting, minutes_of: dict, by) -> None:
    present = {row.person_id: row for row in meeting.attendances.filter(person_id__in=minutes_of)}
    for person_id, row in present.items():
        row.minutes_present = minutes_of[person_id]
        row.source = AttendanceSource.REPORT
    Attendance.objects.bulk_update(present.values(), ["minutes_present", "source"])
    organisation_of = attending_organisations(person for person in minutes_of if person not in present)
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=meeting,
                person_id=person_id,
                organisation_id=organisation_of.get(person_id),
                minutes_present=minutes,
                source=AttendanceSource.REPORT,
                recorded_by=by,
            )
            for person_id, minutes in minutes_of.items()
            if person_id not in present
        ]
    )


def _import_guests(meeting: Meeting, guests: dict, by) -> None:
    found = {}
    for guest in meeting.guest_attendances.all():
        if guest.report_key:
            found.setdefault(guest.report_key, guest)
    for guest in meeting.guest_attendances.filter(report_key=""):
        # A guest typed by hand whom the report names: that row becomes the report's.
        found.setdefault(guest_report_key(name=guest.name, email=guest.email), guest)
        found.setdefault(normalise_name(guest.name), guest)
    updated, created = [], []
    for key, line in guests.items():
        row = found.get(key) or (found.get(normalise_name(line.name)) if line.email else None)
        if row is None or row in updated:
            row = GuestAttendance(meeting=meeting, name=line.name, recorded_by=by)
            created.append(row)
        else:
            updated.append(row)
        row.report_key = key
        row.email = line.email or row.email
        row.minutes_present = line.minutes
        row.source = AttendanceSource.REPORT
        if line.organisation_name and not row.organisation_name:
            row.organisation_name = line.organisation_name
            row.organisation_id = line.organisation_id
        row.full_clean(exclude=["meeting", "organisation", "recorded_by"], validate_constraints=False)
    GuestAttendance.objects.bulk_update(
        updated, ["report_key", "email", "minutes_present", "source", "organisation_name", "organisation"]
    )
    GuestAttendance.objects.bulk_create(created)
