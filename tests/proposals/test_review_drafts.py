"""A reviewer saves a review half-way and comes back; nobody else sees the draft until it is submitted."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.models import ReviewScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(ready_proposal, author, coordinator):
    services.proposal_submit(proposal=ready_proposal, by=author)
    return ready_proposal


@pytest.fixture
def assignment(in_review, outsider, coordinator):
    return services.review_assign(proposal=in_review, reviewer=outsider, by=coordinator)


@pytest.fixture
def second_reviewer(db):
    from tests.factories import UserFactory

    return UserFactory(display_name="Dara Second")


def browser(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def form_data(proposal, scores, **extra):
    criteria = list(proposal.call.criteria.all())
    data = {f"criterion_{c.pk}": score for c, score in zip(criteria, scores, strict=False)}
    return {"comment_for_coordinators": "", "comment_for_authors": "", **data, **extra}


def test_a_reviewer_saves_a_draft_with_some_scores_and_comes_back_to_it(in_review, assignment, outsider):
    url = reverse("proposals:review_submit", args=[in_review.pk])
    client = browser(outsider)
    response = client.post(url, form_data(in_review, [4], comment_for_authors="Half-way.", draft="1"))
    assert response.status_code == 302 and response.url == url
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and assignment.draft_saved_at is not None
    assert list(assignment.scores.values_list("score", flat=True)) == [4]
    page = client.get(url)
    assert page.context["form"]["comment_for_authors"].value() == "Half-way."
    assert "Draft saved" in page.content.decode()


def test_submitting_still_needs_every_score(in_review, assignment, outsider):
    url = reverse("proposals:review_submit", args=[in_review.pk])
    response = browser(outsider).post(url, form_data(in_review, [4]))
    assert response.status_code == 200
    missing = list(in_review.call.criteria.all())[1:]
    assert set(response.context["form"].errors) == {f"criterion_{c.pk}" for c in missing}
    assignment.refresh_from_db()
    assert assignment.submitted_at is None
    assert not ReviewScore.objects.exists()


def test_a_draft_score_out_of_range_is_refused_and_nothing_is_saved(in_review, assignment, outsider):
    criterion = in_review.call.criteria.first()
    with pytest.raises(ValidationError) as refused:
        services.review_save_draft(
            assignment=assignment,
            by=outsider,
            scores={criterion.pk: 99},
            comment_for_coordinators="",
            comment_for_authors="kept?",
        )
    assert refused.value.message_dict == {
        f"criterion_{criterion.pk}": [f"The score must be from 0 to {criterion.max_score}."]
    }
    assignment.refresh_from_db()
    assert (assignment.draft_saved_at, assignment.comment_for_authors) == (None, "")


def test_a_draft_is_seen_by_nobody_but_its_reviewer(
    in_review, assignment, outsider, second_reviewer, coordinator, author
):
    services.review_assign(proposal=in_review, reviewer=second_reviewer, by=coordinator)
    criterion = in_review.call.criteria.first()
    services.review_save_draft(
        assignment=assignment,
        by=outsider,
        scores={criterion.pk: 1},
        comment_for_coordinators="SECRET-DRAFT-NOTE",
        comment_for_authors="SECRET-DRAFT-AUTHORS",
    )
    # The other reviewer reaches only their own review.
    other = browser(second_reviewer).get(reverse("proposals:review_submit", args=[in_review.pk])).content.decode()
    assert "SECRET-DRAFT" not in other
    # The coordinators see that a draft was saved, not what it says, and its scores count for nothing.
    response = browser(coordinator).get(reverse("proposals:reviewer_list", args=[in_review.pk]))
    page = response.content.decode()
    assert "SECRET-DRAFT" not in page
    assert "A draft was saved on" in page
    row = next(r for r in response.context["scores"].rows if r.assignment.pk == assignment.pk)
    assert row.scores[0] is None
    # The co-authors do not reach reviews at all.
    assert browser(author).get(reverse("proposals:review_submit", args=[in_review.pk])).status_code == 403
    assert browser(author).get(reverse("proposals:reviewer_list", args=[in_review.pk])).status_code == 403


def test_someone_else_cannot_save_a_reviewers_draft(in_review, assignment, second_reviewer):
    with pytest.raises(ValidationError, match="Only the assigned reviewer"):
        services.review_save_draft(
            assignment=assignment, by=second_reviewer, scores={}, comment_for_coordinators="", comment_for_authors=""
        )


def test_a_submitted_review_is_not_turned_back_into_a_draft(in_review, assignment, outsider):
    scores = {c.pk: 3 for c in in_review.call.criteria.all()}
    services.review_submit(
        assignment=assignment, by=outsider, scores=scores, comment_for_coordinators="", comment_for_authors=""
    )
    with pytest.raises(ValidationError, match="submitted already"):
        services.review_save_draft(
            assignment=assignment, by=outsider, scores={}, comment_for_coordinators="", comment_for_authors=""
        )
