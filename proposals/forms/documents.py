from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from members.models import User

from .. import services
from ..enums import DocumentKind
from ..models import Proposal, SupportingDocument
from ..validators import validate_document


class DocumentForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/png,image/jpeg,image/webp,.doc,.docx,.odt,.xls,.xlsx,.ods"}
        ),
        help_text=_("PDF, image, Word, Excel or OpenDocument file, at most 10 MB."),
    )
    budget_line = forms.ModelChoiceField(
        label=_("For the budget line"), queryset=None, required=False, help_text=_("A quote goes with its line.")
    )
    activity = forms.ModelChoiceField(label=_("For the activity"), queryset=None, required=False)

    def __init__(self, *args, proposal: Proposal, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.by = by
        self.fields["budget_line"].queryset = proposal.budget_lines.order_by("position", "pk")
        self.fields["budget_line"].label_from_instance = lambda line: f"{line.get_category_display()}: {line}"
        self.fields["activity"].queryset = proposal.activities.order_by("starts_on", "pk")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_document(upload)
        return upload

    def call_service(self) -> SupportingDocument:
        return services.document_add(proposal=self.proposal, by=self.by, **self.cleaned_data)
