"""Joint work plans: a community's (or the whole network's) objectives and the actions its organisations
take towards them, each with an owner organisation, dates, a status and a short note on progress."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import ACTION_OPEN_STATUSES, ActionStatus

TITLE_LENGTH = 200
NOTE_LENGTH = 1000


class WorkPlan(models.Model):
    """A plan of a community, or of the whole network when it has no community."""

    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="work_plans",
        help_text=_("Leave empty for the whole network's plan."),
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:workplan_detail", args=[self.pk])


class Objective(models.Model):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=TITLE_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ActionQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date):
        """Actions still planned or under way whose end date has passed."""
        return self.filter(ends_on__lt=today, status__in=ACTION_OPEN_STATUSES)


class Action(models.Model):
    """One thing an organisation does for an objective, with the organisations supporting it."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=TITLE_LENGTH)
    owner = models.ForeignKey(
        "members.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_actions"
    )
    supporters = models.ManyToManyField(
        "members.Organisation", verbose_name=_("supporting organisations"), blank=True, related_name="supported_actions"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    progress_note = models.TextField(_("progress"), blank=True, max_length=NOTE_LENGTH)
    progress_at = models.DateTimeField(null=True, blank=True)
    progress_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_actions",
    )
    challenge = models.ForeignKey(
        "network.Challenge",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_actions",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_actions",
    )
    resource = models.ForeignKey(
        "network.Resource",
        verbose_name=_("resource"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workplan_actions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["status", "ends_on"], name="network_action_due")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="action_ends_after_it_starts")
        ]

    def __str__(self):
        return self.title

    @property
    def days(self) -> int:
        """How many days the action spans, both ends counted (the timeline's bar)."""
        return (self.ends_on - self.starts_on).days + 1

    @property
    def responsible_organisation(self):
        """The owner, under the name the shared timeline partial reads."""
        return self.owner

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in ACTION_OPEN_STATUSES and self.ends_on < today
