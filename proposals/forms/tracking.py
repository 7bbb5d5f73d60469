from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.validators import bound_date_field
from common.widgets import DateInput
from members.models import User

from .. import services
from ..enums import ActivityStatus, ReportKind
from ..models import Expense, ProgressReport, Proposal
from ..validators import validate_photo, validate_receipt
from .base import currency_field, money_field, rate_field

PHOTO_SLOTS = 3


class ExpenseForm(ServiceForm):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=None)
    spent_on = forms.DateField(label=_("Date"), widget=DateInput)
    amount = money_field(_("Amount"))
    currency = currency_field()
    rate = rate_field(_("Exchange rate"), required=False)
    description = forms.CharField(label=_("Description"), max_length=300)
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg,image/webp"}),
        help_text=_("PDF, PNG, JPEG or WebP, at most 5 MB."),
    )

    def __init__(self, *args, proposal: Proposal, lines, by: User, **kwargs):
        kwargs.setdefault("initial", {"spent_on": timezone.localdate(), "currency": proposal.call.currency})
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.fields["line"].queryset = lines
        bound_date_field(
            self.fields["spent_on"], earliest=services.expense_earliest(proposal), latest=timezone.localdate()
        )
        self.fields["line"].label_from_instance = lambda line: f"{line.get_category_display()}: {line.description}"
        self.fields["rate"].help_text = _(
            "For an amount not in %(currency)s: how many units made 1 %(currency)s that day."
        ) % {"currency": proposal.call.currency}

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if receipt:
            validate_receipt(receipt)
        return receipt

    def call_service(self) -> Expense:
        return services.expense_record(proposal=self.proposal, by=self.by, **self.cleaned_data)


class ExpenseCorrectForm(ExpenseForm):
    """An expense's values corrected, with the reason kept in its history; the receipt stays as it is."""

    receipt = None
    reason = forms.CharField(
        label=_("Why the correction"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the expense's history, with the values before and after."),
    )

    def __init__(self, *args, expense: Expense, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "line": expense.line_id,
                "spent_on": expense.spent_on,
                "amount": expense.amount,
                "currency": expense.currency,
                "rate": None if expense.currency == expense.proposal.call.currency else expense.rate.normalize(),
                "description": expense.description,
            },
        )
        super().__init__(*args, proposal=expense.proposal, **kwargs)
        self.expense = expense

    def call_service(self) -> Expense:
        return services.expense_correct(expense=self.expense, by=self.by, **self.cleaned_data)


class ExpenseVoidForm(ServiceForm):
    reason = forms.CharField(
        label=_("Why it is void"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: recorded twice, or the payment was refunded."),
    )

    def __init__(self, *args, expense: Expense, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.expense = expense
        self.by = by

    def call_service(self) -> Expense:
        return services.expense_void(expense=self.expense, by=self.by, **self.cleaned_data)


class ReportForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices, widget=forms.RadioSelect)
    period = forms.CharField(
        label=_("Period covered"), max_length=120, help_text=_("For example: January to March 2024")
    )
    narrative = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists with -."),
    )

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        # The report starts as the next one the call's schedule asks for.
        due = proposal.reports_due.filter(report__isnull=True).order_by("due_on", "pk").first()
        initial = {"kind": ReportKind.PROGRESS}
        if due is not None:
            initial = {
                "kind": due.kind,
                "period": f"{date_format(due.period_starts, 'j M Y')} – {date_format(due.period_ends, 'j M Y')}",
            }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.activities = list(proposal.activities.all())
        # A new report starts from where the last one left each activity.
        last = proposal.reports.prefetch_related("activity_progress").order_by("-submitted_at", "-pk").first()
        previous = {item.activity_id: item.status for item in last.activity_progress.all()} if last else {}
        for activity in self.activities:
            self.fields[f"activity_{activity.pk}"] = forms.ChoiceField(
                label=activity.title,
                choices=ActivityStatus.choices,
                initial=previous.get(activity.pk, ActivityStatus.NOT_STARTED),
            )
            self.fields[f"note_{activity.pk}"] = forms.CharField(
                label=_("Note on %(title)s") % {"title": activity.title}, max_length=500, required=False
            )
        for slot in range(1, PHOTO_SLOTS + 1):
            self.fields[f"photo_{slot}"] = forms.ImageField(
                label=_("Photo %(number)s") % {"number": slot},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
                help_text=_("PNG, JPEG or WebP, at most 5 MB.") if slot == 1 else "",
            )
            self.fields[f"caption_{slot}"] = forms.CharField(
                label=_("Caption of photo %(number)s") % {"number": slot}, max_length=200, required=False
            )

    def activity_fields(self):
        """(activity, status field, note field) for the template's table of activities."""
        return [(a, self[f"activity_{a.pk}"], self[f"note_{a.pk}"]) for a in self.activities]

    def photo_fields(self):
        return [(self[f"photo_{n}"], self[f"caption_{n}"]) for n in range(1, PHOTO_SLOTS + 1)]

    def clean(self):
        cleaned = super().clean()
        for slot in range(1, PHOTO_SLOTS + 1):
            photo = cleaned.get(f"photo_{slot}")
            if photo:
                try:
                    validate_photo(photo)
                except forms.ValidationError as error:
                    self.add_error(f"photo_{slot}", error)
        return cleaned

    def call_service(self) -> ProgressReport:
        data = self.cleaned_data
        return services.report_submit(
            proposal=self.proposal,
            by=self.by,
            kind=data["kind"],
            period=data["period"],
            narrative=data["narrative"],
            progress={a.pk: (data[f"activity_{a.pk}"], data[f"note_{a.pk}"]) for a in self.activities},
            photos=[
                (data[f"photo_{n}"], data[f"caption_{n}"]) for n in range(1, PHOTO_SLOTS + 1) if data.get(f"photo_{n}")
            ],
        )
