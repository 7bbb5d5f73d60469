from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, MarkdownHTMLMapField

from ..enums import EDITABLE, FUNDED, SPENDING, Currency, ProposalStatus, VersionKind
from .calls import Call


class Proposal(models.Model):
    """A community's project proposal to a call, written together by its co-authors."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="proposals")
    community = models.ForeignKey(
        "communities.Community", verbose_name=_("community"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem"), blank=True, help_text=_("What the rightsholders face, and why now."))
    objectives = models.TextField(_("objectives"), blank=True)
    rightsholders = models.TextField(
        _("rightsholders"), blank=True, help_text=_("Who the project is with and for, and how they take part.")
    )
    expected_reach = models.PositiveIntegerField(
        _("people expected to be reached"), null=True, blank=True, help_text=_("A number of people.")
    )
    risks = models.TextField(_("risks and how to handle them"), blank=True)
    # Answers to the call's own sections: {"<section id>": "text"}.
    section_answers = models.JSONField(default=dict, blank=True)
    # The narrative's HTML, rendered when it is saved.
    summary_html = MarkdownHTMLField(source="summary")
    problem_html = MarkdownHTMLField(source="problem")
    objectives_html = MarkdownHTMLField(source="objectives")
    rightsholders_html = MarkdownHTMLField(source="rightsholders")
    risks_html = MarkdownHTMLField(source="risks")
    section_answers_html = MarkdownHTMLMapField(source="section_answers")
    stakeholders = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("stakeholders involved"),
        blank=True,
        related_name="proposals_involved_in",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("co-authors"), related_name="authored_proposals"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT, db_index=True
    )
    # The optimistic lock: the number of the latest saved version. A save based on an older
    # number is refused with both texts shown, so nobody's words are lost.
    version = models.PositiveIntegerField(default=1)
    # How many budget revisions were approved since the baseline: a request made on an older count is stale.
    budget_revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:proposal_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_funded(self) -> bool:
        return self.status in FUNDED

    @property
    def takes_expenses(self) -> bool:
        return self.status in SPENDING


class ExchangeRate(models.Model):
    """A rate set by hand on the proposal: 1 unit of the call's currency = `rate` units of `currency`."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="exchange_rates")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=6)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "currency"], name="one_rate_per_proposal_currency"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self):
        return f"{self.currency} {self.rate}"


class KeyActivity(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_html = MarkdownHTMLField(source="description")
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    responsible_organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal_activities",
    )
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    expected_outputs_html = MarkdownHTMLField(source="expected_outputs")

    class Meta:
        verbose_name = _("key activity")
        verbose_name_plural = _("key activities")
        ordering = ["proposal", "starts_on", "ends_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="activity_ends_after_it_starts")
        ]

    def __str__(self):
        return self.title

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class ProposalVersion(models.Model):
    """The proposal as it read at one moment: every save of the text, and a frozen copy at each submission."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=VersionKind.choices, default=VersionKind.SAVED)
    # {"title": ..., "sections": [[heading, text], ...]}: text only, so later edits of
    # activities, budget lines or organisations never change what a version says.
    content = models.JSONField(default=dict)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "-number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="unique_proposal_version")]

    def __str__(self):
        return f"{self.proposal} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.kind != VersionKind.SAVED


class StatusChange(models.Model):
    """One step of the workflow: who moved the proposal from what to what, with their message."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    to_status = models.CharField(max_length=20, choices=ProposalStatus.choices)
    message = models.TextField(blank=True)
    message_html = MarkdownHTMLField(source="message")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["proposal", "at", "pk"]

    def __str__(self):
        return f"{self.proposal}: {self.from_status} → {self.to_status}"
