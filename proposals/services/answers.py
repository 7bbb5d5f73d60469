"""Answers to reviewers: when revisions are asked for, the co-authors answer each reviewer's comments."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.forms import CONFLICT
from common.markup import check_markdown_fields
from members.models import User

from ..enums import ProposalStatus
from ..models import Proposal, ReviewAnswer
from ..selectors import comments_to_answer, revisions_decision
from .drafting import lock_proposal
from .workflow import require_status


@dataclass(frozen=True)
class AnswerInput:
    addressed: bool | None
    note: str
    # The revision of the answer the co-author started from; 0 when there was none.
    revision: int


class AnswerConflict(ValidationError):
    """Someone else saved answers while this co-author was writing: both are shown, nothing is lost."""

    def __init__(self, *, theirs: dict[int, ReviewAnswer]):
        super().__init__(
            _("Someone else saved answers while you were writing. Nothing is lost: compare and save again."),
            code=CONFLICT,
        )
        self.theirs = theirs


@transaction.atomic
def review_answers_save(*, proposal: Proposal, by: User, answers: dict[int, AnswerInput]) -> list[ReviewAnswer]:
    """Save the co-authors' answers to the reviewers' comments, keyed by review assignment.

    Each answer says whether the comment was addressed, with a note (needed when it was not). Writes
    ReviewAnswer rows for the latest request for revisions; no e-mail. Raises ValidationError when revisions
    are not requested, an answer names another proposal's review or lacks a choice or note (nothing is saved
    then), and AnswerConflict when another co-author saved an answer since this one was read.
    """
    proposal = lock_proposal(proposal)
    require_status(proposal, allowed={ProposalStatus.REVISIONS_REQUESTED}, action=_("answered"))
    decision = revisions_decision(proposal)
    assignments = {assignment.pk: assignment for assignment in comments_to_answer(proposal)}
    errors = {}
    for pk, answer in answers.items():
        if pk not in assignments:
            errors["__all__"] = _("An answer names a review of another proposal, or one without comments.")
        elif answer.addressed is None:
            errors[f"addressed_{pk}"] = _("Say whether you addressed this comment.")
        elif not answer.addressed and not answer.note.strip():
            errors[f"note_{pk}"] = _("Say why this comment was not addressed.")
        else:
            try:
                check_markdown_fields(**{f"note_{pk}": answer.note})
            except ValidationError as error:
                errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    # The proposal's row lock makes co-authors' saves take turns, so the answers read here stay current.
    existing = {
        row.assignment_id: row for row in ReviewAnswer.objects.select_related("answered_by").filter(decision=decision)
    }
    # A newer answer that says something else than what this co-author sends is theirs to compare with.
    theirs = {
        pk: existing[pk]
        for pk, answer in answers.items()
        if pk in existing
        and existing[pk].revision != answer.revision
        and (existing[pk].addressed, existing[pk].note) != (answer.addressed, answer.note.strip())
    }
    if theirs:
        raise AnswerConflict(theirs=theirs)
    saved = []
    for pk, answer in answers.items():
        row = existing.get(pk) or ReviewAnswer(assignment=assignments[pk], decision=decision, revision=0)
        if pk in existing and (row.addressed, row.note) == (answer.addressed, answer.note.strip()):
            saved.append(row)
            continue
        row.comment = assignments[pk].comment_for_authors
        row.addressed = answer.addressed
        row.note = answer.note.strip()
        row.revision += 1
        row.answered_by = by
        row.answered_at = timezone.now()
        row.save()
        saved.append(row)
    return saved
