"""Forms of members doing business with each other: an enquiry about an offer, and a reply in its thread."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.widgets import NamesSelect
from members.models import Organisation

from .. import services
from ..models.trade import MESSAGE_MAX


class EnquiryForm(ServiceForm):
    """An enquiry about a member's listing, on behalf of one of the sender's organisations."""

    from_organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        widget=NamesSelect,
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you need, how many, by when, and where. The organisation's leaders answer here."),
    )

    def __init__(self, *args, offer, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.by = by
        mine = Organisation.objects.filter(affiliations__person=by).exclude(pk=offer.organisation_id).order_by("name")
        self.fields["from_organisation"].queryset = mine
        first = mine.first()
        if first is not None:
            self.fields["from_organisation"].initial = first.pk

    def call_service(self):
        return services.enquiry_send(offer=self.offer, by=self.by, **self.cleaned_data)


class EnquiryReplyForm(ServiceForm):
    body = forms.CharField(label=_("Your reply"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, enquiry, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.by = by

    def call_service(self):
        return services.enquiry_reply(enquiry=self.enquiry, by=self.by, body=self.cleaned_data["body"])
