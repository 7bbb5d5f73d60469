"""Partnerships and their health reviews.

A partnership records what its partners (member and stakeholder organisations, often a community and its
stakeholders) agreed: a shared goal, the principles they keep, each partner's role and contribution, and how
they will measure success. Every few months each partner's representative scores each principle and each
measure in a health review; the scores over time show whether the partnership works.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import STANDARD_PRINCIPLE_MEANINGS, ReviewState, StandardPrinciple

SCORE_MIN, SCORE_MAX = 1, 5


class PartnershipQuerySet(models.QuerySet):
    def of_person(self, user):
        """Partnerships in which the person works for a partner organisation or represents a partner."""
        return self.filter(
            Q(partners__organisation__affiliations__person=user) | Q(partners__representative=user)
        ).distinct()


class Partnership(models.Model):
    name = models.CharField(_("name"), max_length=150)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships",
        help_text=_("The community whose facilitators look after this partnership, if any."),
    )
    goal = models.TextField(_("shared goal"), max_length=2000)
    review_every_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_every_months__gte=1) & Q(review_every_months__lte=24),
                name="partnership_review_interval_in_range",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:partnership_detail", args=[self.pk])


class Partner(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="partner_of"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    contribution = models.TextField(_("contribution"), max_length=2000, blank=True)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_representations",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="one_partner_per_organisation")
        ]

    def __str__(self):
        return str(self.organisation)


class Principle(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="principles")
    standard = models.CharField(max_length=20, choices=StandardPrinciple.choices, blank=True)
    custom_title = models.CharField(_("principle"), max_length=150, blank=True)
    custom_meaning = models.TextField(_("what it means"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(standard="") & ~Q(custom_title="")) | (~Q(standard="") & Q(custom_title="")),
                name="principle_standard_or_custom",
            ),
            models.UniqueConstraint(
                fields=["partnership", "standard"], condition=~Q(standard=""), name="one_standard_principle_each"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """A standard principle reads in the reader's language; a custom one as its partners wrote it."""
        return str(StandardPrinciple(self.standard).label) if self.standard else self.custom_title

    @property
    def meaning(self) -> str:
        return str(STANDARD_PRINCIPLE_MEANINGS[self.standard]) if self.standard else self.custom_meaning


class SuccessMeasure(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure of success"), max_length=200)
    how = models.TextField(_("how it is measured"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("measure of success")
        verbose_name_plural = _("measures of success")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class HealthReview(models.Model):
    """One round of the health review: each partner answers once, and may change its answer until it closes."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    number = models.PositiveSmallIntegerField()
    opened_on = models.DateField(default=timezone.localdate)
    closes_on = models.DateField(_("answers close on"))
    state = models.CharField(max_length=10, choices=ReviewState.choices, default=ReviewState.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("health review")
        verbose_name_plural = _("health reviews")
        ordering = ["partnership", "number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="one_review_number_per_partnership"),
            models.UniqueConstraint(
                fields=["partnership"], condition=Q(state="open"), name="one_open_review_per_partnership"
            ),
        ]

    def __str__(self):
        return f"{self.partnership} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == ReviewState.OPEN


class ReviewAnswer(models.Model):
    """One partner's answer to a review round, given by its representative or one of its leaders."""

    review = models.ForeignKey(HealthReview, on_delete=models.CASCADE, related_name="answers")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="answers")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "partner"], name="one_answer_per_partner")]

    def __str__(self):
        return f"{self.partner} – {self.review}"


class ReviewScore(models.Model):
    answer = models.ForeignKey(ReviewAnswer, on_delete=models.CASCADE, related_name="scores")
    principle = models.ForeignKey(Principle, null=True, blank=True, on_delete=models.CASCADE, related_name="scores")
    measure = models.ForeignKey(SuccessMeasure, null=True, blank=True, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)])
    comment = models.TextField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(principle__isnull=True) & Q(measure__isnull=False))
                | (Q(principle__isnull=False) & Q(measure__isnull=True)),
                name="score_of_a_principle_or_a_measure",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX), name="score_from_one_to_five"
            ),
            models.UniqueConstraint(
                fields=["answer", "principle"], condition=Q(principle__isnull=False), name="one_score_per_principle"
            ),
            models.UniqueConstraint(
                fields=["answer", "measure"], condition=Q(measure__isnull=False), name="one_score_per_measure"
            ),
        ]

    def __str__(self):
        return f"{self.principle or self.measure}: {self.score}"


class FollowUpAction(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions")
    review = models.ForeignKey(HealthReview, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        Partner, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["done_at", "due_on", "pk"]

    def __str__(self):
        return self.description
