"""Surveys: questions a coordinator or facilitator asks the network, a community or a meeting's attendees.

Anonymous surveys keep no link between a person and their answers, by design:
- who has answered is recorded in `Participation` (survey, person), with no time and no pointer to the answers;
- the answers hang on a `Response` with a random UUID key, no person, no organisation and no time, so neither
  its key nor its order says who or when; results and exports list responses in key order, which is random;
- a person who wants to change their anonymous answer keeps the private link shown once after answering:
  the response stores only a SHA-256 digest of its secret, which the portal cannot turn back into a person.
(The one trace left is outside the portal: both rows are written in one database transaction, which a
database administrator reading PostgreSQL's transaction ids could pair up.)
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..enums import QuestionKind, SurveyAudience, SurveyPurpose, SurveyState

SCALE_MIN, SCALE_MAX = 1, 5


class Survey(models.Model):
    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    purpose = models.CharField(max_length=12, choices=SurveyPurpose.choices, default=SurveyPurpose.GENERAL)
    audience = models.CharField(_("who is asked"), max_length=12, choices=SurveyAudience.choices)
    community = models.ForeignKey(
        "communities.Community", null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    meeting = models.ForeignKey(
        "events.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("Nobody, coordinators included, can see who gave which answer.")
    )
    closes_on = models.DateField(_("answers close on"))
    state = models.CharField(max_length=8, choices=SurveyState.choices, default=SurveyState.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="network") & Q(community__isnull=True) & Q(meeting__isnull=True))
                | (Q(audience="community") & Q(community__isnull=False) & Q(meeting__isnull=True))
                | (Q(audience="meeting") & Q(community__isnull=True) & Q(meeting__isnull=False)),
                name="survey_audience_names_its_group",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(purpose="feedback"), name="one_feedback_survey_per_meeting"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:survey_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == SurveyState.OPEN and self.closes_on >= timezone.localdate()


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    text_km = models.CharField(_("question in Khmer"), max_length=300, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)
    # A needs assessment's "what can you teach": a named answer (not an anonymous one) adds the skills it
    # lists, separated by commas, to the person's expertise in the directory.
    adds_to_expertise = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def wording(self) -> str:
        """The question in the reader's language when it was written in it, else as written."""
        return self.text_km if get_language() == "km" and self.text_km else self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=150)
    label_km = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    @property
    def wording(self) -> str:
        return self.label_km if get_language() == "km" and self.label_km else self.label


class Participation(models.Model):
    """That a person answered a survey: nothing about when, nothing about what."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="one_participation_per_person")]

    def __str__(self):
        return f"{self.person} – {self.survey}"


class Response(models.Model):
    """One person's answers. In an anonymous survey: no person, no organisation, no time (see the module)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organisation the respondent answered for, kept as it was then (not for anonymous surveys).
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    secret_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], condition=Q(respondent__isnull=False), name="one_response_per_person"
            )
        ]

    def __str__(self):
        return str(self.pk)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers")
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(number__isnull=True) | (Q(number__gte=SCALE_MIN) & Q(number__lte=SCALE_MAX)),
                name="scale_answer_from_one_to_five",
            )
        ]

    def __str__(self):
        return f"{self.question_id}: {self.choice_id or self.number or self.text[:30]}"
