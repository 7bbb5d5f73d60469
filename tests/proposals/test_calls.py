"""Calls for proposals: what a coordinator may change once proposals and scores exist."""

import pytest
from django.core.exceptions import ValidationError

from proposals import services
from proposals.models import ReviewScore
from tests.factories import CoordinatorFactory, ProposalFactory, ReviewAssignmentFactory

pytestmark = pytest.mark.django_db


def fields(call, **changes):
    values = {
        "title": call.title,
        "description": call.description,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "time_zone": call.time_zone,
        "eligible_communities": list(call.eligible_communities.all()),
        "budget_ceiling": call.budget_ceiling,
        "currency": call.currency,
        "sections": [section.heading for section in call.sections.all()],
        "criteria": [(c.title, c.weight) for c in call.criteria.all()],
    }
    return values | changes


def test_a_call_needs_a_community_and_a_positive_ceiling(call):
    with pytest.raises(ValidationError) as refused:
        services.call_save(
            call=call, by=CoordinatorFactory(), **fields(call, eligible_communities=[], budget_ceiling=0)
        )
    assert refused.value.message_dict == {
        "budget_ceiling": ["The budget ceiling must be more than zero."],
        "eligible_communities": ["Choose at least one community that may propose."],
    }


def test_a_call_with_proposals_keeps_its_currency(call):
    ProposalFactory(call=call)
    with pytest.raises(ValidationError) as refused:
        services.call_save(call=call, by=CoordinatorFactory(), **fields(call, currency="EUR"))
    assert refused.value.message_dict == {"currency": ["Proposals already count their budgets in USD."]}


def test_renaming_a_section_keeps_the_answers_attached(proposal):
    call = proposal.call
    section = call.sections.get()
    services.call_save(
        call=call, by=CoordinatorFactory(), **fields(call, sections=["Who leads the work?", "Budget notes"])
    )
    assert list(call.sections.values_list("pk", "heading")) == [
        (section.pk, "Who leads the work?"),
        (call.sections.get(heading="Budget notes").pk, "Budget notes"),
    ]
    assert proposal.section_answers[str(section.pk)] == "Kuy elders choose the stories."


def test_criteria_cannot_change_once_scored(call):
    assignment = ReviewAssignmentFactory(proposal__call=call)
    ReviewScore.objects.create(assignment=assignment, criterion=call.criteria.first(), score=4)
    with pytest.raises(ValidationError) as refused:
        services.call_save(call=call, by=CoordinatorFactory(), **fields(call, criteria=[("Relevance", 100)]))
    assert refused.value.message_dict == {
        "criteria": ["Reviewers have already scored against these criteria; they can no longer be changed."]
    }
    services.call_save(call=call, by=CoordinatorFactory(), **fields(call, title="Small grants, second round"))
    call.refresh_from_db()
    assert call.title == "Small grants, second round"
