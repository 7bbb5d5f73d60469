"""Rights follow the current state: a co-author removed from the proposing community, and a reviewer who
joins it, lose their rights at the next request, on the pages and in the services alike.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communities.models import Membership
from communities.services import membership_leave
from proposals import services
from proposals.enums import ProposalStatus
from proposals.models import Proposal
from tests.helpers import join

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"proposals:{name}", args=args)


def edit_data(proposal, **changes):
    section = proposal.call.sections.get()
    return {
        "version": proposal.version,
        "title": proposal.title,
        "summary": proposal.summary,
        "problem": "",
        "objectives": "",
        "rightsholders": "",
        "expected_reach": "",
        "risks": "",
        f"section_{section.pk}": proposal.section_answers.get(str(section.pk), ""),
    } | changes


def remove_from_community(person, community, *, by):
    """A facilitator takes the person out of the community, as its members page does."""
    membership_leave(membership=Membership.objects.get(person=person, community=community), by=by)


class TestCoAuthorRemovedFromTheCommunity:
    def test_loses_editing_and_withdrawing_at_the_next_request(self, client, ready_proposal, author, co_author):
        client.force_login(author)
        assert client.get(url("proposal_update", ready_proposal.pk)).status_code == 200
        assert client.get(url("proposal_withdraw", ready_proposal.pk)).status_code == 200

        remove_from_community(author, ready_proposal.community, by=co_author)

        # The same signed-in session: nothing about the old membership is remembered.
        assert client.get(url("proposal_update", ready_proposal.pk)).status_code == 403
        response = client.post(
            url("proposal_update", ready_proposal.pk), edit_data(ready_proposal, summary="Mine now.")
        )
        assert response.status_code == 403
        assert client.post(url("proposal_withdraw", ready_proposal.pk), {"message": "Bye."}).status_code == 403
        assert client.post(url("proposal_submit", ready_proposal.pk)).status_code == 403
        assert client.get(url("proposal_detail", ready_proposal.pk)).status_code == 403
        ready_proposal.refresh_from_db()
        assert (ready_proposal.summary, ready_proposal.status) == (
            "A one-day performance of Kuy-speaking people and an exhibition on Kuy culture.",
            ProposalStatus.DRAFT,
        )
        # Their name stays on the proposal.
        assert author in ready_proposal.authors.all()

    def test_a_co_author_still_in_the_community_keeps_every_right(self, client, ready_proposal, author, co_author):
        remove_from_community(author, ready_proposal.community, by=co_author)
        client.force_login(co_author)
        response = client.post(
            url("proposal_update", ready_proposal.pk), edit_data(ready_proposal, summary="Norah's summary.")
        )
        assert response.status_code == 302
        assert Proposal.objects.get(pk=ready_proposal.pk).summary == "Norah's summary."
        assert client.post(url("proposal_withdraw", ready_proposal.pk), {"message": "Merged."}).status_code == 302
        assert Proposal.objects.get(pk=ready_proposal.pk).status == ProposalStatus.WITHDRAWN

    def test_rejoining_gives_the_rights_back(self, client, ready_proposal, author, co_author):
        remove_from_community(author, ready_proposal.community, by=co_author)
        client.force_login(author)
        assert client.get(url("proposal_update", ready_proposal.pk)).status_code == 403
        Membership.objects.filter(person=author, community=ready_proposal.community).update(status="active")
        assert client.get(url("proposal_update", ready_proposal.pk)).status_code == 200

    def test_is_no_longer_listed_as_theirs_on_the_dashboard(self, client, ready_proposal, author, co_author):
        client.force_login(author)
        assert ready_proposal.title in client.get("/dashboard/").content.decode()
        remove_from_community(author, ready_proposal.community, by=co_author)
        assert ready_proposal.title not in client.get("/dashboard/").content.decode()

    @pytest.mark.parametrize(
        "step",
        [
            lambda p, by: services.proposal_update(
                proposal=p,
                by=by,
                base_version=p.version,
                title=p.title,
                summary="Changed.",
                problem="",
                objectives="",
                rightsholders="",
                expected_reach=None,
                risks="",
                section_answers={},
                stakeholders=[],
            ),
            lambda p, by: services.proposal_withdraw(proposal=p, by=by),
            lambda p, by: services.proposal_submit(proposal=p, by=by),
            lambda p, by: services.proposal_remove_author(proposal=p, person=by, by=by),
            lambda p, by: services.activity_save(
                proposal=p,
                by=by,
                title="Another",
                description="",
                starts_on=datetime.date(2026, 5, 1),
                ends_on=datetime.date(2026, 5, 2),
                place="",
                responsible_organisation=None,
                expected_outputs="",
            ),
            lambda p, by: services.activity_delete(activity=p.activities.get(), by=by),
            lambda p, by: services.budget_line_delete(line=p.budget_lines.first(), by=by),
            lambda p, by: services.exchange_rate_set(proposal=p, currency="EUR", rate=Decimal("0.9"), by=by),
        ],
        ids=["update", "withdraw", "submit", "remove_author", "activity_save", "activity_delete", "line", "rate"],
    )
    def test_the_services_refuse_too(self, ready_proposal, author, co_author, step):
        remove_from_community(author, ready_proposal.community, by=co_author)
        before = (ready_proposal.status, ready_proposal.activities.count(), ready_proposal.budget_lines.count())
        with pytest.raises(ValidationError) as refused:
            step(ready_proposal, author)
        assert refused.value.messages == ["Only co-authors who are active members of CoP-IP may do this."]
        ready_proposal.refresh_from_db()
        after = (ready_proposal.status, ready_proposal.activities.count(), ready_proposal.budget_lines.count())
        assert after == before
        assert ready_proposal.summary != "Changed."

    def test_the_services_let_a_current_co_author_through(self, ready_proposal, author, co_author):
        remove_from_community(author, ready_proposal.community, by=co_author)
        services.proposal_withdraw(proposal=ready_proposal, by=co_author)
        assert Proposal.objects.get(pk=ready_proposal.pk).status == ProposalStatus.WITHDRAWN

    def test_after_approval_they_no_longer_record_expenses_or_report(
        self, client, ready_proposal, author, co_author, coordinator, outsider
    ):
        services.proposal_submit(proposal=ready_proposal, by=author)
        services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        services.proposal_approve(proposal=ready_proposal, by=coordinator, message="Yes.")
        remove_from_community(author, ready_proposal.community, by=co_author)
        client.force_login(author)
        assert client.get(url("expense_create", ready_proposal.pk)).status_code == 403
        assert client.get(url("report_create", ready_proposal.pk)).status_code == 403
        assert client.post(url("proposal_start", ready_proposal.pk)).status_code == 403
        with pytest.raises(ValidationError, match="Only co-authors who are active members"):
            services.proposal_start_implementation(proposal=ready_proposal, by=author)
        # A coordinator still may.
        services.proposal_start_implementation(proposal=ready_proposal, by=coordinator)
        assert Proposal.objects.get(pk=ready_proposal.pk).status == ProposalStatus.IN_IMPLEMENTATION


class TestReviewerWhoJoinsTheProposingCommunity:
    @pytest.fixture
    def in_review(self, ready_proposal, author, coordinator, outsider):
        services.proposal_submit(proposal=ready_proposal, by=author)
        assignment = services.review_assign(proposal=ready_proposal, reviewer=outsider, by=coordinator)
        ready_proposal.refresh_from_db()
        return assignment

    def scores(self, assignment):
        return {criterion.pk: 3 for criterion in assignment.proposal.call.criteria.all()}

    def test_stops_reviewing_at_the_next_request(self, client, in_review, outsider):
        proposal = in_review.proposal
        client.force_login(outsider)
        assert client.get(url("review_submit", proposal.pk)).status_code == 200

        join(proposal.community, outsider)

        assert client.get(url("review_submit", proposal.pk)).status_code == 403
        data = {f"criterion_{pk}": score for pk, score in self.scores(in_review).items()}
        assert client.post(url("review_submit", proposal.pk), data).status_code == 403
        in_review.refresh_from_db()
        assert in_review.submitted_at is None
        assert "1 review waits for you" not in client.get("/dashboard/").content.decode()

    def test_the_service_refuses_their_scores(self, in_review, outsider):
        join(in_review.proposal.community, outsider)
        with pytest.raises(ValidationError) as refused:
            services.review_submit(
                assignment=in_review,
                by=outsider,
                scores=self.scores(in_review),
                comment_for_coordinators="",
                comment_for_authors="",
            )
        assert refused.value.messages == ["Bopha Ros is a member of CoP-IP, which proposes this, and cannot review it."]
        assert not in_review.scores.exists()

    def test_an_independent_reviewer_keeps_reviewing(self, client, in_review, outsider):
        client.force_login(outsider)
        data = {f"criterion_{pk}": score for pk, score in self.scores(in_review).items()}
        response = client.post(url("review_submit", in_review.proposal.pk), data)
        assert response.status_code == 302
        in_review.refresh_from_db()
        assert in_review.submitted_at is not None

    def test_a_reviewer_listed_as_co_author_may_not_review(self, in_review, outsider):
        # Listed as a co-author (for instance while a member, before leaving): never independent.
        in_review.proposal.authors.add(outsider)
        assert not outsider.has_perm("proposals.review_proposal", in_review.proposal)
        with pytest.raises(ValidationError, match="is a co-author of this proposal and cannot review it"):
            services.review_submit(
                assignment=in_review,
                by=outsider,
                scores=self.scores(in_review),
                comment_for_coordinators="",
                comment_for_authors="",
            )
