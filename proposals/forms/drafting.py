from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.validators import bound_date_field
from common.widgets import DateInput
from members.enums import OrganisationKind
from members.models import Organisation, User

from .. import selectors, services
from ..domain import parts
from ..domain.versions import NARRATIVE_NAMES
from ..enums import BudgetCategory
from ..models import BudgetLine, Call, KeyActivity, Proposal
from .base import currency_field, money_field, rate_field


class ProposalStartForm(ServiceForm):
    community = forms.ModelChoiceField(label=_("Community"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Working title"), max_length=200)

    def __init__(self, *args, call: Call, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.call_for_proposals = call
        self.by = by
        self.fields["community"].queryset = selectors.my_communities_for(call=call, user=by)

    def call_service(self) -> Proposal:
        return services.proposal_create(call=self.call_for_proposals, by=self.by, **self.cleaned_data)


TEXT = {"rows": 5}


class ProposalForm(ServiceForm):
    """The proposal's text, edited by any co-author. `version` is the optimistic lock."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    problem = forms.CharField(
        label=_("Problem"),
        required=False,
        widget=forms.Textarea(attrs=TEXT),
        help_text=_("What the rightsholders face, and why now."),
    )
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs=TEXT))
    rightsholders = forms.CharField(
        label=_("Rightsholders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who the project is with and for, and how they take part."),
    )
    expected_reach = forms.IntegerField(
        label=_("People expected to be reached"), required=False, min_value=0, max_value=10_000_000
    )
    risks = forms.CharField(
        label=_("Risks and how to handle them"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    stakeholders = forms.ModelMultipleChoiceField(
        label=_("Stakeholders involved"),
        required=False,
        queryset=Organisation.objects.filter(kind=OrganisationKind.STAKEHOLDER).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From the stakeholder register."),
    )

    field_order = ["version", "title", "summary", "problem", "objectives", "rightsholders", "expected_reach"]

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        self.proposal = proposal
        self.by = by
        self.sections = list(proposal.call.sections.all())
        if "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(proposal)
        super().__init__(*args, **kwargs)
        for section in self.sections:
            self.fields[section.field_name] = forms.CharField(
                label=section.heading, required=False, widget=forms.Textarea(attrs=TEXT)
            )
        # The call's own sections come after the fixed ones, before risks and stakeholders.
        self.order_fields([*self.field_order, *(s.field_name for s in self.sections), "risks", "stakeholders"])

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        initial = {
            "version": proposal.version,
            "title": proposal.title,
            "stakeholders": [organisation.pk for organisation in proposal.stakeholders.all()],
            **{name: getattr(proposal, name) for name in NARRATIVE_NAMES},
        }
        for key, text in proposal.section_answers.items():
            initial[f"section_{key}"] = text
        return initial

    def call_service(self) -> Proposal:
        data = self.cleaned_data
        return services.proposal_update(
            proposal=self.proposal,
            by=self.by,
            base_version=data["version"],
            title=data["title"],
            **{name: data[name] for name in NARRATIVE_NAMES},
            section_answers={str(s.pk): data.get(s.field_name, "") for s in self.sections},
            stakeholders=data["stakeholders"],
        )


class AuthorForm(ServiceForm):
    person = forms.ModelChoiceField(label=_("Co-author"), queryset=None)

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.fields["person"].queryset = selectors.author_candidates(proposal=proposal)
        # Help texts are shown unescaped (templates/_field.html): escape the community's name.
        self.fields["person"].help_text = _("An active member of %(community)s.") % {
            "community": escape(str(proposal.community))
        }

    def call_service(self):
        return services.proposal_add_author(proposal=self.proposal, by=self.by, **self.cleaned_data)


class PartLockMixin:
    """The optimistic lock of an edit form of a budget line or an activity: a hidden `based_on` field holds the
    values the form was opened with (domain.parts), for the service to notice changes others made meanwhile."""

    part_fields: list[str] = []

    def lock_initial(self, part) -> str:
        return parts.encode(parts.values_of(self.part_fields, part))

    def clean_based_on(self):
        text = self.cleaned_data.get("based_on") or ""
        if not text:
            return None
        values = parts.decode(text, self.part_fields)
        if values is None:
            # On top of the form: the field is hidden, so an error beside it would not be seen.
            self.add_error(None, _("This form is out of date. Open it again from the list."))
        return values


def based_on_field():
    return forms.CharField(widget=forms.HiddenInput, required=False, strip=False)


class ActivityForm(PartLockMixin, ServiceForm):
    part_fields = parts.ACTIVITY_FIELDS
    based_on = based_on_field()
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Start date"), widget=DateInput)
    ends_on = forms.DateField(label=_("End date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.exclude(kind=OrganisationKind.STAKEHOLDER).order_by("name"),
        required=False,
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected_outputs = forms.CharField(
        label=_("Expected outputs"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proposal: Proposal, by: User, activity: KeyActivity | None = None, **kwargs):
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(activity, name) for name in self.part_fields}
            kwargs["initial"]["based_on"] = self.lock_initial(activity)
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.activity = activity
        self.by = by
        earliest, latest = services.activity_window(proposal.call)
        for name in ("starts_on", "ends_on"):
            bound_date_field(self.fields[name], earliest=earliest, latest=latest)
        self.fields["ends_on"].help_text = _("A key activity lasts at most a year.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The activity must end on or after the day it starts."))
        return cleaned

    def call_service(self) -> KeyActivity:
        return services.activity_save(proposal=self.proposal, activity=self.activity, by=self.by, **self.cleaned_data)


class BudgetLineForm(PartLockMixin, ServiceForm):
    part_fields = parts.LINE_FIELDS
    based_on = based_on_field()
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=None, required=False, empty_label=_("Not linked to an activity")
    )
    description = forms.CharField(label=_("Description"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60, help_text=_("For example: person-day, trip, banner."))
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=2, widget=forms.NumberInput(attrs={"step": "any"})
    )
    unit_cost = money_field(_("Unit cost"))
    currency = currency_field()
    rate = rate_field(_("Exchange rate"), required=False)
    co_funding = money_field(_("Co-funding"), required=False, help_text=_("Paid by others, in the line's currency."))
    co_funding_source = forms.CharField(label=_("Co-funding source"), max_length=200, required=False)

    def __init__(self, *args, proposal: Proposal, by: User, line: BudgetLine | None = None, **kwargs):
        if "initial" not in kwargs:
            if line is not None:
                kwargs["initial"] = {name: getattr(line, name) for name in self.part_fields}
                kwargs["initial"]["based_on"] = self.lock_initial(line)
            else:
                kwargs["initial"] = {"currency": proposal.call.currency, "co_funding": 0}
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.line = line
        self.by = by
        self.fields["activity"].queryset = proposal.activities.order_by("starts_on", "pk")
        self.fields["rate"].help_text = _(
            "Only for a currency other than %(currency)s that has no rate yet: how many units make 1 %(currency)s."
        ) % {"currency": proposal.call.currency}

    def call_service(self) -> BudgetLine:
        data = dict(self.cleaned_data)
        if data.get("co_funding") is None:
            data["co_funding"] = 0
        return services.budget_line_save(proposal=self.proposal, line=self.line, by=self.by, **data)


class ExchangeRateForm(ServiceForm):
    # It shares the budget page with the line form: a prefix keeps the two forms' field ids apart.
    prefix = "rate"
    currency = currency_field()
    rate = rate_field(_("Rate"))

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.fields["rate"].help_text = _("How many units of this currency make 1 %(currency)s.") % {
            "currency": proposal.call.currency
        }

    def call_service(self):
        return services.exchange_rate_set(proposal=self.proposal, by=self.by, **self.cleaned_data)
