from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField

from .calls import ReviewCriterion
from .proposals import Proposal, StatusChange


class ReviewAssignment(models.Model):
    """A coordinator asks someone outside the proposing community to review a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="review_assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="reviews"
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    comment_for_coordinators = models.TextField(_("comments for the coordinators"), blank=True)
    comment_for_authors = models.TextField(_("comments for the authors"), blank=True)
    comment_for_coordinators_html = MarkdownHTMLField(source="comment_for_coordinators")
    comment_for_authors_html = MarkdownHTMLField(source="comment_for_authors")
    submitted_at = models.DateTimeField(_("scored"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # A review saved half-way: seen by its reviewer only, until they submit it.
    draft_saved_at = models.DateTimeField(_("draft saved"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["proposal", "assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "reviewer"], name="one_review_per_reviewer")]

    def __str__(self):
        return f"{self.reviewer} on {self.proposal}"

    def is_late_on(self, day) -> bool:
        return self.submitted_at is None and self.due_on is not None and self.due_on < day

    @property
    def is_late(self) -> bool:
        return self.is_late_on(timezone.localdate())


class ReviewScore(models.Model):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_per_criterion")]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


class ReviewAnswer(models.Model):
    """The co-authors' answer to one reviewer's comments, for one request for revisions.

    The comment is copied as it was answered, since a reviewer may change it after the resubmission.
    """

    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="answers")
    decision = models.ForeignKey(StatusChange, on_delete=models.CASCADE, related_name="review_answers")
    comment = models.TextField(_("reviewer's comment"))
    comment_html = MarkdownHTMLField(source="comment")
    addressed = models.BooleanField(_("addressed"))
    note = models.TextField(_("note"), blank=True)
    note_html = MarkdownHTMLField(source="note")
    # The optimistic lock: a save based on an older revision is refused with both answers shown.
    revision = models.PositiveIntegerField(default=1)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer to a reviewer")
        verbose_name_plural = _("answers to reviewers")
        ordering = ["decision", "assignment__assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "decision"], name="one_answer_per_comment")]

    def __str__(self):
        return f"{self.assignment}: {'addressed' if self.addressed else 'not addressed'}"
