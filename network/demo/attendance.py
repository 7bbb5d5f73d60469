"""The demo's Zoom participants report of the last monthly learning meeting (files/), imported as a
coordinator would: the recording bot unticked, the misspelt name given to its person, the rest as found.
The file stays in the repository for coordinators to try the upload themselves (README, "Attendance from the
online meeting's report")."""

from pathlib import Path

from django.utils import timezone

from events import services
from events.attendance_report import parse_report
from events.enums import MeetingStatus
from events.models import Meeting
from events.services.report_import import Certainty, ImportLine
from members.models import User

ZOOM_REPORT = Path(__file__).resolve().parent / "files" / "zoom-participants-monthly-learning-meeting.csv"
# The rows a coordinator leaves out: the meeting tool's note-taking bot.
BOTS = {"Otter.ai"}


def seed_attendance_report(*, by: User) -> None:
    """Import the demo report into the last monthly meeting held, unless its attendance has minutes already."""
    meeting = (
        Meeting.objects.filter(series__slug="monthly-learning-meeting", ends_at__lt=timezone.now())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if meeting is None or meeting.attendances.filter(minutes_present__isnull=False).exists():
        return
    rows = [row.as_dict() for row in parse_report(ZOOM_REPORT.read_bytes()).rows]
    lines = []
    for match in services.report_match(meeting=meeting, rows=rows):
        if match.row["name"] in BOTS:
            continue
        person = match.person or (match.candidates[0] if match.certainty == Certainty.UNCERTAIN else None)
        lines.append(
            ImportLine(
                name=match.row["name"],
                person=person,
                email=match.row["email"],
                organisation_name=match.organisation_name if person is None else "",
                organisation_id=match.organisation_id if person is None else None,
                minutes=match.row["minutes"],
            )
        )
    services.attendance_import(meeting=meeting, lines=lines, by=by)
