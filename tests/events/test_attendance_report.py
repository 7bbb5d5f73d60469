"""Reading the participants reports of Zoom, Google Meet and Microsoft Teams (no database)."""

import pytest

from events.attendance_report import MAX_ROWS, ReportError, normalise_name, parse_duration, parse_report

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,CLLC monthly learning meeting,11/06/2026 08:25:03 AM,11/06/2026 10:02:41 AM,sokha@llc.example,98,4

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Sokha Chan,sokha@llc.example,11/06/2026 08:25:03 AM,11/06/2026 10:02:41 AM,98,No
Dara Kim,,11/06/2026 08:31:10 AM,11/06/2026 09:02:00 AM,31,Yes
Dara Kim,,11/06/2026 09:05:44 AM,11/06/2026 10:00:12 AM,55,Yes
Sophea (BBC Media Action),sophea@bbc.example,11/06/2026 08:40:00 AM,11/06/2026 09:40:00 AM,60,Yes
"""

MEET = """Full Name,First name,Last name,Email,Duration,Time joined,Time exited
,Vuthy,Sok,vuthy@hac.example,1 hr 5 min,8:29 AM,9:34 AM
,Bopha,Ros,,45 min,8:40 AM,9:25 AM
"""

TEAMS = (
    "1. Summary\n"
    "Meeting title\tCLLC monthly learning meeting\n"
    "Attended participants\t2\n"
    "Start time\t11/6/26, 8:29:55 AM\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Narom Chhun\t11/6/26, 8:30:01 AM\t11/6/26, 9:32:04 AM\t1h 2m 3s\t\tnarom@aua.example\tAttendee\n"
    "Tim Malay\t11/6/26, 8:35:00 AM\t11/6/26, 9:00:00 AM\t25m 10s\tmalay@cfswf.example\t\tPresenter\n"
    "\n"
    "3. In-Meeting Activities\n"
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    "Narom Chhun\t11/6/26, 8:30:01 AM\t11/6/26, 9:32:04 AM\t1h 2m 3s\t\tAttendee\n"
)

OLD_TEAMS = (
    "Full Name\tUser Action\tTimestamp\n"
    "Srey Leak\tJoined\t11/6/2026, 8:30:00 AM\n"
    "Srey Leak\tLeft\t11/6/2026, 9:00:00 AM\n"
    "Srey Leak\tJoined\t11/6/2026, 9:10:00 AM\n"
    "Srey Leak\tLeft\t11/6/2026, 9:40:00 AM\n"
    "Heng Sokunthea\tJoined\t11/6/2026, 8:45:00 AM\n"
)


def test_zoom_report_skips_the_summary_and_adds_up_a_rejoin():
    report = parse_report(ZOOM.encode())
    assert [(r.name, r.email, r.minutes, r.stays) for r in report.rows] == [
        ("Sokha Chan", "sokha@llc.example", 98, 1),
        ("Dara Kim", "", 86, 2),
        ("Sophea", "sophea@bbc.example", 60, 1),
    ]
    assert report.rows[2].aside == "BBC Media Action"
    assert report.tool == "Zoom"
    assert report.columns == ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"]


def test_zoom_report_with_a_byte_order_mark_and_windows_lines():
    report = parse_report(b"\xef\xbb\xbf" + ZOOM.replace("\n", "\r\n").encode())
    assert [r.minutes for r in report.rows] == [98, 86, 60]


def test_google_meet_report_joins_first_and_last_names_and_reads_durations():
    report = parse_report(MEET.encode())
    assert [(r.name, r.email, r.minutes) for r in report.rows] == [
        ("Vuthy Sok", "vuthy@hac.example", 65),
        ("Bopha Ros", "", 45),
    ]


def test_teams_report_in_utf16_with_a_summary_stops_before_the_activities():
    report = parse_report(TEAMS.encode("utf-16"))
    assert [(r.name, r.email, r.minutes) for r in report.rows] == [
        ("Narom Chhun", "narom@aua.example", 62),
        ("Tim Malay", "malay@cfswf.example", 25),
    ]
    assert report.tool == "Microsoft Teams"


def test_teams_report_in_utf16_without_a_byte_order_mark():
    assert [r.minutes for r in parse_report(TEAMS.encode("utf-16-le")).rows] == [62, 25]


def test_older_teams_report_pairs_joins_and_leaves():
    report = parse_report(OLD_TEAMS.encode("utf-16"))
    assert [(r.name, r.minutes, r.stays, r.problem) for r in report.rows] == [
        ("Srey Leak", 60, 2, ""),
        ("Heng Sokunthea", None, 0, "No leaving time: the minutes are unknown."),
    ]


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1 hr 5 min", 65),
        ("45 min", 45),
        ("1h 2m 3s", 62),
        ("2 hours", 120),
        ("01:05:00", 65),
        ("62", 62),
        ("62.6", 63),
        ("30s", 0),
        ("", None),
        ("soon", None),
        ("5 min and change", None),
    ],
)
def test_durations(text, minutes):
    assert parse_duration(text) == minutes


def test_minutes_out_of_range_or_unreadable_are_left_out_with_a_reason():
    report = parse_report(
        b"Name,Duration (Minutes)\nA,-5\nB,2000\nC,lots\nD,10\nD,1435\n",
    )
    assert [(r.name, r.minutes) for r in report.rows] == [("A", None), ("B", None), ("C", None), ("D", None)]
    assert report.rows[0].problem == "-5 minutes is not possible for one stay: the minutes were left out."
    assert report.rows[1].problem == "2000 minutes is not possible for one stay: the minutes were left out."
    assert report.rows[2].problem == "“lots” is not a duration we can read: the minutes were left out."
    assert report.rows[3].problem == "More than 24 hours in all: the minutes were left out."


def test_nul_characters_and_a_bad_email_do_not_reach_the_rows():
    report = parse_report(b"Name,Email,Duration (Minutes)\nSo\x00kha,not an email,5\n")
    assert [(r.name, r.email, r.minutes) for r in report.rows] == [("Sokha", "", 5)]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "The file is empty"),
        (b"   \n\n", "The file is empty"),
        (b"Topic,Start Time\nCLLC,08:30\n", '"Name (Original Name)", "Name", "Full Name"'),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a text report"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "not a text report"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "not a text report"),
    ],
)
def test_what_is_not_a_report_is_refused_saying_what_was_expected(data, words):
    with pytest.raises(ReportError) as refused:
        parse_report(data)
    assert words in " ".join(refused.value.messages)


def test_more_rows_than_the_limit_are_refused():
    data = "Name,Duration (Minutes)\n" + "".join(f"Person {n},30\n" for n in range(5000))
    with pytest.raises(ReportError) as refused:
        parse_report(data.encode())
    assert f"more than {MAX_ROWS} rows" in refused.value.messages[0]


def test_names_are_compared_without_case_accents_spaces_or_organisation():
    assert normalise_name("  Sókha   CHAN (CWCC) ") == "sokha chan"
