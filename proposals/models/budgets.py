from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.fields import PrivateFileField

from ..domain.money import line_total, quantize
from ..enums import BudgetCategory, Currency, ExpenseChangeKind, ExpenseCheck, RevisionStatus
from ..validators import validate_receipt
from .proposals import KeyActivity, Proposal


class BudgetLine(models.Model):
    """One line of a proposal's budget, in its own currency; co-funding is what others pay of it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_lines")
    activity = models.ForeignKey(
        KeyActivity,
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_lines",
    )
    position = models.PositiveIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: person-day, trip, banner."))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_cost = models.DecimalField(_("unit cost"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    co_funding = models.DecimalField(
        _("co-funding"), max_digits=14, decimal_places=2, default=0, help_text=_("Paid by others, in this currency.")
    )
    co_funding_source = models.CharField(_("co-funding source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["proposal", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="budget_line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_cost__gt=0), name="budget_line_unit_cost_positive"),
            models.CheckConstraint(condition=Q(co_funding__gte=0), name="budget_line_co_funding_not_negative"),
        ]

    def __str__(self):
        return self.description

    @property
    def total(self):
        return line_total(self.quantity, self.unit_cost)

    @property
    def requested(self):
        return quantize(self.total - self.co_funding)


class BaselineLine(models.Model):
    """A frozen copy of an approved budget line, converted at the rate of the day: spending is measured against it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="baseline_lines")
    position = models.PositiveIntegerField(default=0)
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    activity_title = models.CharField(_("activity"), max_length=200, blank=True)
    description = models.CharField(_("description"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_cost = models.DecimalField(_("unit cost"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(_("exchange rate"), max_digits=18, decimal_places=6)
    co_funding = models.DecimalField(_("co-funding"), max_digits=14, decimal_places=2, default=0)
    co_funding_source = models.CharField(_("co-funding source"), max_length=200, blank=True)
    # What the call pays for this line, in the call's currency: the baseline, never changed after approval.
    approved_amount = models.DecimalField(_("approved"), max_digits=14, decimal_places=2)
    # The working amount once an approved budget revision changed it (None: as approved).
    revised_amount = models.DecimalField(_("revised"), max_digits=14, decimal_places=2, null=True, blank=True)
    # A line added by a budget revision has no baseline (approved_amount 0).
    added_by = models.ForeignKey(
        "BudgetRevision", null=True, blank=True, on_delete=models.SET_NULL, related_name="added_lines"
    )

    class Meta:
        verbose_name = _("approved budget line")
        verbose_name_plural = _("approved budget lines")
        ordering = ["proposal", "position", "pk"]

    def __str__(self):
        return self.description

    @property
    def working_amount(self):
        """What the line may spend now: the revised amount, or the baseline while never revised."""
        return self.approved_amount if self.revised_amount is None else self.revised_amount


class BudgetRevision(models.Model):
    """The co-authors' request to change the approved budget, decided by a coordinator.

    Made on the working budget as it stood (based_on: the number of revisions approved then); approving a
    request made on an older budget is refused, so no decision is taken on figures that no longer hold.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="budget_revisions")
    based_on = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    reason = models.TextField(_("why the change"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    # The number this revision took when approved (1, 2, ...): the working budget's version.
    number = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("budget revision")
        verbose_name_plural = _("budget revisions")
        ordering = ["proposal", "-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(status=RevisionStatus.PENDING),
                name="one_pending_budget_revision",
            )
        ]

    def __str__(self):
        return f"{self.proposal}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("proposals:budget_revision_detail", args=[self.proposal_id, self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING


class BudgetRevisionLine(models.Model):
    """One line's amount before and after a requested revision; a new line has no `line` and starts from 0."""

    revision = models.ForeignKey(BudgetRevision, on_delete=models.CASCADE, related_name="changes")
    line = models.ForeignKey(BaselineLine, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount_before = models.DecimalField(_("before"), max_digits=14, decimal_places=2)
    amount_after = models.DecimalField(_("after"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("line of a budget revision")
        verbose_name_plural = _("lines of budget revisions")
        ordering = ["revision", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_after__gte=0), name="revision_line_not_negative"),
        ]

    def __str__(self):
        return self.description

    @property
    def difference(self):
        return quantize(self.amount_after - self.amount_before)


def receipt_path(instance, filename):
    # Only for migration 0001; new files are private, under unguessable names.
    return f"receipts/{instance.proposal_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Expense(models.Model):
    """Money spent against an approved line, converted to the call's currency at the rate given with it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="expenses")
    line = models.ForeignKey(
        BaselineLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="expenses"
    )
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(_("exchange rate"), max_digits=18, decimal_places=6)
    amount_in_call_currency = models.DecimalField(max_digits=14, decimal_places=2)
    description = models.CharField(_("description"), max_length=300)
    receipt = PrivateFileField(_("receipt"), prefix="receipts", blank=True, validators=[validate_receipt])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # A voided expense stays, with who voided it and why, but no longer counts as spent.
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.TextField(_("reason"), blank=True)
    # A coordinator's check: only accepted expenses count as spent; the question or reason is the latest note.
    check_status = models.CharField(
        _("check"), max_length=10, choices=ExpenseCheck.choices, default=ExpenseCheck.CLAIMED, db_index=True
    )
    check_note = models.TextField(_("question or reason"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["proposal", "-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="expense_rate_positive"),
        ]

    def __str__(self):
        return f"{self.spent_on}: {self.description}"

    def get_file_url(self):
        """The receipt's address, behind the rule on the proposal's spending."""
        return reverse("proposals:receipt_download", args=[self.proposal_id, self.pk])

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def is_accepted(self) -> bool:
        return self.check_status == ExpenseCheck.ACCEPTED


class ExpenseChange(models.Model):
    """A correction or the voiding of an expense, with its reason and the values before and after: its history."""

    expense = models.ForeignKey(Expense, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=10, choices=ExpenseChangeKind.choices)
    reason = models.TextField(_("reason"))
    # The expense's values as text ({"amount": "40.00", ...}), so the history reads the same after later changes.
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change of an expense")
        verbose_name_plural = _("changes of expenses")
        ordering = ["expense", "changed_at", "pk"]

    def __str__(self):
        return f"{self.expense}: {self.get_kind_display()}"

    def corrections(self) -> list[tuple[str, str, str]]:
        """(label, before, after) of each value a correction changed, in the order of the expense form."""
        names = ["line", "spent_on", "amount", "currency", "rate", "description"]
        return [
            (str(Expense._meta.get_field(name).verbose_name), self.before.get(name, ""), self.after[name])
            for name in names
            if name in self.after
        ]
