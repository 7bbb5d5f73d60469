"""Forms of funding opportunities and consortia."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm
from common.widgets import DateInput, NamesSelect
from members.enums import AffiliationRole, OrganisationKind, OrganisationStatus
from members.models import Organisation, User

from ..enums import ConsortiumOutcome
from ..models import FundingOpportunity
from ..models.funding import LONG_TEXT
from ..selectors import consortium_people, proposals_to_link
from ..services import funding
from ..validators import validate_upload


class OpportunityForm(ServiceModelForm):
    class Meta:
        model = FundingOpportunity
        fields = [
            "donor",
            "title",
            "url",
            "deadline",
            "amount_min",
            "amount_max",
            "currency",
            "themes",
            "regions",
            "rightsholder_groups",
            "summary",
            "how_to_apply",
        ]
        widgets = {
            "deadline": DateInput,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "how_to_apply": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
            "regions": forms.CheckboxSelectMultiple,
            "rightsholder_groups": forms.CheckboxSelectMultiple,
            "amount_min": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
            "amount_max": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
        }

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by

    def clean(self):
        cleaned = super().clean()
        self.service_check(funding._check_amounts, cleaned.get("amount_min"), cleaned.get("amount_max"))
        return cleaned

    def call_service(self) -> FundingOpportunity:
        data = dict(self.cleaned_data)
        lists = {name: data.pop(name, []) for name in ("themes", "regions", "rightsholder_groups")}
        return funding.opportunity_save(
            by=self.by, opportunity=self.instance if self.instance.pk else None, **lists, **data
        )


def _organisations_led_by(person):
    return Organisation.objects.filter(affiliations__person=person, affiliations__role=AffiliationRole.LEADER).order_by(
        "name"
    )


class InterestForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, opportunity, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity, self.by = opportunity, by
        self.fields["organisation"].queryset = _organisations_led_by(by)

    def call_service(self) -> bool:
        return funding.opportunity_express_interest(
            opportunity=self.opportunity, organisation=self.cleaned_data["organisation"], by=self.by
        )


class ConsortiumForm(ServiceForm):
    lead = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects.none(), empty_label=None)

    def __init__(self, *args, opportunity, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.opportunity, self.by = opportunity, by
        self.fields["lead"].queryset = _organisations_led_by(by)

    def call_service(self):
        return funding.consortium_create(opportunity=self.opportunity, lead=self.cleaned_data["lead"], by=self.by)


class PartnerInviteForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        .exclude(kind=OrganisationKind.STAKEHOLDER)
        .order_by("name"),
        widget=NamesSelect,
    )
    role = forms.CharField(
        label=_("Role in the consortium"),
        max_length=200,
        required=False,
        help_text=_("For example: training, field work in Ratanakiri, financial reporting."),
    )

    def __init__(self, *args, consortium, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.by = consortium, by

    def call_service(self):
        return funding.consortium_invite(
            consortium=self.consortium,
            organisation=self.cleaned_data["organisation"],
            role=self.cleaned_data["role"],
            by=self.by,
        )


class ConsortiumMessageForm(ServiceForm):
    body = forms.CharField(
        label=_("Message"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, lists with -, [links](https://…)."),
    )

    def __init__(self, *args, consortium, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.author = consortium, author

    def call_service(self):
        return funding.consortium_message_post(
            consortium=self.consortium, author=self.author, body=self.cleaned_data["body"]
        )


class ConsortiumDocumentForm(ServiceForm):
    file = forms.FileField(
        label=_("Document"),
        validators=[validate_upload],
        help_text=_("PDF, Office or OpenDocument files and images; at most 10 MB."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)

    def __init__(self, *args, consortium, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.by = consortium, by

    def call_service(self):
        return funding.consortium_document_add(
            consortium=self.consortium, file=self.cleaned_data["file"], name=self.cleaned_data["name"], by=self.by
        )


class ConsortiumStepForm(ServiceForm):
    title = forms.CharField(label=_("Step"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput)

    def __init__(self, *args, consortium, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.by = consortium, by
        self.fields["owner"].queryset = consortium_people(consortium)

    def call_service(self):
        return funding.consortium_step_add(consortium=self.consortium, by=self.by, **self.cleaned_data)


class OutcomeForm(ServiceForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ConsortiumOutcome.SUBMITTED, ConsortiumOutcome.SUBMITTED.label),
            (ConsortiumOutcome.WON, ConsortiumOutcome.WON.label),
            (ConsortiumOutcome.LOST, ConsortiumOutcome.LOST.label),
        ],
        widget=forms.RadioSelect,
    )
    amount_won = forms.DecimalField(
        label=_("Amount won"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal", "min": "0"}),
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What helped, what to do differently next time."),
    )

    def __init__(self, *args, consortium, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.by = consortium, by
        self.fields["amount_won"].help_text = _("In %(currency)s.") % {"currency": consortium.opportunity.currency}

    def call_service(self):
        return funding.consortium_record_outcome(consortium=self.consortium, by=self.by, **self.cleaned_data)


class ProposalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, proposal):
        return f"{proposal.title} ({proposal.community.name})"


class ConsortiumProposalForm(ServiceForm):
    """Which proposal in the portal tracks a won grant's budget and spending; empty unlinks it."""

    proposal = ProposalChoiceField(
        label=_("Proposal that tracks this grant"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Its budget and spending pages then follow this grant."),
    )

    def __init__(self, *args, consortium, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.consortium, self.by = consortium, by
        self.fields["proposal"].queryset = proposals_to_link(by)

    def call_service(self):
        return funding.consortium_link_proposal(
            consortium=self.consortium, proposal=self.cleaned_data["proposal"], by=self.by
        )
