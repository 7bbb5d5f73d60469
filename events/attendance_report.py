"""Reading the participants report an online meeting tool exports (Zoom, Google Meet, Microsoft Teams) into
one row per person with the minutes they were present. Pure text handling, no database: matching the rows
to people is services.report_import's work.

What the tools export, as coordinators download it:

- Zoom: optional meeting-summary lines (Meeting ID, Topic, Start Time, ...) and a blank line, then
  "Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"; someone who
  dropped out and rejoined has one row per stay.
- Google Meet: "First name", "Last name" (or "Full Name" / "Participant"), "Email", "Duration" ("1 hr 5 min"),
  "Time joined", "Time exited".
- Microsoft Teams: UTF-16 with a BOM and tabs; "1. Summary", then "2. Participants" with "Name", "First Join",
  "Last Leave", "In-Meeting Duration" ("1h 2m 3s"), "Email", "Participant ID (UPN)", "Role", then
  "3. In-Meeting Activities". Older Teams: "Full Name", "User Action" (Joined / Left), "Timestamp".
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# A report with more people than this is not one meeting of the network's.
MAX_ROWS = 2000
# Nobody is present for more than a day.
MAX_MINUTES = 24 * 60
NAME_MAX_LENGTH = 150
EMAIL_MAX_LENGTH = 254

# Each column the reader understands, and the headers the tools give it (compared as normalised by _header_key).
COLUMNS = {
    "name": ("name (original name)", "name", "full name", "participant", "participant name", "display name",
             "user name", "attendee", "attendee name"),
    "first_name": ("first name", "given name"),
    "last_name": ("last name", "surname", "family name"),
    "email": ("user email", "email", "e-mail", "email address", "e-mail address", "attendee email"),
    "upn": ("participant id (upn)", "upn"),
    "minutes": ("duration (minutes)", "duration (mins)", "total duration (minutes)", "minutes", "time in meeting (minutes)"),
    "duration": ("duration", "in-meeting duration", "attendance duration", "time in call", "time in meeting",
                 "attended duration"),
    "join": ("join time", "first join", "time joined", "joined", "first seen", "join time (utc)"),
    "leave": ("leave time", "last leave", "time exited", "left", "last seen", "leave time (utc)"),
    "action": ("user action", "action"),
    "timestamp": ("timestamp", "time stamp"),
}  # fmt: skip
ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
NAME_COLUMNS = ("name", "first_name")
# The headers a person is told the reader looks for, when none were found.
EXPECTED_HEADERS = '"Name (Original Name)", "Name", "Full Name", "Participant", "First name"'

DELIMITERS = (",", "\t", ";")
DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %I:%M:%S %p", "%m/%d/%Y, %H:%M:%S", "%m/%d/%y, %I:%M:%S %p", "%m/%d/%y, %I:%M %p", "%m/%d/%y %I:%M:%S %p", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y, %H:%M:%S",
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y/%m/%d %H:%M:%S",
    "%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M",
)  # fmt: skip
DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b", re.I)
CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
PARENTHESES = re.compile(r"\(([^()]*)\)")
SECTION = re.compile(r"^\d+\.\s+\S")


@dataclass
class ReportRow:
    """One person in the report: their stays added up."""

    name: str
    email: str = ""
    # The text in parentheses after the name ("Sokha (CWCC)"): an organisation, or Zoom's original name.
    aside: str = ""
    minutes: int | None = None
    problem: str = ""
    stays: int = 1

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "email": self.email,
            "aside": self.aside,
            "minutes": self.minutes,
            "problem": self.problem,
            "stays": self.stays,
        }


@dataclass
class Report:
    rows: list[ReportRow]
    # The columns understood, as the report names them.
    columns: list[str] = field(default_factory=list)
    tool: str = ""


class ReportError(ValidationError):
    """The file is not a participants report the reader understands; the message says what was expected."""


def normalise_name(text: str) -> str:
    """A name as it is compared: no parenthesised aside, no accents, case folded, spaces collapsed."""
    text = PARENTHESES.sub(" ", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^\w\s'-]", " ", text.casefold())
    return " ".join(text.split())


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def decode(data: bytes) -> str:
    """The report's text: UTF-8 (with or without a BOM) or UTF-16 (with a BOM, or without one when every other
    byte is zero). Raises ReportError for anything else, binary files included."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif len(data) >= 4 and data[1:200:2].count(0) > len(data[1:200:2]) * 0.9:
        encoding = "utf-16-le"
    elif len(data) >= 4 and data[0:200:2].count(0) > len(data[0:200:2]) * 0.9:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportError(
            _("This file is not a text report. Export the participants report as CSV (UTF-8 or UTF-16).")
        ) from error
    control = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n\x00")
    if control > max(len(text) // 100, 3):
        raise ReportError(_("This file is not a text report. Export the participants report as CSV (UTF-8 or UTF-16)."))
    # A NUL in a cell is never part of a name.
    return text.replace("\x00", "")


def _header_columns(row: list[str]) -> dict[str, int]:
    """{column: index} of the cells of a row that name a known column; the first cell naming a column wins."""
    found = {}
    for index, cell in enumerate(row):
        column = ALIASES.get(_header_key(cell))
        if column and column not in found:
            found[column] = index
    return found


def _find_table(text: str):
    """(delimiter, rows, header index, {column: index}) for the delimiter whose header row names the most
    columns; None when no row names a name column."""
    best = None
    # A report of names only has no delimiter at all.
    for delimiter in [delimiter for delimiter in DELIMITERS if delimiter in text] or [","]:
        rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
        for position, row in enumerate(rows):
            columns = _header_columns(row)
            if any(column in columns for column in NAME_COLUMNS):
                if best is None or len(columns) > len(best[3]):
                    best = (delimiter, rows, position, columns)
                break
    return best


def parse_duration(text: str) -> int | None:
    """Minutes in "1 hr 5 min", "45 min", "1h 2m 3s", "01:05:00", "62" or "62.5"; None when unreadable.
    Seconds are rounded to the nearest minute."""
    text = (text or "").strip()
    if not text:
        return None
    number = text.replace(",", ".")
    if re.fullmatch(r"-?\d+(\.\d+)?", number):
        return round(float(number))
    clock = CLOCK.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if seconds is None:  # "45:10" in a duration column is minutes and seconds
            return round(int(hours) + int(minutes) / 60)
        return round(int(hours) * 60 + int(minutes) + int(seconds) / 60)
    parts = DURATION_PART.findall(text)
    if not parts or DURATION_PART.sub("", text).strip(" ,") != "":
        return None
    seconds = 0.0
    for amount, unit in parts:
        value = float(amount.replace(",", "."))
        unit = unit.lower()
        if unit.startswith("h"):
            seconds += value * 3600
        elif unit.startswith("m"):
            seconds += value * 60
        else:
            seconds += value
    return round(seconds / 60)


def parse_time(text: str) -> datetime | None:
    """A join or leave time in one of the formats the tools use; None when unreadable."""
    text = " ".join((text or "").replace("\u202f", " ").split())
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _split_aside(name: str) -> tuple[str, str]:
    """("Sokha", "CWCC") for "Sokha (CWCC)"; the aside is the last parenthesised text."""
    asides = PARENTHESES.findall(name)
    plain = " ".join(PARENTHESES.sub(" ", name).split())
    return (plain or " ".join(name.split())), (asides[-1].strip() if asides else "")


def _tool(columns: dict) -> str:
    if "minutes" in columns:
        return "Zoom"
    if "first_name" in columns or "action" in columns:
        return "Google Meet" if "first_name" in columns else "Microsoft Teams"
    if "upn" in columns or "join" in columns and "duration" in columns:
        return "Microsoft Teams"
    return ""


def parse_report(data: bytes) -> Report:
    """The people of a participants report, one row each (stays added up), in the order they first appear.

    Raises ReportError when the file is not a report with a name column, or has more than MAX_ROWS rows.
    A row whose minutes cannot be read or are out of range keeps None and says why in `problem`.
    """
    text = decode(data)
    if not text.strip():
        raise ReportError(_("The file is empty. Export the participants report from the meeting tool again."))
    table = _find_table(text)
    if table is None:
        raise ReportError(
            _(
                "No participants were found: the report needs a column of names, such as %(headers)s. "
                "Export the participants report (not the meeting summary) as CSV."
            )
            % {"headers": EXPECTED_HEADERS}
        )
    _delimiter, rows, header_at, columns = table
    header = rows[header_at]
    body = []
    for row in rows[header_at + 1 :]:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            break  # the end of the participants section
        if SECTION.match(cells[0]) and not any(cells[1:]):
            break  # "3. In-Meeting Activities"
        body.append(cells)
        if len(body) > MAX_ROWS:
            raise ReportError(
                _("The report has more than %(limit)s rows; a meeting of the network has fewer people.")
                % {"limit": MAX_ROWS}
            )

    def cell(cells, column):
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    people: dict[str, ReportRow] = {}
    # Older Teams: one row per join or leave; the time between each pair is a stay.
    joined_at: dict[str, datetime] = {}
    for cells in body:
        name = cell(cells, "name")
        if not name and "first_name" in columns:
            name = f"{cell(cells, 'first_name')} {cell(cells, 'last_name')}"
        name = " ".join(name.split())[:NAME_MAX_LENGTH]
        email = cell(cells, "email") or (cell(cells, "upn") if "@" in cell(cells, "upn") else "")
        email = email.strip().lower()[:EMAIL_MAX_LENGTH]
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        if not name and not email:
            continue
        plain, aside = _split_aside(name or email.split("@")[0])
        key = email or normalise_name(plain) or plain
        minutes, problem = _row_minutes(cells, cell, columns)
        if "action" in columns:
            minutes, problem = None, ""
            when = parse_time(cell(cells, "timestamp"))
            action = cell(cells, "action").casefold()
            if when is not None and action.startswith("join"):
                joined_at[key] = when
            elif when is not None and action.startswith("left") and key in joined_at:
                minutes = round((when - joined_at.pop(key)).total_seconds() / 60)
                minutes = minutes if 0 <= minutes <= MAX_MINUTES else None
        person = people.get(key)
        if person is None:
            people[key] = ReportRow(name=plain, email=email, aside=aside, minutes=minutes, problem=problem)
            if "action" in columns:
                people[key].stays = 0
            continue
        if "action" not in columns or minutes is not None:
            person.stays += 1
        if minutes is not None:
            person.minutes = (person.minutes or 0) + minutes
        if problem and not person.problem:
            person.problem = problem
    for person in people.values():
        if "action" in columns and person.minutes is None and not person.problem:
            person.problem = str(_("No leaving time: the minutes are unknown."))
        if person.minutes is not None and person.minutes > MAX_MINUTES:
            person.minutes = None
            person.problem = str(_("More than 24 hours in all: the minutes were left out."))
    return Report(
        rows=list(people.values()),
        columns=[header[index].replace("\ufeff", "").strip() for index in sorted(columns.values())],
        tool=_tool(columns),
    )


UNREADABLE = gettext_lazy("“%(value)s” is not a duration we can read: the minutes were left out.")
OUT_OF_RANGE = gettext_lazy("%(value)s minutes is not possible for one stay: the minutes were left out.")


def _row_minutes(cells, cell, columns) -> tuple[int | None, str]:
    """The minutes of one stay and, when they cannot be used, why."""
    for column in ("minutes", "duration"):
        raw = cell(cells, column)
        if column in columns and raw:
            minutes = parse_duration(raw)
            if minutes is None:
                return None, str(UNREADABLE) % {"value": raw[:40]}
            if not 0 <= minutes <= MAX_MINUTES:
                return None, str(OUT_OF_RANGE) % {"value": minutes}
            return minutes, ""
    joined, left = parse_time(cell(cells, "join")), parse_time(cell(cells, "leave"))
    if joined and left:
        minutes = round((left - joined).total_seconds() / 60)
        if not 0 <= minutes <= MAX_MINUTES:
            return None, str(OUT_OF_RANGE) % {"value": minutes}
        return minutes, ""
    if "minutes" in columns or "duration" in columns or "join" in columns:
        return None, str(_("No duration on this row: the minutes are unknown."))
    return None, ""
