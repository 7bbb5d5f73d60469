"""Attendance with guests and organisations, and the organisation participation report."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from events import services
from events.charts import BAR_AREA, horizontal_bars
from events.models import GuestAttendance
from events.selectors import organisation_participation
from members.enums import OrganisationStatus
from tests.factories import AffiliationFactory, MeetingFactory, OrganisationFactory, PastMeetingFactory

pytestmark = pytest.mark.django_db
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")


def held_on(day: date, **fields):
    starts = datetime(day.year, day.month, day.day, 8, 30, tzinfo=PHNOM_PENH)
    return MeetingFactory(starts_at=starts, ends_at=starts + timedelta(minutes=90), **fields)


@pytest.fixture
def ngos(db):
    return [
        OrganisationFactory(name="Komar Rikreay", acronym="KR"),
        OrganisationFactory(name="Khmer Youth Association", acronym="KYA"),
        OrganisationFactory(name="Quiet NGO", acronym="QN"),
        OrganisationFactory(name="Former NGO", acronym="FN", status=OrganisationStatus.FORMER),
    ]


class TestGuestsAtAMeeting:
    def test_coordinator_records_people_and_guests(self, coordinator_client, ngos):
        meeting = PastMeetingFactory()
        came = AffiliationFactory(organisation=ngos[0]).person
        url = reverse("events:attendance_record", args=[meeting.pk])
        response = coordinator_client.post(
            url,
            {
                "people": [came.pk],
                "guests": "Sophea Lim, BBC Media Action\n\n  Dara Chan , kya  \nNary Ouk",
            },
        )
        assert response.status_code == 302
        guests = list(GuestAttendance.objects.order_by("pk").values_list("name", "organisation_name", "organisation"))
        assert guests == [
            ("Sophea Lim", "BBC Media Action", None),
            ("Dara Chan", "kya", ngos[1].pk),  # the acronym, whatever the case, counts for the NGO
            ("Nary Ouk", "", None),
        ]
        html = coordinator_client.get(meeting.get_absolute_url()).content.decode()
        assert "4 people attended." in html and "Of them, 3 guests without an account." in html
        assert "From 3 organisations" in html
        assert ">Komar Rikreay</a>: 1" in html and ">BBC Media Action</span>: 1" in html
        # The form shows the guests again, and saving without them removes them.
        assert "Sophea Lim, BBC Media Action\nDara Chan, kya\nNary Ouk" in coordinator_client.get(url).content.decode()
        coordinator_client.post(url, {"people": [came.pk], "guests": ""})
        assert not GuestAttendance.objects.exists()

    def test_a_line_without_a_name_is_refused(self, coordinator_client):
        meeting = PastMeetingFactory()
        response = coordinator_client.post(
            reverse("events:attendance_record", args=[meeting.pk]), {"guests": "Sophea Lim\n, BBC Media Action"}
        )
        assert response.status_code == 200
        assert "Line 2 has no name." in response.content.decode()
        assert not GuestAttendance.objects.exists()

    def test_an_overlong_guest_is_refused_not_a_500(self, coordinator_client):
        meeting = PastMeetingFactory()
        response = coordinator_client.post(
            reverse("events:attendance_record", args=[meeting.pk]), {"guests": "x" * 151 + ", Org"}
        )
        assert response.status_code == 200
        assert "Line 1 is too long" in response.content.decode()

    def test_a_member_may_not_record_guests(self, member_client):
        meeting = PastMeetingFactory()
        response = member_client.post(reverse("events:attendance_record", args=[meeting.pk]), {"guests": "A, B"})
        assert response.status_code == 403
        assert not GuestAttendance.objects.exists()


class TestParticipationReport:
    def record(self, meeting, people=(), guests=()):
        services.attendance_record(meeting=meeting, people=people, guests=guests, by=None)

    def test_counts_meetings_per_organisation_in_the_period(self, ngos):
        kr_one, kr_two = (
            AffiliationFactory(organisation=ngos[0]).person,
            AffiliationFactory(organisation=ngos[0]).person,
        )
        october, november, before = held_on(date(2025, 10, 2)), held_on(date(2025, 11, 6)), held_on(date(2025, 9, 4))
        self.record(october, people=[kr_one, kr_two], guests=[("Dara", "KYA"), ("Sophea", "BBC Media Action")])
        self.record(november, people=[kr_one], guests=[("Sophea", "bbc media action")])
        self.record(before, people=[kr_one], guests=[("Vuthy", "Quiet NGO")])
        cancelled = held_on(date(2025, 12, 4))
        self.record(cancelled, people=[kr_two])
        # Cancelled afterwards (attendance was recorded by mistake): left out.
        type(cancelled).objects.filter(pk=cancelled.pk).update(status="cancelled")

        report = organisation_participation(start=date(2025, 10, 1), end=date(2025, 12, 31))
        rows = [(row.name, row.meetings, row.people, row.organisation is not None) for row in report.rows]
        assert rows == [
            ("Komar Rikreay", 2, 3, True),
            ("BBC Media Action", 2, 2, False),
            ("Khmer Youth Association", 1, 1, True),
            ("Quiet NGO", 0, 0, True),
        ]
        assert (report.meetings, report.member_organisations, report.member_organisations_came) == (2, 3, 2)

    def test_the_last_day_of_the_period_counts_in_phnom_penh_time(self, ngos):
        # 31 December 08:30 in Phnom Penh is 01:30 UTC the same day; 1 January 06:30 is still 31 December in UTC.
        person = AffiliationFactory(organisation=ngos[0]).person
        self.record(held_on(date(2025, 12, 31)), people=[person])
        starts = datetime(2026, 1, 1, 6, 30, tzinfo=PHNOM_PENH)
        self.record(MeetingFactory(starts_at=starts, ends_at=starts + timedelta(hours=1)), people=[person])
        report = organisation_participation(start=date(2025, 10, 1), end=date(2025, 12, 31))
        assert report.rows[0].meetings == 1

    def test_query_count_does_not_grow_with_meetings_and_people(self, ngos, django_assert_num_queries):
        def add(count):
            for n in range(count):
                meeting = held_on(date(2025, 10, 1) + timedelta(days=n))
                self.record(
                    meeting,
                    people=[AffiliationFactory(organisation=ngos[n % 3]).person],
                    guests=[("Guest", "Partner"), ("Other", "KYA")],
                )

        add(1)
        with django_assert_num_queries(6):
            organisation_participation(start=date(2025, 10, 1), end=date(2025, 12, 31))
        add(12)
        with django_assert_num_queries(6):
            organisation_participation(start=date(2025, 10, 1), end=date(2025, 12, 31))

    def test_the_page_has_a_chart_a_table_and_the_csv(self, coordinator_client, ngos):
        person = AffiliationFactory(organisation=ngos[0]).person
        self.record(held_on(date(2025, 10, 2)), people=[person], guests=[("=cmd()", "=HYPERLINK(1)")])
        url = reverse("events:attendance_report_organisation")
        html = coordinator_client.get(url, {"start": "2025-10-01", "end": "2025-12-31"}).content.decode()
        assert "Participation from 1 Oct 2025 to 31 Dec 2025" in html
        assert "1 of 3 member organisations came to at least one of 1 meetings." in html
        assert 'aria-hidden="true"' in html and "<caption" in html
        assert f'width="{BAR_AREA}"' in html  # the organisation that came most has the full bar
        response = coordinator_client.get(
            reverse("events:attendance_export_organisation"), {"start": "2025-10-01", "end": "2025-12-31"}
        )
        assert response["Content-Disposition"] == 'attachment; filename="participation-2025-10-01-2025-12-31.csv"'
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["Organisation", "Acronym", "In the network", "Meetings attended", "People attended"]
        assert ["Komar Rikreay", "KR", "yes", "1", "1"] in rows
        assert ["'=HYPERLINK(1)", "", "no", "1", "1"] in rows
        assert rows[-1] == ["Meetings with attendance recorded", "", "", "1", ""]

    @pytest.mark.parametrize(
        "query",
        [
            {"start": "2025-12-31", "end": "2025-10-01"},
            {"start": "9999-12-31", "end": "9999-12-31"},
            {"start": "0001-01-01", "end": "2025-01-01"},
            {"start": "not a date", "end": "\x00"},
            {"start": "2000-01-01", "end": "2100-12-31"},
        ],
    )
    def test_a_wrong_period_shows_an_error_and_the_current_quarter(self, coordinator_client, query):
        response = coordinator_client.get(reverse("events:attendance_report_organisation"), query)
        assert response.status_code == 200
        assert 'class="error"' in response.content.decode()
        assert coordinator_client.get(reverse("events:attendance_export_organisation"), query).status_code == 200

    def test_without_a_period_it_shows_the_current_quarter(self, coordinator_client):
        html = coordinator_client.get(reverse("events:attendance_report_organisation")).content.decode()
        assert "Participation from " in html and 'class="error"' not in html

    @pytest.mark.parametrize("who", ["member", "facilitator", "pending_user"])
    def test_only_coordinators_may_see_it(self, client, request, who):
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse("events:attendance_report_organisation")).status_code == 403
        assert client.get(reverse("events:attendance_export_organisation")).status_code == 403

    def test_signed_out_visitors_are_sent_to_sign_in(self, client):
        response = client.get(reverse("events:attendance_report_organisation"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_bars_scale_to_the_longest():
    bars, height = horizontal_bars([("KR", 4), ("A very long organisation name indeed", 2), ("QN", 0)])
    assert [bar.width for bar in bars] == [BAR_AREA, BAR_AREA // 2, 0]
    assert (bars[0].label, bars[1].label) == ("KR", "A very long org…")
    assert height == 66
    assert horizontal_bars([]) == ([], 22)
