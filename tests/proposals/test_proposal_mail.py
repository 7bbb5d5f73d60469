from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from common.models import Delivery
from network import tasks as network_tasks
from proposals import tasks
from proposals.enums import ProposalStatus
from proposals.models import StatusChange
from proposals.services.reminders import REVIEW_PENDING
from tests.factories import (
    AffiliationFactory,
    CallFactory,
    OrganisationFactory,
    ProposalFactory,
    ReviewAssignmentFactory,
    UserFactory,
)
from tests.helpers import join

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 1, 3, 0, tzinfo=UTC)


def at(moment):
    return time_machine.travel(moment, tick=False)


def subjects_to(person):
    return [m.subject for m in mail.outbox if m.to == [person.email]]


def test_draft_authors_hear_once_before_the_call_closes_and_again_after_an_extension():
    author = UserFactory()
    with at(NOW):
        call = CallFactory(
            title="Small grants 2027", opens_at=NOW - timedelta(days=30), closes_at=NOW + timedelta(days=5)
        )
        ProposalFactory(call=call, title="Kuy culture exhibition", authors=[author])
        ProposalFactory(call=call, status=ProposalStatus.SUBMITTED, authors=[UserFactory()])
    with at(NOW + timedelta(days=1)):
        tasks.proposal_reminders_task()  # five... four days left: not yet
    assert subjects_to(author) == []
    with at(NOW + timedelta(days=3)):
        tasks.proposal_reminders_task()
        tasks.proposal_reminders_task()
    [subject] = subjects_to(author)
    assert "“Small grants 2027” closes soon" in subject
    assert "Kuy culture exhibition" in mail.outbox[-1].body
    assert len(mail.outbox) == 1  # the submitted proposal's author is not reminded
    call.closes_at = NOW + timedelta(days=6)
    call.save()
    with at(NOW + timedelta(days=4)):
        tasks.proposal_reminders_task()
    assert len(subjects_to(author)) == 2


def test_reviewers_with_open_reviews_are_reminded_weekly():
    with at(NOW):
        assignment = ReviewAssignmentFactory(proposal__status=ProposalStatus.UNDER_REVIEW)
    reviewer = assignment.reviewer
    with at(NOW + timedelta(days=2)):
        tasks.proposal_reminders_task()
    assert subjects_to(reviewer) == []
    for day in (3, 4, 9):
        with at(NOW + timedelta(days=day)):
            tasks.proposal_reminders_task()
    assert len(subjects_to(reviewer)) == 1
    with at(NOW + timedelta(days=10)):
        tasks.proposal_reminders_task()
    assert len(subjects_to(reviewer)) == 2
    assert subjects_to(reviewer)[0] == "A proposal waits for your review"
    assignment.submitted_at = NOW + timedelta(days=11)
    assignment.save()
    with at(NOW + timedelta(days=17)):
        tasks.proposal_reminders_task()
    assert len(subjects_to(reviewer)) == 2
    assert Delivery.objects.filter(kind=REVIEW_PENDING).count() == 2


def test_the_digest_tells_authors_of_their_proposals_status_changes():
    with at(NOW - timedelta(days=30)):
        author = AffiliationFactory(organisation=OrganisationFactory(focus_areas=["education"])).person
    with at(NOW - timedelta(days=2)):
        proposal = ProposalFactory(
            title="Rights at work for youth with disabilities", authors=[author], status=ProposalStatus.APPROVED
        )
        StatusChange.objects.create(
            proposal=proposal,
            from_status=ProposalStatus.UNDER_REVIEW,
            to_status=ProposalStatus.APPROVED,
            at=NOW - timedelta(days=2),
        )
    with at(NOW):
        network_tasks.digests_sweep_task()
    [digest] = [m for m in mail.outbox if m.to == [author.email]]
    assert "Rights at work for youth with disabilities: Approved" in digest.body


def test_dashboard_lists_my_proposals_and_reviews_waiting(member_client, member):
    mine = ProposalFactory(title="Kuy culture exhibition", authors=[member])
    join(mine.community, member)  # co-authors are members of the proposing community
    ReviewAssignmentFactory(
        reviewer=member, proposal__title="Labour law campaign", proposal__status=ProposalStatus.UNDER_REVIEW
    )
    html = member_client.get("/dashboard/").content.decode()
    assert "Kuy culture exhibition" in html
    assert "1 review waits for you" in html and "Labour law campaign" in html
