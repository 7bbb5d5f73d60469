"""Due dates: reviews due by the call's days to review, reports due by its schedule, their reminders through
the delivery ledger, and the coordinators' overview of what is late."""

import datetime
from datetime import UTC

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from common.models import Delivery
from communities.enums import MembershipStatus
from proposals import services, tasks
from proposals.enums import ActivityStatus, ProposalStatus, ReportKind
from proposals.models import ReportDue
from proposals.services.reminders import REPORT_DUE, REVIEW_DUE
from proposals.services.schedule import report_schedule
from tests.factories import KeyActivityFactory, ReviewAssignmentFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def at_day(day: datetime.date, hour=3):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC), tick=False)


def subjects_to(person):
    return [m.subject for m in mail.outbox if m.to == [person.email]]


class TestSchedule:
    def test_quarterly_reports_from_the_start_then_the_final_one_after_the_end(self):
        dues = report_schedule(starts=D(2027, 1, 10), ends=D(2027, 12, 20), every_months=3, final_after_days=30)
        assert dues == [
            (ReportKind.PROGRESS, D(2027, 1, 10), D(2027, 4, 9), D(2027, 4, 23)),
            (ReportKind.PROGRESS, D(2027, 4, 10), D(2027, 7, 9), D(2027, 7, 23)),
            (ReportKind.PROGRESS, D(2027, 7, 10), D(2027, 10, 9), D(2027, 10, 23)),
            (ReportKind.FINAL, D(2027, 1, 10), D(2027, 12, 20), D(2028, 1, 19)),
        ]

    def test_a_call_without_progress_reports_asks_only_the_final_one(self):
        assert report_schedule(starts=D(2027, 1, 1), ends=D(2027, 6, 30), every_months=0, final_after_days=10) == [
            (ReportKind.FINAL, D(2027, 1, 1), D(2027, 6, 30), D(2027, 7, 10))
        ]


@pytest.fixture
def funded(ready_proposal, author, coordinator, outsider):
    """Approved; its activities run from 1 Feb to 31 Oct 2027: two quarterly reports and a final."""
    ready_proposal.activities.update(starts_on=D(2027, 2, 1), ends_on=D(2027, 10, 31))
    services.proposal_submit(proposal=ready_proposal, by=author)
    services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
    return services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")


class TestReportsDue:
    def test_approval_lays_out_the_reports_due(self, funded):
        assert list(funded.reports_due.values_list("kind", "due_on")) == [
            (ReportKind.PROGRESS, D(2027, 5, 14)),
            (ReportKind.PROGRESS, D(2027, 8, 14)),
            (ReportKind.FINAL, D(2027, 11, 30)),
        ]

    def test_co_authors_are_reminded_a_week_before_and_on_the_day_once_each(
        self, funded, author, co_author, cop_member
    ):
        with at_day(D(2027, 5, 6)):
            tasks.proposal_reminders_task()
        assert subjects_to(author) == []
        with at_day(D(2027, 5, 7)):
            tasks.proposal_reminders_task()
            tasks.proposal_reminders_task()
        assert subjects_to(author) == [f"Progress report due on 14 May: {funded.title}"]
        assert len(subjects_to(co_author)) == 1
        with at_day(D(2027, 5, 14)):
            tasks.proposal_reminders_task()
        with at_day(D(2027, 5, 15)):
            tasks.proposal_reminders_task()
        assert subjects_to(author)[-1] == f"Progress report due today: {funded.title}"
        assert len(subjects_to(author)) == 2
        assert subjects_to(cop_member) == []
        assert Delivery.objects.filter(kind=REPORT_DUE).count() == 4

    def test_a_report_sent_fills_the_first_due_one_and_stops_its_reminders(self, funded, author):
        with at_day(D(2027, 5, 2)):
            report = services.report_submit(
                proposal=funded,
                by=author,
                kind=ReportKind.PROGRESS,
                period="February to April 2027",
                narrative="The performance took place.",
                progress={a.pk: (ActivityStatus.IN_PROGRESS, "") for a in funded.activities.all()},
            )
        first = funded.reports_due.order_by("due_on").first()
        assert first.report == report
        with at_day(D(2027, 5, 14)):
            tasks.proposal_reminders_task()
        assert subjects_to(author) == []
        page = browser(author).get(reverse("proposals:report_list", args=[funded.pk])).content.decode()
        assert "sent 2 May 2027" in page

    def test_a_co_author_who_left_the_community_is_not_reminded(self, funded, author, co_author):
        co_author.community_memberships.update(status=MembershipStatus.LEFT)
        with at_day(D(2027, 5, 14)):
            tasks.proposal_reminders_task()
        assert subjects_to(co_author) == []
        assert len(subjects_to(author)) == 1


