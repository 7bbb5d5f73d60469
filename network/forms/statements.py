"""Forms of joint statements: drafting and signing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.widgets import NamesSelect
from communities.models import Community
from members.models import Organisation

from .. import services
from ..models import Statement
from ..models.statements import COMMENT_LENGTH, TEXT_LENGTH


class StatementForm(ServiceForm):
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.none(), widget=NamesSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Markdown: **bold**, lists with -, [links](https://…)."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=1_000_000)

    def __init__(self, *args, by, statement: Statement | None = None, **kwargs):
        self.by, self.statement = by, statement
        if statement is not None:
            latest = statement.versions.order_by("-number").values_list("number", flat=True).first() or 0
            kwargs.setdefault("initial", {"title": statement.title, "text": statement.text, "base_version": latest})
        super().__init__(*args, **kwargs)
        if statement is not None:
            del self.fields["community"]
        else:
            del self.fields["base_version"]
            communities = Community.objects.all() if by.is_coordinator else Community.objects.with_member(by)
            self.fields["community"].queryset = communities

    def clean_community(self):
        community = self.cleaned_data.get("community")
        if not self.by.has_perm("network.add_statement", community):
            raise ValidationError(_("Choose one of your communities."))
        return community

    def call_service(self) -> Statement:
        data = self.cleaned_data
        if self.statement is None:
            return services.statement_create(
                community=data["community"], title=data["title"], text=data["text"], by=self.by
            )
        return services.statement_update(
            statement=self.statement,
            title=data["title"],
            text=data["text"],
            base_version=data.get("base_version") or 0,
            by=self.by,
        )


class SignatureForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Sign for"), queryset=Organisation.objects.none(), widget=NamesSelect, empty_label=None
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, shown beside your organisation's name."),
    )

    def __init__(self, *args, statement: Statement, by, organisations, **kwargs):
        """`organisations`: those `by` leads that have not signed yet (the service checks again)."""
        self.statement, self.by = statement, by
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def call_service(self):
        return services.signature_create(statement=self.statement, by=self.by, **self.cleaned_data)
