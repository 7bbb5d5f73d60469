"""Funding opportunities members share, and the consortia that form around them to apply together."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import MarkdownHTMLField, PrivateFileField
from proposals.enums import Currency

from ..enums import ConsortiumOutcome, PartnerStatus
from ..validators import validate_upload

# Long enough for a donor's whole call text pasted in; short enough that nobody stores a book.
LONG_TEXT = 20_000
# Funding currencies the network's members apply in.
FUNDING_CURRENCIES = [(Currency.USD.value, Currency.USD.label), (Currency.KHR.value, Currency.KHR.label)]


def today():
    """Today in the network's time zone: a deadline is a day there."""
    return timezone.localdate()


class OpportunityQuerySet(models.QuerySet):
    def open(self):
        """Deadline today or later: still worth applying to."""
        return self.filter(deadline__gte=today())

    def closed(self):
        return self.filter(deadline__lt=today())


class FundingOpportunity(models.Model):
    """A donor's call for proposals or grant that a member shares with the network."""

    donor = models.CharField(_("donor"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link to the call"), blank=True, max_length=500)
    summary = models.TextField(
        _("what it funds"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)], help_text=_("Markdown.")
    )
    summary_html = MarkdownHTMLField(source="summary")
    how_to_apply = models.TextField(
        _("how to apply"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)], help_text=_("Markdown.")
    )
    how_to_apply_html = MarkdownHTMLField(source="how_to_apply")
    themes = models.ManyToManyField(
        "members.FocusArea", verbose_name=_("themes"), blank=True, related_name="funding_opportunities"
    )
    regions = models.ManyToManyField(
        "members.Region",
        verbose_name=_("eligible provinces"),
        blank=True,
        related_name="funding_opportunities",
        help_text=_("Leave empty when the whole country is eligible."),
    )
    rightsholder_groups = models.ManyToManyField(
        "members.RightsholderGroup",
        verbose_name=_("rightsholder groups"),
        blank=True,
        related_name="funding_opportunities",
    )
    amount_min = models.DecimalField(
        _("smallest grant"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    amount_max = models.DecimalField(
        _("largest grant"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=FUNDING_CURRENCIES, default=Currency.USD)
    deadline = models.DateField(_("deadline"))
    is_featured = models.BooleanField(_("featured"), default=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="funding_opportunities"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["deadline"]), models.Index(fields=["created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="opportunity_amounts_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:opportunity_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.deadline >= today()


class OpportunityFollow(models.Model):
    opportunity = models.ForeignKey(FundingOpportunity, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_opportunities"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["opportunity", "person"], name="one_opportunity_follow")]

    def __str__(self):
        return f"{self.person} follows {self.opportunity}"


class OpportunityInterest(models.Model):
    """An organisation, through one of its leaders, says it means to apply."""

    opportunity = models.ForeignKey(FundingOpportunity, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="funding_interests")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "organisation"], name="one_interest_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} is interested in {self.opportunity}"


class Consortium(models.Model):
    """Organisations applying together for one opportunity, led by one of them."""

    opportunity = models.ForeignKey(FundingOpportunity, on_delete=models.CASCADE, related_name="consortia")
    lead = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.CASCADE,
        related_name="led_consortia",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ConsortiumOutcome.choices, default=ConsortiumOutcome.PREPARING
    )
    amount_won = models.DecimalField(
        _("amount won"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    lessons = models.TextField(
        _("lessons"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)], help_text=_("Markdown.")
    )
    lessons_html = MarkdownHTMLField(source="lessons")
    outcome_at = models.DateTimeField(null=True, blank=True)
    # A won grant whose budget the network manages in the portal: its spending is tracked on that proposal.
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal in the portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consortia",
    )

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "lead"], name="one_consortium_per_lead"),
            models.CheckConstraint(
                condition=Q(outcome=ConsortiumOutcome.WON) | Q(amount_won__isnull=True), name="amount_only_when_won"
            ),
            models.CheckConstraint(
                condition=Q(outcome=ConsortiumOutcome.WON) | Q(proposal__isnull=True), name="proposal_only_when_won"
            ),
        ]

    def __str__(self):
        return f"{self.lead} – {self.opportunity}"

    def get_absolute_url(self):
        return reverse("network:consortium_detail", args=[self.pk])


class ConsortiumPartner(models.Model):
    """An organisation in a consortium: the lead (accepted from the start) or a partner invited to join."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="consortia"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "organisation"], name="one_place_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} in {self.consortium}"


class ConsortiumMessage(models.Model):
    """A message in the consortium's private discussion: Markdown, rendered and sanitised as board replies are."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), validators=[MaxLengthValidator(LONG_TEXT)])
    body_html = MarkdownHTMLField(source="body")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Message by {self.author} in {self.consortium}"


class ConsortiumDocument(models.Model):
    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="documents")
    file = PrivateFileField(_("file"), prefix="consortia", validators=[validate_upload])
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    def get_file_url(self):
        return reverse("network:consortium_document_download", args=[self.consortium_id, self.pk])


class ConsortiumStep(models.Model):
    """A step of the application on the consortium's checklist, with who does it and by when."""

    consortium = models.ForeignKey(Consortium, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("step"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consortium_steps",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title
