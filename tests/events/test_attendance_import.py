"""Attendance from a meeting tool's participants report: matching, the import service and its pages."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.enums import AttendanceSource, MeetingStatus
from events.forms import AttendanceForm
from events.models import Attendance, GuestAttendance
from events.services.report_import import Certainty, ImportLine
from members.models import User
from tests.factories import (
    AffiliationFactory,
    MeetingFactory,
    OrganisationFactory,
    PastMeetingFactory,
    UserFactory,
)
from tests.helpers import join

pytestmark = pytest.mark.django_db

ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "812 3456 7890,CLLC monthly meeting,11/06/2026 08:25:03 AM,11/06/2026 10:02:41 AM,host@llc.example,98,5\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Vuthy Sok,VUTHY@hac.example,11/06/2026 08:25:03 AM,11/06/2026 09:30:00 AM,65,No\n"
    "Dara Kim,,11/06/2026 08:31:10 AM,11/06/2026 09:02:00 AM,31,Yes\n"
    "Dara Kim,,11/06/2026 09:05:44 AM,11/06/2026 10:00:12 AM,55,Yes\n"
    "Bopha Rous,,11/06/2026 08:40:00 AM,11/06/2026 09:40:00 AM,60,Yes\n"
    "Sophea Lim (BBCMA),sophea@bbc.example,11/06/2026 08:40:00 AM,11/06/2026 09:40:00 AM,60,Yes\n"
    "Otter.ai,,11/06/2026 08:25:00 AM,11/06/2026 10:02:00 AM,97,Yes\n"
)


@pytest.fixture
def people(db):
    return {
        "vuthy": UserFactory(display_name="Vuthy Sok", email="vuthy.sok@example.org"),
        "dara": AffiliationFactory(person__display_name="Dara Kim").person,
        "bopha": UserFactory(display_name="Bopha Ros"),
    }


def upload(client, meeting, text=ZOOM, name="participants.csv", data=None):
    report = SimpleUploadedFile(name, text.encode() if data is None else data, content_type="text/csv")
    return client.post(reverse("events:attendance_import", args=[meeting.pk]), {"report": report})


def confirm_url(meeting):
    return reverse("events:attendance_import_confirm", args=[meeting.pk])


def rows(*names_and_emails):
    return [{"name": name, "email": email, "aside": "", "minutes": 30} for name, email in names_and_emails]


class TestMatching:
    def test_an_address_the_person_added_matches_and_case_does_not_matter(self, people):
        EmailAddress.objects.create(user=people["vuthy"], email="vuthy@hac.example", verified=False)
        [match] = services.report_match(meeting=PastMeetingFactory(), rows=rows(("V. S.", "VUTHY@HAC.example")))
        assert (match.certainty, match.person) == (Certainty.EMAIL, people["vuthy"])

    def test_a_unique_name_is_likely_and_accents_and_organisation_do_not_count(self, people):
        [match] = services.report_match(meeting=PastMeetingFactory(), rows=rows(("DARA  KÍM (SRCLC)", "")))
        assert (match.certainty, match.person) == (Certainty.LIKELY, people["dara"])

    def test_two_people_of_one_name_are_uncertain(self, people):
        other = UserFactory(display_name="Dara Kim")
        [match] = services.report_match(meeting=PastMeetingFactory(), rows=rows(("Dara Kim", "")))
        assert match.certainty == Certainty.UNCERTAIN and match.person is None
        assert set(match.candidates) == {people["dara"], other}

    def test_a_misspelt_or_reordered_name_is_uncertain(self, people):
        misspelt, reordered = services.report_match(
            meeting=PastMeetingFactory(), rows=rows(("Bopha Rous", ""), ("Kim Dara", ""))
        )
        assert (misspelt.certainty, misspelt.candidates) == (Certainty.UNCERTAIN, [people["bopha"]])
        assert (reordered.certainty, reordered.candidates) == (Certainty.UNCERTAIN, [people["dara"]])

    def test_nobody_alike_is_a_guest_with_the_organisation_in_parentheses(self, people):
        bbc = OrganisationFactory(name="BBC Media Action", acronym="BBCMA")
        [match] = services.report_match(
            meeting=PastMeetingFactory(), rows=[{"name": "Sophea Lim", "email": "", "aside": "bbcma", "minutes": 5}]
        )
        assert (match.certainty, match.organisation_name, match.organisation_id) == (Certainty.GUEST, "bbcma", bbc.pk)

    def test_zoom_original_name_in_parentheses_is_not_an_organisation(self, people):
        [match] = services.report_match(
            meeting=PastMeetingFactory(), rows=[{"name": "Boss", "email": "", "aside": "Dara Kim", "minutes": 5}]
        )
        assert (match.certainty, match.person, match.organisation_name) == (Certainty.LIKELY, people["dara"], "")

    def test_a_community_meeting_matches_only_its_people(self, people, cop_pwd):
        join(cop_pwd, people["bopha"])
        [outsider, insider] = services.report_match(
            meeting=PastMeetingFactory(community=cop_pwd), rows=rows(("Dara Kim", ""), ("Bopha Ros", ""))
        )
        assert (outsider.certainty, insider.person) == (Certainty.GUEST, people["bopha"])

    def test_matching_takes_the_same_queries_for_few_and_many_rows(self, people, django_assert_num_queries):
        meeting = PastMeetingFactory()
        with django_assert_num_queries(2):
            services.report_match(meeting=meeting, rows=rows(("Dara Kim", "")))
        with django_assert_num_queries(2):
            services.report_match(meeting=meeting, rows=rows(*((f"Guest {n}", "") for n in range(300))))
        with_organisations = [{**row, "aside": f"NGO {n}"} for n, row in enumerate(rows(*[("Dara Kim", "")] * 300))]
        with django_assert_num_queries(3):
            services.report_match(meeting=meeting, rows=with_organisations)


class TestImportService:
    def lines(self, people, minutes=40):
        return [
            ImportLine(name="Dara Kim", person=people["dara"], minutes=minutes),
            ImportLine(name="Dara Kim", person=people["dara"], minutes=5),
            ImportLine(name="Sophea Lim", email="sophea@bbc.example", organisation_name="BBC", minutes=60),
            ImportLine(name="Chan  Thy", minutes=None),
        ]

    def test_people_and_guests_are_recorded_with_their_minutes(self, people, coordinator):
        meeting = PastMeetingFactory()
        result = services.attendance_import(meeting=meeting, lines=self.lines(people), by=coordinator)
        assert (result.people, result.guests) == (1, 2)
        record = Attendance.objects.get()
        assert (record.person, record.minutes_present, record.source) == (people["dara"], 45, AttendanceSource.REPORT)
        assert record.organisation == people["dara"].affiliations.get().organisation
        assert sorted(GuestAttendance.objects.values_list("name", "email", "minutes_present", "report_key")) == [
            ("Chan Thy", "", None, "chan thy"),
            ("Sophea Lim", "sophea@bbc.example", 60, "sophea@bbc.example"),
        ]
        meeting.refresh_from_db()
        assert meeting.status == MeetingStatus.HELD

    def test_importing_the_same_report_twice_makes_no_duplicates_and_updates_minutes(self, people, coordinator):
        meeting = PastMeetingFactory()
        services.attendance_import(meeting=meeting, lines=self.lines(people), by=coordinator)
        services.attendance_import(meeting=meeting, lines=self.lines(people, minutes=50), by=coordinator)
        assert list(Attendance.objects.values_list("minutes_present", flat=True)) == [55]
        assert GuestAttendance.objects.count() == 2

    def test_a_guest_typed_by_hand_is_taken_over_not_duplicated(self, people, coordinator):
        meeting = PastMeetingFactory()
        services.attendance_record(
            meeting=meeting, people=[], guests=[("Sophea Lim", "BBC Media Action")], by=coordinator
        )
        services.attendance_import(meeting=meeting, lines=self.lines(people), by=coordinator)
        sophea = GuestAttendance.objects.get(name="Sophea Lim")
        assert (sophea.organisation_name, sophea.minutes_present) == ("BBC Media Action", 60)
        assert GuestAttendance.objects.count() == 2

    def test_saving_the_attendance_form_keeps_report_minutes_of_those_still_listed(self, people, coordinator):
        meeting = PastMeetingFactory()
        services.attendance_import(meeting=meeting, lines=self.lines(people), by=coordinator)
        services.attendance_record(
            meeting=meeting, people=[people["dara"], people["bopha"]], guests=[("Sophea Lim", "BBC")], by=coordinator
        )
        assert sorted(Attendance.objects.values_list("person__display_name", "minutes_present")) == [
            ("Bopha Ros", None),
            ("Dara Kim", 45),
        ]
        assert list(GuestAttendance.objects.values_list("name", "minutes_present")) == [("Sophea Lim", 60)]

    def test_a_guest_named_with_a_comma_keeps_minutes_through_the_attendance_form(self, coordinator):
        meeting = PastMeetingFactory()
        lines = [ImportLine(name="Lim, Sophea", organisation_name="BBC", minutes=60)]
        services.attendance_import(meeting=meeting, lines=lines, by=coordinator)
        form = AttendanceForm(
            {"guests": AttendanceForm.guests_text(meeting)},
            meeting=meeting,
            audience=User.objects.none(),
            by=coordinator,
        )
        assert form.is_valid() and form.save() == 1
        assert list(GuestAttendance.objects.values_list("name", "organisation_name", "minutes_present")) == [
            ("Lim Sophea", "BBC", 60)
        ]

    def test_a_person_already_present_keeps_their_row(self, people, coordinator):
        meeting = PastMeetingFactory()
        services.attendance_record(meeting=meeting, people=[people["dara"], people["bopha"]], by=coordinator)
        services.attendance_import(meeting=meeting, lines=self.lines(people), by=coordinator)
        assert sorted(Attendance.objects.values_list("person__display_name", "minutes_present", "source")) == [
            ("Bopha Ros", None, AttendanceSource.MANUAL),
            ("Dara Kim", 45, AttendanceSource.REPORT),
        ]

    def test_a_wrong_line_saves_nothing(self, people, coordinator):
        meeting = PastMeetingFactory()
        lines = [*self.lines(people), ImportLine(name="Too long", minutes=24 * 60 + 1)]
        with pytest.raises(ValidationError):
            services.attendance_import(meeting=meeting, lines=lines, by=coordinator)
        assert not Attendance.objects.exists() and not GuestAttendance.objects.exists()

    @pytest.mark.parametrize(
        ("make", "words"),
        [
            (lambda: MeetingFactory(), "once the meeting has started"),
            (lambda: PastMeetingFactory(status=MeetingStatus.CANCELLED), "cancelled"),
        ],
    )
    def test_future_and_cancelled_meetings_are_refused(self, people, coordinator, make, words):
        with pytest.raises(ValidationError, match=words):
            services.attendance_import(meeting=make(), lines=self.lines(people), by=coordinator)
        assert not Attendance.objects.exists()


class TestImportPages:
    def test_coordinator_uploads_checks_and_saves_a_zoom_report(self, coordinator_client, people):
        meeting = PastMeetingFactory()
        page = coordinator_client.get(meeting.get_absolute_url()).content.decode()
        assert reverse("events:attendance_import", args=[meeting.pk]) in page
        response = upload(coordinator_client, meeting)
        assert response.status_code == 302 and response.url == confirm_url(meeting)
        html = coordinator_client.get(confirm_url(meeting)).content.decode()
        assert "Columns read: Name (Original Name), User Email, Join Time, Leave Time, Duration (Minutes)." in html
        assert "It looks like a Zoom report." in html
        assert "By e-mail: 0 · by name: 2 · uncertain: 1 · guests: 2" in html
        token = coordinator_client.session[f"attendance_import_{meeting.pk}"]["token"]
        # Rows: Vuthy (likely, his account e-mail differs), Dara (likely), Bopha Rous (uncertain), Sophea, Otter.
        response = coordinator_client.post(
            confirm_url(meeting),
            {"token": token, "include_0": "on", "include_1": "on", "include_2": "on", "person_2": people["bopha"].pk,
             "include_3": "on"},
        )  # fmt: skip
        assert response.status_code == 302
        assert sorted(Attendance.objects.values_list("person__display_name", "minutes_present")) == [
            ("Bopha Ros", 60),
            ("Dara Kim", 86),
            ("Vuthy Sok", 65),
        ]
        guest = GuestAttendance.objects.get()
        assert (guest.name, guest.organisation_name, guest.email) == ("Sophea Lim", "BBCMA", "sophea@bbc.example")
        assert f"attendance_import_{meeting.pk}" not in coordinator_client.session
        html = coordinator_client.get(reverse("events:attendance_record", args=[meeting.pk])).content.decode()
        assert "Recorded as present" in html and "86" in html

    def test_a_double_click_on_save_records_once(self, coordinator_client, people):
        meeting = PastMeetingFactory()
        upload(coordinator_client, meeting)
        token = coordinator_client.session[f"attendance_import_{meeting.pk}"]["token"]
        data = {"token": token, **{f"include_{n}": "on" for n in range(5)}}
        first = coordinator_client.post(confirm_url(meeting), data)
        second = coordinator_client.post(confirm_url(meeting), data, follow=True)
        assert first.status_code == 302
        assert "This report was already saved, or the upload has expired." in second.content.decode()
        assert (Attendance.objects.count(), GuestAttendance.objects.count()) == (2, 3)

    def test_an_expired_upload_gives_a_message_not_an_error(self, coordinator_client):
        meeting = PastMeetingFactory()
        response = coordinator_client.get(confirm_url(meeting), follow=True)
        assert "Upload the participants report first." in response.content.decode()
        response = coordinator_client.post(confirm_url(meeting), {"token": "gone", "include_0": "on"}, follow=True)
        assert "the upload has expired" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_an_unticked_row_is_not_saved(self, coordinator_client, people):
        meeting = PastMeetingFactory()
        upload(coordinator_client, meeting)
        token = coordinator_client.session[f"attendance_import_{meeting.pk}"]["token"]
        coordinator_client.post(confirm_url(meeting), {"token": token, "include_1": "on"})
        assert list(Attendance.objects.values_list("person", flat=True)) == [people["dara"].pk]
        assert not GuestAttendance.objects.exists()

    def test_a_person_not_offered_for_an_uncertain_row_is_refused(self, coordinator_client, people):
        meeting = PastMeetingFactory()
        upload(coordinator_client, meeting)
        token = coordinator_client.session[f"attendance_import_{meeting.pk}"]["token"]
        response = coordinator_client.post(
            confirm_url(meeting), {"token": token, "include_2": "on", "person_2": people["vuthy"].pk}
        )
        assert response.status_code == 400
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize(
        ("name", "data", "words"),
        [
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "is not a participants report"),
            ("report.pdf", b"%PDF-1.7\n", "is not a participants report"),
            ("report.xlsx", b"PK\x03\x04" + b"\x00" * 100, "is not a participants report"),
            ("renamed.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not a text report"),
            ("empty.csv", b"", "The submitted file is empty."),
            ("summary.csv", b"Topic,Start Time\nCLLC,08:30\n", '"Name (Original Name)", "Name", "Full Name"'),
            ("nobody.csv", b"Name,Email\n", "The report lists nobody. Recognised columns: Name, Email."),
            ("page.csv", b"<html><script>alert(1)</script>", "does not look like a participants report"),
            ("big.csv", b"Name\n" + b"x" * (20 * 1024 * 1024), "a participants report is at most 2.0"),
            ("many.csv", ("Name\n" + "Someone\n" * 5000).encode(), "more than 2000 rows"),
        ],
    )
    def test_a_wrong_file_is_refused_clearly_and_nothing_is_saved(self, coordinator_client, name, data, words):
        meeting = PastMeetingFactory()
        response = upload(coordinator_client, meeting, name=name, data=data)
        assert response.status_code == 400
        assert words in response.content.decode().replace("&quot;", '"').replace("&lt;", "<")
        assert f"attendance_import_{meeting.pk}" not in coordinator_client.session
        assert not Attendance.objects.exists() and not GuestAttendance.objects.exists()

    def test_a_meeting_to_come_or_cancelled_is_refused(self, coordinator_client):
        for meeting, words in (
            (MeetingFactory(), "once the meeting has started"),
            (PastMeetingFactory(status=MeetingStatus.CANCELLED), "was cancelled"),
        ):
            for url in (reverse("events:attendance_import", args=[meeting.pk]), confirm_url(meeting)):
                response = coordinator_client.get(url, follow=True)
                assert words in response.content.decode()
            assert upload(coordinator_client, meeting).status_code == 302
            assert not Attendance.objects.exists()

    def test_a_started_meeting_may_be_imported(self, coordinator_client, people):
        meeting = MeetingFactory(starts_at=timezone.now() - timedelta(minutes=30))
        assert upload(coordinator_client, meeting).status_code == 302

    def test_who_may_not_import(self, client, member_client, facilitator, cop_pwd, people):
        meeting = PastMeetingFactory()
        for url in (reverse("events:attendance_import", args=[meeting.pk]), confirm_url(meeting)):
            assert member_client.get(url).status_code == 403
            assert Client().get(url).status_code == 302
        assert upload(member_client, meeting).status_code == 403
        # A facilitator of a community manages its meetings, not the network's.
        join(cop_pwd, facilitator)
        client.force_login(facilitator)
        assert upload(client, meeting).status_code == 403
        assert not Attendance.objects.exists()

    def test_a_community_facilitator_may_import_its_meeting(self, client, community_facilitator, cop_pwd):
        meeting = PastMeetingFactory(community=cop_pwd)
        client.force_login(community_facilitator)
        assert upload(client, meeting).status_code == 302


class TestQueryCounts:
    def report(self, count):
        return "Name,Email,Duration (Minutes)\n" + "".join(f"Person {n},,{n % 90}\n" for n in range(count))

    @pytest.mark.parametrize("count", [2, 300])
    def test_the_check_page_takes_the_same_queries_for_few_and_many_rows(
        self, coordinator_client, people, count, django_assert_num_queries
    ):
        meeting = PastMeetingFactory()
        upload(coordinator_client, meeting, text=self.report(count))
        with django_assert_num_queries(6):
            response = coordinator_client.get(confirm_url(meeting))
        assert response.content.decode().count('type="checkbox"') == count

    @pytest.mark.parametrize("count", [2, 40])
    def test_the_attendance_page_with_minutes_takes_the_same_queries_for_few_and_many(
        self, coordinator_client, coordinator, count, django_assert_num_queries
    ):
        meeting = PastMeetingFactory()
        lines = [ImportLine(name=f"Guest {n}", minutes=n) for n in range(count)]
        lines += [ImportLine(name="", person=AffiliationFactory().person, minutes=n) for n in range(count)]
        services.attendance_import(meeting=meeting, lines=lines, by=coordinator)
        with django_assert_num_queries(11):
            response = coordinator_client.get(reverse("events:attendance_record", args=[meeting.pk]))
        assert response.content.decode().count("(guest)") == count