class TestReviewDueDates:
    def test_a_review_is_due_by_the_calls_days_unless_the_coordinator_says_otherwise(
        self, ready_proposal, author, coordinator, outsider
    ):
        services.proposal_submit(proposal=ready_proposal, by=author)
        ready_proposal.call.review_days = 10
        ready_proposal.call.save()
        with at_day(D(2027, 3, 1)):
            response = browser(coordinator).get(reverse("proposals:reviewer_list", args=[ready_proposal.pk]))
            assert response.context["form"]["due_on"].value() == D(2027, 3, 11)
            response = browser(coordinator).post(
                reverse("proposals:reviewer_list", args=[ready_proposal.pk]),
                {"reviewer": outsider.pk, "due_on": "2027-03-20"},
            )
        assert response.status_code == 302
        assert ready_proposal.review_assignments.get().due_on == D(2027, 3, 20)

    def test_a_due_date_in_the_past_is_refused(self, ready_proposal, author, coordinator, outsider):
        services.proposal_submit(proposal=ready_proposal, by=author)
        with at_day(D(2027, 3, 1)):
            response = browser(coordinator).post(
                reverse("proposals:reviewer_list", args=[ready_proposal.pk]),
                {"reviewer": outsider.pk, "due_on": "2027-02-28"},
            )
        assert response.context["form"].errors == {"due_on": ["The due date cannot be in the past."]}
        assert not ready_proposal.review_assignments.exists()

    def test_reviewers_are_reminded_before_the_due_date_and_once_late_instead_of_weekly(self):
        with at_day(D(2027, 3, 1)):
            assignment = ReviewAssignmentFactory(proposal__status=ProposalStatus.UNDER_REVIEW, due_on=D(2027, 3, 15))
        reviewer = assignment.reviewer
        for day in (3, 8, 12):
            with at_day(D(2027, 3, day)):
                tasks.proposal_reminders_task()
        assert subjects_to(reviewer) == []
        for day in (13, 14, 15):
            with at_day(D(2027, 3, day)):
                tasks.proposal_reminders_task()
        title = assignment.proposal.title
        assert subjects_to(reviewer) == [f"Your review of “{title}” is due soon"]
        for day in (16, 20, 30):
            with at_day(D(2027, 3, day)):
                tasks.proposal_reminders_task()
        assert subjects_to(reviewer) == [f"Your review of “{title}” is due soon", f"Your review of “{title}” is late"]
        assert Delivery.objects.filter(kind=REVIEW_DUE).count() == 2


class TestOverview:
    def test_the_coordinator_sees_late_reviews_and_late_reports(self, funded, coordinator):
        late_review = ReviewAssignmentFactory(proposal__status=ProposalStatus.UNDER_REVIEW, due_on=D(2027, 5, 1))
        ReviewAssignmentFactory(proposal__status=ProposalStatus.UNDER_REVIEW, due_on=D(2027, 6, 1))
        with at_day(D(2027, 5, 20)):
            response = browser(coordinator).get(reverse("proposals:deadline_list"))
        assert list(response.context["late_reviews"]) == [late_review]
        [project] = response.context["projects"]
        assert project == funded
        assert [due.due_on for due in project.late_reports] == [D(2027, 5, 14)]
        assert response.context["late_count"] == 1

    def test_members_do_not_see_the_overview(self, author, outsider, client):
        for person in (author, outsider):
            assert browser(person).get(reverse("proposals:deadline_list")).status_code == 403
        assert client.get(reverse("proposals:deadline_list")).status_code == 302

    def test_the_overview_keeps_its_query_count_with_more_projects(self, funded, coordinator, call, cop_ip):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.factories import ProposalFactory

        client = browser(coordinator)
        url = reverse("proposals:deadline_list")
        client.get(url)
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        for number in range(5):
            other = ProposalFactory(call=call, community=cop_ip, status=ProposalStatus.IN_IMPLEMENTATION)
            KeyActivityFactory(proposal=other, starts_on=D(2027, 1, 1), ends_on=D(2027, 9, 1 + number))
            services.report_schedule_create(proposal=other)
            ReviewAssignmentFactory(proposal__status=ProposalStatus.UNDER_REVIEW, due_on=D(2020, 1, 1))
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(response.context["projects"]) == 6
        assert ReportDue.objects.count() == 3 + 5 * 3
        assert len(many) == len(one)
