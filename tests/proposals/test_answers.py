"""Answers to reviewers: each comment answered, resubmission waits for them, both shown beside the changes."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from proposals import services
from proposals.enums import ProposalStatus
from proposals.models import ReviewAnswer
from proposals.services.answers import AnswerConflict, AnswerInput
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def second_reviewer(db):
    return UserFactory(display_name="Vanna Kim", email="vanna@ngo.example")


@pytest.fixture
def sent_back(ready_proposal, author, coordinator, outsider, second_reviewer):
    services.proposal_submit(proposal=ready_proposal, by=author)
    criteria = list(ready_proposal.call.criteria.all())
    for reviewer, comment in [(outsider, "Say who takes part in the reflection."), (second_reviewer, "")]:
        assignment = services.review_assign(proposal=ready_proposal, reviewer=reviewer, by=coordinator)
        services.review_submit(
            assignment=assignment,
            by=reviewer,
            scores={criterion.pk: 3 for criterion in criteria},
            comment_for_coordinators="Private words.",
            comment_for_authors=comment,
        )
    ready_proposal.refresh_from_db()
    return services.proposal_request_revisions(proposal=ready_proposal, by=coordinator, message="Add a reflection.")


@pytest.fixture
def commented(sent_back, outsider):
    return sent_back.review_assignments.get(reviewer=outsider)


def url(proposal) -> str:
    return reverse("proposals:review_answer_list", args=[proposal.pk])


def answer(commented, addressed=True, note="The elders lead it.", revision=0) -> dict:
    return {commented.pk: AnswerInput(addressed=addressed, note=note, revision=revision)}


class TestAnswering:
    def test_only_comments_for_the_authors_are_to_be_answered(self, sent_back, commented, author):
        page = signed_in(author).get(url(sent_back)).content.decode()
        assert "Say who takes part in the reflection." in page
        assert "Private words." not in page
        assert page.count('type="radio"') == 2  # addressed or not, for the one comment

    def test_resubmission_waits_for_every_answer(self, sent_back, commented, author):
        with pytest.raises(ValidationError) as refused:
            services.proposal_resubmit(proposal=sent_back, by=author)
        assert "Answer the reviewer's comments: 1 is not answered yet." in refused.value.messages
        services.review_answers_save(proposal=sent_back, by=author, answers=answer(commented))
        assert services.proposal_resubmit(proposal=sent_back, by=author).status == ProposalStatus.RESUBMITTED

    def test_a_co_author_answers_through_the_page(self, sent_back, commented, co_author):
        data = {f"addressed_{commented.pk}": "no", f"note_{commented.pk}": "No money left."}
        response = signed_in(co_author).post(url(sent_back), {**data, f"revision_{commented.pk}": 0})
        assert response.status_code == 302
        saved = ReviewAnswer.objects.get()
        assert (saved.addressed, saved.note, saved.comment, saved.answered_by, saved.revision) == (
            False,
            "No money left.",
            "Say who takes part in the reflection.",
            co_author,
            1,
        )

    def test_not_addressed_without_a_note_is_refused_and_nothing_saved(self, sent_back, commented, author):
        data = {f"addressed_{commented.pk}": "no", f"revision_{commented.pk}": 0}
        response = signed_in(author).post(url(sent_back), data)
        assert response.status_code == 200
        assert "Say why this comment was not addressed." in response.content.decode()
        assert not ReviewAnswer.objects.exists()

    def test_an_answer_to_another_proposals_review_is_refused(self, sent_back, author):
        with pytest.raises(ValidationError):
            services.review_answers_save(
                proposal=sent_back, by=author, answers={999999: AnswerInput(addressed=True, note="", revision=0)}
            )
        assert not ReviewAnswer.objects.exists()

    def test_two_co_authors_at_once_see_each_others_answer(self, sent_back, commented, author, co_author):
        services.review_answers_save(proposal=sent_back, by=co_author, answers=answer(commented, note="Norah's words."))
        with pytest.raises(AnswerConflict) as conflict:
            services.review_answers_save(
                proposal=sent_back, by=author, answers=answer(commented, addressed=False, note="Srey's words.")
            )
        assert conflict.value.theirs[commented.pk].note == "Norah's words."
        assert ReviewAnswer.objects.get().note == "Norah's words."

    def test_the_conflict_page_keeps_yours_and_shows_theirs(self, sent_back, commented, author, co_author):
        services.review_answers_save(proposal=sent_back, by=co_author, answers=answer(commented, note="Norah's words."))
        data = {
            f"addressed_{commented.pk}": "no",
            f"note_{commented.pk}": "Srey's words.",
            f"revision_{commented.pk}": 0,
        }
        response = signed_in(author).post(url(sent_back), data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Someone else saved answers while you were writing" in page
        assert "Norah Lay answered meanwhile:" in page and "Srey&#x27;s words." in page
        assert f'name="revision_{commented.pk}" value="1"' in page
        assert ReviewAnswer.objects.get().note == "Norah's words."


class TestWhoMay:
    def test_a_reviewer_and_the_coordinator_read_the_answers_beside_the_changes(
        self, sent_back, commented, author, outsider, coordinator
    ):
        services.proposal_update(
            proposal=sent_back,
            by=author,
            base_version=sent_back.version,
            title=sent_back.title,
            summary=sent_back.summary + " The elders and youth reflect together.",
            problem=sent_back.problem,
            objectives=sent_back.objectives,
            rightsholders=sent_back.rightsholders,
            expected_reach=sent_back.expected_reach,
            risks=sent_back.risks,
            section_answers=sent_back.section_answers,
            stakeholders=[],
        )
        services.review_answers_save(proposal=sent_back, by=author, answers=answer(commented))
        services.proposal_resubmit(proposal=sent_back, by=author)
        for person in (outsider, coordinator):
            page = signed_in(person).get(url(sent_back)).content.decode()
            assert "The elders lead it." in page
            assert "to the resubmitted version" in page
            assert "<ins> The elders and youth reflect together.</ins>" in page

    def test_a_member_outside_the_community_is_refused(self, sent_back, member):
        assert signed_in(member).get(url(sent_back)).status_code == 403

    def test_a_reviewer_cannot_answer(self, sent_back, commented, outsider):
        data = {f"addressed_{commented.pk}": "yes", f"revision_{commented.pk}": 0}
        assert signed_in(outsider).post(url(sent_back), data).status_code == 403
        assert not ReviewAnswer.objects.exists()

    def test_a_community_member_who_is_not_a_co_author_cannot_answer(self, sent_back, commented, cop_member):
        data = {f"addressed_{commented.pk}": "yes", f"revision_{commented.pk}": 0}
        assert signed_in(cop_member).post(url(sent_back), data).status_code == 403

    def test_no_answer_once_resubmitted(self, sent_back, commented, author):
        services.review_answers_save(proposal=sent_back, by=author, answers=answer(commented))
        services.proposal_resubmit(proposal=sent_back, by=author)
        with pytest.raises(ValidationError) as refused:
            services.review_answers_save(
                proposal=sent_back, by=author, answers=answer(commented, addressed=False, note="No.", revision=1)
            )
        assert refused.value.code == "wrong_status"


class TestStoredHtml:
    def test_the_comment_and_the_note_are_shown_from_their_stored_html(self, sent_back, commented, author, monkeypatch):
        services.review_answers_save(
            proposal=sent_back, by=author, answers=answer(commented, addressed=False, note="**No** money left.")
        )
        saved = ReviewAnswer.objects.get()
        assert (saved.comment_html, saved.note_html) == (
            "<p>Say who takes part in the reflection.</p>",
            "<p><strong>No</strong> money left.</p>",
        )

        def no_rendering(text):
            raise AssertionError("a page rendered Markdown")

        monkeypatch.setattr("common.fields.render_markdown", no_rendering)
        page = signed_in(author).get(url(sent_back)).content.decode()
        assert "<strong>No</strong> money left." in page

    def test_a_note_past_the_markdown_bounds_is_refused_on_its_field(self, sent_back, commented, author):
        with pytest.raises(ValidationError) as refused:
            services.review_answers_save(
                proposal=sent_back, by=author, answers=answer(commented, addressed=False, note="x" * 20_001)
            )
        assert list(refused.value.message_dict) == [f"note_{commented.pk}"]
        assert not ReviewAnswer.objects.exists()
